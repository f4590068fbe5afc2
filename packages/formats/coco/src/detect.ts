// Recognises COCO datasets: `annotations/<task>_<subset>.json` (CVAT / Datumaro / MMDetection),
// `<subset>/_annotations.coco.json` (Roboflow), or a single JSON file whose start looks like COCO.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findAnnotationFiles } from './layout.js';
import type { CocoFlavour } from './read.js';

const PEEK_BYTES = 64 * 1024;
const decoder = new TextDecoder('utf-8');

async function peek(tree: FileTree, path: string): Promise<string> {
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
  return decoder.decode(bytes.subarray(0, PEEK_BYTES));
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
  // Names without a task prefix (`annotations/my_set.json`) are read as instances but prove little.
  if (files.every((file) => !file.named)) return { confidence: 0.3, reasons: [`JSON files under annotations/ without a COCO task prefix: ${other}`] };
  return { confidence: flavour === 'keypoints' ? 0.3 : 0.6, reasons: [`COCO files of other tasks: ${other}`] };
}
