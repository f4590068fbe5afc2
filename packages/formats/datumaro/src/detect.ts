// Recognises a Datumaro 1.0 dataset: `annotations/*.json` whose top level has `categories` and `items`.
import type { DetectResult, FileTree } from '@annoconv/core';
import { findAnnotationFiles } from './paths.js';

/** The first `length` bytes of a file, streamed: annotation files can be hundreds of megabytes. */
async function readHead(tree: FileTree, path: string, length: number): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of tree.stream(path)) {
    pieces.push(chunk.subarray(0, length - size));
    size += pieces[pieces.length - 1]!.length;
    if (size >= length) break;
  }
  const head = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    head.set(piece, offset);
    offset += piece.length;
  }
  return head;
}

export async function detectDatumaro(tree: FileTree): Promise<DetectResult> {
  const files = findAnnotationFiles(tree);
  if (files.length === 0) return { confidence: 0, reasons: ['no annotations/<subset>.json file'] };
  const head = new TextDecoder().decode(await readHead(tree, files[0]!.path, 1 << 16));
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
