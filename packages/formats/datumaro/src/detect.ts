// Recognises a Datumaro 1.0 dataset: `annotations/*.json` whose top level has `categories` and `items`.
import type { DetectResult, FileTree } from '@annoconv/core';
import { findAnnotationFiles } from './paths.js';

export async function detectDatumaro(tree: FileTree): Promise<DetectResult> {
  const files = findAnnotationFiles(tree);
  if (files.length === 0) return { confidence: 0, reasons: ['no annotations/<subset>.json file'] };
  const head = new TextDecoder().decode((await tree.read(files[0]!.path)).subarray(0, 1 << 16));
  const hasCategories = /"categories"\s*:/.test(head);
  const hasItems = /"items"\s*:/.test(head);
  if (!hasCategories || !hasItems) {
    // COCO, LabelMe JSON and others also keep JSON under annotations/; they lack Datumaro's pair of keys.
    return { confidence: 0, reasons: [`${files[0]!.path} has no top-level "categories" and "items"`] };
  }
  const version = /"dm_format_version"\s*:\s*"([^"]*)"/.exec(head)?.[1];
  if (version !== undefined && version !== '1.0') return { confidence: 0.2, reasons: [`unsupported dm_format_version ${version}`] };
  return { confidence: 0.9, reasons: [`${files.length} Datumaro annotation file(s) with "categories" and "items"`] };
}
