// Writes Datumaro's optional `images.meta` side file (`<item id> <height> <width>` per line), which Datumaro's YOLO
// importers read to size images that are not in the archive. CVAT does not write it; we do (option `imagesMeta`),
// so annotation-only exports can be read back without the images.
import type { Dataset, FileSink, Frame } from '@annoconv/core';
import { itemOf } from './item-path.js';

export function imagesMetaText(frames: readonly Frame[]): string {
  const seen = new Set<string>();
  let text = '';
  for (const frame of frames) {
    if (frame.width === undefined || frame.height === undefined) continue;
    const { id } = itemOf(frame.name);
    if (seen.has(id)) continue;
    seen.add(id);
    text += `${id} ${frame.height} ${frame.width}\n`;
  }
  return text;
}

/** Writes `images.meta` when at least one frame has a known size. */
export async function writeImagesMeta(dataset: Dataset, sink: FileSink): Promise<void> {
  const text = imagesMetaText(dataset.frames);
  if (text) await sink.write('images.meta', text);
}
