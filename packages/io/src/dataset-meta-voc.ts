// The label map of a VOC-style dataset (PASCAL VOC and Segmentation mask, both read by Datumaro's `voc` importer),
// from the sources in Datumaro's order: `dataset_meta.json` in the dataset root, else `labelmap.txt` there, else the
// default VOC map.
import type { DiagnosticBag, FileTree } from '@annoconv/core';
import { datasetMetaPath, readDatasetMeta } from './dataset-meta.js';
import { labelmapOrDefault, type LabelmapEntry } from './labelmap.js';
import { vocPaletteColor } from './voc-palette.js';

export interface VocLabelmapSource {
  entries: LabelmapEntry[];
  /** The file the labels came from; undefined for the default VOC map. */
  file?: string;
}

/**
 * Reads the label map of the VOC dataset whose root is `root` ('' or ending in '/'). Labels of
 * `dataset_meta.json` follow the VOC importer's rule (colours by position, parts and actions by label index); when
 * no label has a colour, each gets the VOC palette colour of its position, as with `labelmap.txt`
 * (`make_voc_categories`).
 */
export async function readVocLabelmap(tree: FileTree, root: string, diagnostics?: DiagnosticBag): Promise<VocLabelmapSource> {
  const labelmapPath = `${root}labelmap.txt`;
  const meta = await readDatasetMeta(tree, root, { rule: 'voc', ...(diagnostics ? { diagnostics } : {}) });
  if (meta) {
    if (tree.has(labelmapPath)) diagnostics?.info('field-ignored', `labelmap.txt is not read: ${datasetMetaPath(root)} takes precedence (Datumaro's VOC importer)`, { file: labelmapPath });
    if (meta.labels.length === 0) diagnostics?.warn('label-unknown', 'dataset_meta.json declares no labels; every annotation will name an unknown label', { file: meta.file });
    const entries = meta.labels;
    if (entries.length > 0 && entries.every((entry) => !entry.color)) entries.forEach((entry, index) => (entry.color = vocPaletteColor(index)));
    return { entries, file: meta.file };
  }
  if (tree.has(labelmapPath)) return { entries: labelmapOrDefault(await tree.readText(labelmapPath), labelmapPath), file: labelmapPath };
  return { entries: labelmapOrDefault(undefined, labelmapPath) };
}
