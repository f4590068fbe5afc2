// Finds the COCO annotation files of a tree and where their images are: CVAT / Datumaro layout
// (`annotations/<task>_<subset>.json`, images in `images/<subset>/`), MMDetection (`annotations/…`, images in
// `<subset>/`), Roboflow (`<subset>/_annotations.coco.json` beside its images) and a single JSON file.
import type { FileTree } from '@annoconv/core';
import { COCO_TASKS, type CocoTask } from './schema.js';

export type CocoLayout = 'coco' | 'roboflow' | 'single';

export interface AnnotationFile {
  path: string;
  task: CocoTask;
  /** Subset as the model keeps it: '' for Datumaro's `default`. */
  subset: string;
  layout: CocoLayout;
  /** Folder the dataset's `annotations/` (or Roboflow's subset folder) sits in, '' for the tree root. */
  root: string;
  /** Whether the task came from the file name (false: a name without a known task prefix). */
  named: boolean;
  size?: number;
}

const ROBOFLOW_NAME = '_annotations.coco.json';

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `<task>_<subset>.json` → task and subset; names without a known task prefix read as instances (Datumaro). */
export function taskOfName(name: string): { task: CocoTask; subset: string; named: boolean } | undefined {
  if (!name.toLowerCase().endsWith('.json')) return undefined;
  const stem = name.slice(0, -5);
  // Longest prefix first: `person_keypoints_` before anything shorter.
  const tasks = [...COCO_TASKS].sort((a, b) => b.length - a.length);
  for (const task of tasks) if (stem.startsWith(`${task}_`)) return { task, subset: normalizeSubset(stem.slice(task.length + 1)), named: true };
  const underscore = stem.indexOf('_');
  if (underscore < 0) return undefined;
  return { task: 'instances', subset: normalizeSubset(stem.slice(underscore + 1)), named: false };
}

/** Datumaro's `default` subset is the model's ''. */
export function normalizeSubset(subset: string): string {
  return subset === 'default' ? '' : subset;
}

/** Every COCO annotation file of the tree, in path order. */
export function findAnnotationFiles(tree: FileTree): AnnotationFile[] {
  const entries = tree.entries().filter((entry) => entry.path.toLowerCase().endsWith('.json'));
  const files: AnnotationFile[] = [];
  for (const entry of entries) {
    const name = basename(entry.path);
    const dir = dirname(entry.path);
    if (name === ROBOFLOW_NAME) {
      files.push({ path: entry.path, task: 'instances', subset: normalizeSubset(basename(dir)), layout: 'roboflow', root: dirname(dir), named: true, ...(entry.size !== undefined ? { size: entry.size } : {}) });
      continue;
    }
    if (basename(dir) !== 'annotations' || dir.split('/').length > 5) continue;
    const parsed = taskOfName(name);
    if (!parsed) continue;
    files.push({ path: entry.path, ...parsed, layout: 'coco', root: dirname(dir), ...(entry.size !== undefined ? { size: entry.size } : {}) });
  }
  if (files.length === 0 && entries.length === 1) {
    // A single JSON file: CVAT puts it at annotations/default.json and reads it as instances of subset `default`.
    const entry = entries[0]!;
    const parsed = taskOfName(basename(entry.path));
    files.push({
      path: entry.path,
      task: parsed?.named ? parsed.task : 'instances',
      subset: parsed?.named ? parsed.subset : '',
      layout: 'single',
      root: dirname(entry.path),
      named: parsed?.named ?? false,
      ...(entry.size !== undefined ? { size: entry.size } : {}),
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where an image of this file may be, most likely first. */
export function imageCandidates(file: AnnotationFile, fileName: string, subsetFolder: string): string[] {
  const join = (...parts: string[]): string => parts.filter((part) => part !== '').join('/');
  if (file.layout === 'roboflow') return [join(dirname(file.path), fileName)];
  return [join(file.root, 'images', subsetFolder, fileName), join(file.root, 'images', fileName), join(file.root, subsetFolder, fileName), join(file.root, fileName)];
}
