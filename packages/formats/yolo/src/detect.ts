// Detectors for the YOLO family. They share one scale so the engine can tell flavours apart: a config file that
// names the layout gives high confidence, and the field count of the first label line separates Detection
// (5/6 fields), OBB (9/10) and Segmentation (odd ≥ 7) — which Datumaro itself cannot do (FORMATS.md §4.4).
import type { DetectResult, FileTree } from '@annoconv/core';
import { parse as parseYaml } from 'yaml';
import { findDarknetConfig, findYamlConfig } from './find-config.js';
import { isImagePath } from './item-path.js';
import { classificationRoot } from './read-classification.js';
import { splitLines } from './line.js';

export type UltralyticsDetectFlavour = 'detection' | 'segmentation' | 'obb' | 'pose';

export async function detectDarknet(tree: FileTree): Promise<DetectResult> {
  const config = findDarknetConfig(tree);
  if (config) return { confidence: 0.95, reasons: [`found Darknet config ${config.path}`] };
  const paths = tree.entries().map((entry) => entry.path);
  const names = paths.find((path) => /(^|\/)obj\.names$/.test(path) && path.split('/').length <= 2);
  if (!names) return { confidence: 0, reasons: ['no obj.data and no obj.names'] };
  const fields = await firstLineFieldCount(tree, paths.filter((path) => /(^|\/)([Aa]nnotations|[Ll]abels)\/.*\.txt$/.test(path)));
  if (fields === undefined) return { confidence: 0.3, reasons: ['obj.names found, but no label files under Annotations/ or labels/'] };
  if (fields !== 5) return { confidence: 0.1, reasons: [`obj.names found, but label lines have ${fields} fields, not 5`] };
  return { confidence: 0.7, reasons: ['obj.names with label files of 5 fields (Datumaro loose YOLO layout)'] };
}

export async function detectUltralytics(tree: FileTree, flavour: UltralyticsDetectFlavour): Promise<DetectResult> {
  const config = findYamlConfig(tree);
  if (!config) return { confidence: 0, reasons: ['no data.yaml at the root or one level below'] };
  let yaml: unknown;
  try {
    yaml = parseYaml(await tree.readText(config.path));
  } catch {
    return { confidence: 0, reasons: [`${config.path} is not valid YAML`] };
  }
  if (typeof yaml !== 'object' || yaml === null || !('names' in yaml)) return { confidence: 0, reasons: [`${config.path} has no 'names'`] };
  const hasKeypoints = 'kpt_shape' in yaml;
  if (flavour === 'pose') {
    return hasKeypoints ? { confidence: 0.95, reasons: [`${config.path} has names and kpt_shape`] } : { confidence: 0.05, reasons: [`${config.path} has no kpt_shape`] };
  }
  if (hasKeypoints) return { confidence: 0.1, reasons: [`${config.path} has kpt_shape (a Pose dataset)`] };
  const paths = tree.entries().map((entry) => entry.path);
  const sample = await sampleLabelLines(tree, paths.filter((path) => /(^|\/)labels\/.*\.txt$/.test(path)));
  if (sample.length === 0) {
    // Nothing to look at: Detection is the likeliest reading of an empty dataset.
    return { confidence: flavour === 'detection' ? 0.6 : 0.5, reasons: [`${config.path} has names; no label lines to tell the flavour`] };
  }
  const fields = sample[0]!.length;
  const fits = {
    detection: fields === 5 || fields === 6,
    obb: fields === 9 || fields === 10,
    segmentation: fields >= 7,
  }[flavour];
  if (!fits) return { confidence: 0.1, reasons: [`label lines have ${fields} fields, which ${flavour} does not use`] };
  if (fields !== 9 && fields !== 10) return { confidence: 0.9, reasons: [`${config.path} has names; label lines have ${fields} fields`] };
  // 9 or 10 fields is also a 4-point polygon. Another line of a Segmentation field count settles it; else OBB is
  // the likelier reading only when every quadrilateral is a (scaled) rectangle, as OBB exports write them.
  const other = sample.find((row) => row.length !== 9 && row.length !== 10);
  if (other !== undefined) {
    const segmentation = other.length >= 7;
    const confidence = flavour === 'segmentation' ? (segmentation ? 0.9 : 0.1) : segmentation ? 0.1 : 0.5;
    return { confidence, reasons: [`label lines have 9 or 10 fields and also ${other.length}`] };
  }
  const rectangles = sample.every(isParallelogram);
  const confidence = rectangles ? (flavour === 'segmentation' ? 0.5 : 0.9) : flavour === 'segmentation' ? 0.7 : 0.6;
  return { confidence, reasons: [`${config.path} has names; label lines have ${fields} fields${rectangles ? ', every quadrilateral a rectangle' : ', not every quadrilateral a rectangle'}`] };
}

/** Corners p1…p4 whose diagonals share their midpoint: a rectangle stays a parallelogram when x and y are normalized apart. */
function isParallelogram(fields: readonly string[]): boolean {
  const value = (index: number): number => Number(fields[index]);
  const tolerance = 1e-5;
  return Math.abs(value(1) + value(5) - value(3) - value(7)) <= tolerance && Math.abs(value(2) + value(6) - value(4) - value(8)) <= tolerance;
}

export async function detectClassification(tree: FileTree): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  if (findYamlConfig(tree) || findDarknetConfig(tree)) return { confidence: 0, reasons: ['a YOLO config file is present: a detection-style layout'] };
  const root = classificationRoot(paths);
  const inside = root ? paths.map((path) => path.slice(root.length + 1)) : paths;
  // Only images and per-subset labels.json: any other annotation file means another format.
  const other = inside.find((path) => !isImagePath(path) && !/^[^/]+\/labels\.json$/.test(path) && !/^[^/]*\.(md|txt)$/i.test(path) && !/(^|\/)\.[^/]*$/.test(path));
  if (other !== undefined) return { confidence: 0, reasons: [`'${other}' is neither an image nor <subset>/labels.json`] };
  const images = inside.filter(isImagePath);
  const hasLabelsJson = inside.some((path) => /^[^/]+\/labels\.json$/.test(path));
  if (images.length === 0 && !hasLabelsJson) return { confidence: 0, reasons: ['no images in <subset>/<class>/ folders and no <subset>/labels.json'] };
  const misplaced = images.find((path) => path.split('/').length !== 3);
  if (misplaced !== undefined) return { confidence: 0, reasons: [`image '${misplaced}' is not at <subset>/<class>/<file>`] };
  if (hasLabelsJson) return { confidence: 0.8, reasons: ['<subset>/labels.json with images only in <subset>/<class>/ folders'] };
  // Any folder of folders of images qualifies, so this stays below the formats that have a config file (FORMATS.md §4.5).
  return { confidence: 0.3, reasons: ['only images, all in <subset>/<class>/ folders'] };
}

async function firstLineFieldCount(tree: FileTree, candidates: string[]): Promise<number | undefined> {
  return (await sampleLabelLines(tree, candidates))[0]?.length;
}

/** The fields of the label lines of the first 50 label files (sorted by path), at most 2,000 lines. */
async function sampleLabelLines(tree: FileTree, candidates: string[]): Promise<string[][]> {
  const sorted = [...candidates].sort();
  const sample: string[][] = [];
  for (const path of sorted.slice(0, 50)) {
    for (const row of splitLines(await tree.readText(path))) {
      sample.push(row.fields);
      if (sample.length >= 2000) return sample;
    }
  }
  return sample;
}
