// CVAT's own mask encoding (the `points` of a `mask` shape, CVAT-MODEL §4.1): run lengths over the tight,
// inclusive box, row-major, starting with a 0-run, followed by `left, top, right, bottom`. Converted to and
// from full-image COCO RLE (server `MaskConverter`, §4.2 / §4.3) and full-image row-major bitmaps.
import type { Rle } from './rle.js';
import { GeometryError } from './geometry-error.js';
import { ScratchUint32 } from './scratch.js';

/**
 * What an empty mask encodes to: no runs over a 1×1 box at the origin, i.e. what cvat-core stores for a
 * mask cropped away entirely. It decodes to an empty mask and passes the server's "at least 5 numbers" check.
 */
export const EMPTY_CVAT_MASK: readonly number[] = Object.freeze([0, 0, 0, 0, 0]);

let boxScratch = new Uint8Array(4096);
const countScratch = new ScratchUint32();

type Box = { left: number; top: number; right: number; bottom: number; boxWidth: number; boxHeight: number };

function readBox(points: ArrayLike<number>): Box {
  const n = points.length;
  if (n < 5) throw new GeometryError('invalid-mask', `a CVAT mask needs at least 5 numbers, got ${n}`);
  // The server truncates the box toward zero (`math.trunc`) before using it.
  const left = Math.trunc(points[n - 4]);
  const top = Math.trunc(points[n - 3]);
  const right = Math.trunc(points[n - 2]);
  const bottom = Math.trunc(points[n - 1]);
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  if (!(boxWidth > 0 && boxHeight > 0))
    throw new GeometryError('invalid-mask', `invalid CVAT mask box left ${left}, top ${top}, right ${right}, bottom ${bottom}`);
  return { left, top, right, bottom, boxWidth, boxHeight };
}

/** Decodes the box runs into a row-major scratch bitmap of the box (valid until the next call). */
function decodeBox(points: ArrayLike<number>, box: Box): Uint8Array {
  const size = box.boxWidth * box.boxHeight;
  if (boxScratch.length < size) boxScratch = new Uint8Array(Math.max(size, boxScratch.length * 2));
  const bitmap = boxScratch;
  bitmap.fill(0, 0, size);
  const runCount = points.length - 4;
  let position = 0;
  for (let j = 0; j < runCount && position < size; j++) {
    // Counts are unsigned integers to the server (pycocotools casts them to uint).
    const count = Math.max(0, Math.trunc(points[j]));
    const stop = Math.min(size, position + count);
    if ((j & 1) === 1) bitmap.fill(1, position, stop);
    position = stop;
  }
  return bitmap;
}

/**
 * Full-image COCO RLE of a CVAT mask. Box parts outside the image are cropped (as cvat-core does; the
 * server would fail on them).
 */
export function cvatMaskToRle(points: ArrayLike<number>, height: number, width: number): Rle {
  const box = readBox(points);
  const bitmap = decodeBox(points, box);
  const x0 = Math.max(box.left, 0);
  const x1 = Math.min(box.right, width - 1);
  const y0 = Math.max(box.top, 0);
  const y1 = Math.min(box.bottom, height - 1);
  const area = height * width;
  if (x0 > x1 || y0 > y1) return { size: [height, width], counts: Uint32Array.of(area) };
  const counts = countScratch.get(2 * (x1 - x0 + 1) * (y1 - y0 + 2) + 2);
  // Column-major walk of the visible box; everything around it is background.
  let n = 0;
  let value = 0;
  let run = x0 * height;
  for (let x = x0; x <= x1; x++) {
    if (y0 > 0) {
      if (value === 0) run += y0;
      else {
        counts[n++] = run;
        value = 0;
        run = y0;
      }
    }
    let index = (y0 - box.top) * box.boxWidth + (x - box.left);
    for (let y = y0; y <= y1; y++, index += box.boxWidth) {
      const pixel = bitmap[index];
      if (pixel === value) run++;
      else {
        counts[n++] = run;
        value = pixel;
        run = 1;
      }
    }
    const below = height - 1 - y1;
    if (below > 0) {
      if (value === 0) run += below;
      else {
        counts[n++] = run;
        value = 0;
        run = below;
      }
    }
  }
  const after = (width - 1 - x1) * height;
  if (value === 0) run += after;
  else if (after > 0) {
    counts[n++] = run;
    run = after;
  }
  counts[n++] = run;
  return { size: [height, width], counts: counts.slice(0, n) };
}

/**
 * CVAT mask points of a COCO RLE: the tight box of the set pixels, its row-major runs starting with a 0-run
 * (a leading 0 when the first pixel is set, as the server's `MaskConverter.rle` does), then the inclusive box.
 * An empty mask gives `EMPTY_CVAT_MASK`.
 */
export function rleToCvatMask(rle: Rle): number[] {
  const [height, width] = rle.size;
  const area = height * width;
  const counts = rle.counts;
  // Tight box from the runs.
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  let position = 0;
  for (let j = 0; j < counts.length && position < area; j++) {
    const count = counts[j];
    const stop = Math.min(area, position + count);
    if ((j & 1) === 1 && stop > position) {
      const x0 = Math.floor(position / height);
      const x1 = Math.floor((stop - 1) / height);
      if (x0 < left) left = x0;
      if (x1 > right) right = x1;
      if (x1 > x0) {
        top = 0;
        bottom = height - 1;
      } else {
        const y0 = position - x0 * height;
        const y1 = stop - 1 - x0 * height;
        if (y0 < top) top = y0;
        if (y1 > bottom) bottom = y1;
      }
    }
    position = stop;
  }
  if (right < 0) return [...EMPTY_CVAT_MASK];
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const size = boxWidth * boxHeight;
  if (boxScratch.length < size) boxScratch = new Uint8Array(Math.max(size, boxScratch.length * 2));
  const bitmap = boxScratch;
  bitmap.fill(0, 0, size);
  position = 0;
  for (let j = 0; j < counts.length && position < area; j++) {
    const stop = Math.min(area, position + counts[j]);
    if ((j & 1) === 1 && stop > position) {
      // The run, column piece by column piece: one division per run instead of one per pixel.
      let x = Math.floor(position / height);
      let y = position - x * height;
      for (let k = position; k < stop; ) {
        const pixels = Math.min(stop - k, height - y);
        let index = (y - top) * boxWidth + (x - left);
        for (let i = 0; i < pixels; i++, index += boxWidth) bitmap[index] = 1;
        k += pixels;
        x++;
        y = 0;
      }
    }
    position = stop;
  }
  return boxRuns(bitmap, size, [left, top, right, bottom]);
}

/** Row-major runs of a 0/1 box bitmap starting with a 0-run, followed by the box. */
function boxRuns(bitmap: Uint8Array, size: number, box: number[]): number[] {
  const result: number[] = [];
  let value = 0;
  let run = 0;
  for (let k = 0; k < size; k++) {
    if (bitmap[k] === value) run++;
    else {
      result.push(run);
      value = bitmap[k];
      run = 1;
    }
  }
  result.push(run);
  for (const side of box) result.push(side);
  return result;
}

/** Full-image row-major 0/1 bitmap of a CVAT mask (box parts outside the image are cropped). */
export function cvatMaskToBitmap(points: ArrayLike<number>, height: number, width: number): Uint8Array {
  const box = readBox(points);
  const result = new Uint8Array(height * width);
  const x0 = Math.max(box.left, 0);
  const x1 = Math.min(box.right, width - 1);
  if (x0 > x1) return result;
  const size = box.boxWidth * box.boxHeight;
  const runCount = points.length - 4;
  let position = 0;
  for (let j = 0; j < runCount && position < size; j++) {
    const count = Math.max(0, Math.trunc(points[j]));
    const stop = Math.min(size, position + count);
    if ((j & 1) === 1) {
      // Split the run at box rows and paste each piece, clipped to the image.
      let start = position;
      while (start < stop) {
        const row = Math.floor(start / box.boxWidth);
        const rowStop = Math.min(stop, (row + 1) * box.boxWidth);
        const y = box.top + row;
        if (y >= 0 && y < height) {
          const from = Math.max(box.left + (start - row * box.boxWidth), x0);
          const to = Math.min(box.left + (rowStop - row * box.boxWidth) - 1, x1);
          if (from <= to) result.fill(1, y * width + from, y * width + to + 1);
        }
        start = rowStop;
      }
    }
    position = stop;
  }
  return result;
}

/** CVAT mask points of a full-image row-major bitmap (0 = background); empty gives `EMPTY_CVAT_MASK`. */
export function bitmapToCvatMask(bitmap: Uint8Array, height: number, width: number): number[] {
  if (bitmap.length < height * width)
    throw new GeometryError('invalid-mask', `bitmap has ${bitmap.length} bytes, expected ${height}×${width}`);
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (bitmap[base + x] !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first >= 0) {
      if (top < 0) top = y;
      bottom = y;
      if (first < left) left = first;
      if (last > right) right = last;
    }
  }
  if (top < 0) return [...EMPTY_CVAT_MASK];
  const result: number[] = [];
  let value = 0;
  let run = 0;
  for (let y = top; y <= bottom; y++) {
    const base = y * width;
    for (let x = left; x <= right; x++) {
      const pixel = bitmap[base + x] === 0 ? 0 : 1;
      if (pixel === value) run++;
      else {
        result.push(run);
        value = pixel;
        run = 1;
      }
    }
  }
  result.push(run, left, top, right, bottom);
  return result;
}
