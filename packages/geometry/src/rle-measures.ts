// Area and bounding box of a COCO RLE, computed on the runs (pycocotools `rleArea`, `rleToBbox`).
import type { Rle } from './rle.js';

/** Number of set pixels: the sum of the odd-position counts. */
export function rleArea(rle: Rle): number {
  const counts = rle.counts;
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}

/**
 * `[x, y, width, height]` of the set pixels, exactly as pycocotools' `rleToBbox` computes it (an odd trailing
 * count is ignored; an empty mask gives `[0, 0, 0, 0]`; a run crossing a column boundary spans every row).
 */
export function rleToBbox(rle: Rle): [number, number, number, number] {
  const box: [number, number, number, number] = [0, 0, 0, 0];
  bboxInto(rle, box, 0);
  return box;
}

/** Writes the pycocotools bbox of `rle` into `target[offset…offset+3]`. */
export function bboxInto(rle: Rle, target: { [index: number]: number }, offset: number): void {
  const height = rle.size[0];
  const width = rle.size[1];
  const counts = rle.counts;
  const m = counts.length & ~1;
  if (m === 0) {
    target[offset] = target[offset + 1] = target[offset + 2] = target[offset + 3] = 0;
    return;
  }
  let xs = width;
  let ys = height;
  let xe = 0;
  let ye = 0;
  let xp = 0;
  let cc = 0;
  for (let j = 0; j < m; j++) {
    // pycocotools works in unsigned 32-bit arithmetic here.
    cc = (cc + counts[j]) >>> 0;
    const t = (cc - (j & 1)) >>> 0;
    const y = t % height;
    const x = (t - y) / height;
    if ((j & 1) === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = height - 1;
    }
    if (x < xs) xs = x;
    if (x > xe) xe = x;
    if (y < ys) ys = y;
    if (y > ye) ye = y;
  }
  target[offset] = xs;
  target[offset + 1] = ys;
  target[offset + 2] = xe - xs + 1;
  target[offset + 3] = ye - ys + 1;
}
