// Recognises COCO datasets: `annotations/<task>_<subset>.json` (CVAT / Datumaro / MMDetection),
// `<subset>/_annotations.coco.json` (Roboflow), or a single JSON file whose start looks like COCO.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findAnnotationFiles } from './layout.js';
import type { CocoFlavour } from './read.js';

const PEEK_BYTES = 64 * 1024;
const decoder = new TextDecoder('utf-8');

async function peek(tree: FileTree, path: string): Promise<string> {
  return (await peekAll(tree, path)).text;
}

/** The first PEEK_BYTES of a file as text, and whether that is the whole file. */
async function peekAll(tree: FileTree, path: string): Promise<{ text: string; whole: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of tree.stream(path)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= PEEK_BYTES) break;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { text: decoder.decode(bytes.subarray(0, PEEK_BYTES)), whole: length < PEEK_BYTES };
}

/**
 * Whether a JSON file has COCO's top-level keys: `images` and `annotations` or `categories`. A file that fits in
 * the peek is parsed; of a bigger one, only its start is seen, so `images` or one of the others must show there.
 */
async function hasCocoKeys(tree: FileTree, path: string): Promise<boolean> {
  const { text: head, whole } = await peekAll(tree, path);
  if (whole) {
    let value: unknown;
    try {
      value = JSON.parse(head);
    } catch {
      return false;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const keys = value as Record<string, unknown>;
    return Array.isArray(keys.images) && (Array.isArray(keys.annotations) || Array.isArray(keys.categories));
  }
  return /"(images|annotations|categories)"\s*:\s*\[/.test(head);
}

export async function detectCoco(tree: FileTree, _context: FormatContext, flavour: CocoFlavour): Promise<DetectResult> {
  const files = findAnnotationFiles(tree);
  if (files.length === 0) return { confidence: 0, reasons: ['no annotations/<task>_<subset>.json, _annotations.coco.json or single JSON file'] };
  const wanted = flavour === 'keypoints' ? 'person_keypoints' : 'instances';
  const single = files.length === 1 && files[0]!.layout === 'single' ? files[0]! : undefined;
  if (single) {
    const head = await peek(tree, single.path);
    const looksCoco = /"(images|annotations|categories)"\s*:\s*\[/.test(head);
    if (!looksCoco) return { confidence: 0, reasons: [`${single.path} has no top-level images / annotations / categories arrays`] };
    const keypoints = single.task === 'person_keypoints' || /"keypoints"\s*:\s*\[/.test(head);
    if (flavour === 'keypoints') return keypoints ? { confidence: 0.7, reasons: [`${single.path} looks like COCO with keypoints`] } : { confidence: 0.2, reasons: [`${single.path} looks like COCO but shows no keypoints`] };
    return { confidence: keypoints ? 0.5 : 0.6, reasons: [`${single.path} looks like a COCO JSON file`] };
  }
  const named = files.filter((file) => file.task === wanted && file.named);
  if (named.length > 0) return { confidence: named.some((file) => file.layout === 'roboflow') ? 0.8 : 0.9, reasons: [`found ${named.map((file) => file.path).join(', ')}`] };
  const other = files.map((file) => file.path).join(', ');
  // Names without a task prefix (`annotations/my_set.json`) are read as instances but prove little: such a file
  // counts only when it has COCO's top-level keys (Open Images keeps bbox_labels_600_hierarchy.json there).
  if (files.every((file) => !file.named)) {
    const coco: string[] = [];
    const notCoco: string[] = [];
    for (const file of files) ((await hasCocoKeys(tree, file.path)) ? coco : notCoco).push(file.path);
    if (coco.length === 0) return { confidence: 0, reasons: [`JSON files under annotations/ without a COCO task prefix and without COCO's top-level 'images' plus 'annotations' or 'categories': ${notCoco.join(', ')}`] };
    return { confidence: 0.3, reasons: [`JSON files under annotations/ without a COCO task prefix: ${coco.join(', ')}`] };
  }
  return { confidence: flavour === 'keypoints' ? 0.3 : 0.6, reasons: [`COCO files of other tasks: ${other}`] };
}
