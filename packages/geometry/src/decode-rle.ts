// COCO RLE decoding into a row-major bitmap (pycocotools `rleDecode` followed by a transpose to C order).
import type { Rle } from './rle.js';
import { GeometryError } from './geometry-error.js';
import { ScratchInt32 } from './scratch.js';

const toggleScratch = new ScratchInt32();
const rowStartScratch = new ScratchInt32();
const sortedScratch = new ScratchInt32();
let bitmapScratch = new Uint8Array(0);

/**
 * Decodes a COCO RLE into a row-major `Uint8Array` of 0 / 1.
 *
 * Each 1-run marks two toggles per column it touches (its first row and the row after its last). Row y of the
 * result is then row y − 1 copied (a memcpy) with row y's toggles applied: no per-pixel work at all. The rows
 * are built in a reused scratch buffer and copied out once, which is much cheaper than zero-filling a fresh
 * buffer; with `target` (at least height × width bytes) the rows are written there directly and `target` is
 * returned, so a caller decoding many masks allocates nothing. Counts summing to less than the image leave the rest 0; counts beyond it are ignored (pycocotools
 * would write out of bounds).
 */
export function decodeRle(rle: Rle, target?: Uint8Array): Uint8Array {
  const [height, width] = rle.size;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 0 && width >= 0))
    throw new GeometryError('invalid-rle', `invalid RLE size [${height}, ${width}]`);
  const area = height * width;
  if (target !== undefined && target.length < area)
    throw new GeometryError('invalid-mask', `target has ${target.length} bytes, expected ${height}×${width}`);
  if (area === 0) return target ?? new Uint8Array(0);
  const counts = rle.counts;
  const countLength = counts.length;

  // 1. Toggles as row-major indices y * width + x.
  let toggleCapacity = 0;
  for (let j = 1; j < countLength; j += 2) toggleCapacity += 2 * (Math.ceil(counts[j] / height) + 1);
  const toggles = toggleScratch.get(toggleCapacity);
  let toggleCount = 0;
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
        toggles[toggleCount++] = (start - columnBase) * width + x;
        const afterRow = columnStop - columnBase;
        if (afterRow < height) toggles[toggleCount++] = afterRow * width + x;
        start = columnStop;
      }
    }
    position += count;
  }

  // 2. Counting sort of the toggles by row.
  const rowStart = rowStartScratch.get(height + 1);
  rowStart.fill(0, 0, height + 1);
  for (let t = 0; t < toggleCount; t++) rowStart[Math.floor(toggles[t] / width) + 1]++;
  for (let y = 0; y < height; y++) rowStart[y + 1] += rowStart[y];
  const sorted = sortedScratch.get(toggleCount);
  for (let t = 0; t < toggleCount; t++) {
    const index = toggles[t];
    sorted[rowStart[Math.floor(index / width)]++] = index;
  }
  for (let y = height; y > 0; y--) rowStart[y] = rowStart[y - 1];
  rowStart[0] = 0;

  // 3. Rows: copy the previous row, apply this row's toggles.
  if (target === undefined && bitmapScratch.length < area) bitmapScratch = new Uint8Array(area);
  const bitmap = target ?? bitmapScratch;
  bitmap.fill(0, 0, width);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    if (y > 0) bitmap.copyWithin(base, base - width, base);
    const end = rowStart[y + 1];
    for (let t = rowStart[y]; t < end; t++) bitmap[sorted[t]] ^= 1;
  }
  return target ?? bitmap.slice(0, area);
}
