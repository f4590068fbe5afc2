// Image size of a file in a tree, reading only as much of its start as the header needs.
import type { FileTree } from '@annoconv/core';
import type { ImageSize } from './image-size.js';
import { probeImageSize } from './image-size.js';

/** A tree that can read the first bytes of a file without reading the rest (folders and single files can). */
export interface PrefixReader {
  readPrefix(path: string, length: number): Promise<Uint8Array>;
}

function canReadPrefix(tree: FileTree): tree is FileTree & PrefixReader {
  return typeof (tree as Partial<PrefixReader>).readPrefix === 'function';
}

/** First read of a header; most headers fit, JPEGs with large EXIF or ICC segments need a second or third. */
const FIRST_PREFIX = 4096;

/** The size of the image at `path`, or undefined when it is not an image this module can read a size from. */
export async function imageSizeFromTree(tree: FileTree, path: string): Promise<ImageSize | undefined> {
  if (canReadPrefix(tree)) {
    for (let length = FIRST_PREFIX; ; length *= 4) {
      const bytes = await tree.readPrefix(path, length);
      const probe = probeImageSize(bytes);
      if (probe === 'need-more' && bytes.byteLength === length) continue;
      return typeof probe === 'object' ? probe : undefined;
    }
  }
  // Otherwise read chunks until the header is complete; leaving the loop stops the stream (and any inflating).
  // Probing at doubling lengths keeps the joining linear even when the header sits at the end (TIFF).
  const chunks: Uint8Array[] = [];
  let total = 0;
  let nextProbe = FIRST_PREFIX;
  const probe = () => probeImageSize(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  for await (const chunk of tree.stream(path)) {
    chunks.push(chunk);
    total += chunk.byteLength;
    if (total < nextProbe) continue;
    nextProbe = total * 2;
    const result = probe();
    if (result !== 'need-more') return typeof result === 'object' ? result : undefined;
  }
  const result = total > 0 ? probe() : 'unknown';
  return typeof result === 'object' ? result : undefined;
}
