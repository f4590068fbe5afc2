// COCO RLE decoding into a row-major bitmap (pycocotools `rleDecode` followed by a transpose to C order).
import type { Rle } from './rle.js';
import { GeometryError } from './geometry-error.js';

/**
 * Decodes a COCO RLE into a row-major `Uint8Array` of 0 / 1.
 *
 * Each 1-run is written as two toggles per column it touches (its first row and the row after its last), then
 * one pass XORs every row into the next, four bytes at a time: no per-pixel work for the runs themselves.
 * Counts summing to less than the image leave the rest 0; counts beyond it are ignored (pycocotools would
 * write out of bounds).
 */
export function decodeRle(rle: Rle): Uint8Array {
  const [height, width] = rle.size;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 0 && width >= 0))
    throw new GeometryError('invalid-rle', `invalid RLE size [${height}, ${width}]`);
  const area = height * width;
  const bitmap = new Uint8Array(area);
  if (area === 0) return bitmap;
  const counts = rle.counts;
  const countLength = counts.length;
  let position = 0;
  for (let j = 0; j < countLength && position < area; j++) {
    const count = counts[j];
    if ((j & 1) === 1 && count > 0) {
      let start = position;
      const stop = Math.min(position + count, area);
      while (start < stop) {
        const x = Math.floor(start / height);
        const columnBase = x * height;
        const columnStop = Math.min(stop, columnBase + height);
        bitmap[(start - columnBase) * width + x] ^= 1;
        const afterRow = columnStop - columnBase;
        if (afterRow < height) bitmap[afterRow * width + x] ^= 1;
        start = columnStop;
      }
    }
    position += count;
  }
  // Prefix XOR down the columns turns the toggles into pixels.
  if ((width & 3) === 0) {
    const words = new Uint32Array(bitmap.buffer, 0, area >>> 2);
    const wordsPerRow = width >>> 2;
    const wordCount = area >>> 2;
    for (let word = wordsPerRow; word < wordCount; word++) words[word] ^= words[word - wordsPerRow];
  } else {
    for (let index = width; index < area; index++) bitmap[index] ^= bitmap[index - width];
  }
  return bitmap;
}
