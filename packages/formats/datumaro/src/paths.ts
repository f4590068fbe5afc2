// Where a Datumaro dataset keeps its files: `annotations/<subset>.json` and `images/<subset>/<item id><ext>`.
import type { FileTree } from '@annoconv/core';

export interface AnnotationFile {
  path: string;
  subset: string;
  /** The dataset root the file belongs to ('' or 'some/dir/'), for finding images. */
  root: string;
  /** Size in bytes, when the tree knows it (the reader streams big files). */
  size?: number;
}

const ANNOTATION_FILE = /^(.*?)annotations\/([^/]+)\.json$/;

/** Every `annotations/<subset>.json` of the tree, sorted by root and subset; a tree holding one bare JSON file gives it as `default`. */
export function findAnnotationFiles(tree: FileTree): AnnotationFile[] {
  const files: AnnotationFile[] = [];
  for (const entry of tree.entries()) {
    const match = ANNOTATION_FILE.exec(entry.path);
    if (match && (match[1] === '' || match[1]!.endsWith('/'))) files.push({ path: entry.path, subset: match[2]!, root: match[1]!, ...(entry.size !== undefined ? { size: entry.size } : {}) });
  }
  if (files.length === 0) {
    const json = tree.entries().filter((entry) => entry.path.endsWith('.json'));
    if (json.length === 1) files.push({ path: json[0]!.path, subset: 'default', root: '', ...(json[0]!.size !== undefined ? { size: json[0]!.size } : {}) });
  }
  return files.sort((a, b) => (a.root === b.root ? a.subset.localeCompare(b.subset) : a.root.localeCompare(b.root)));
}
