// The pixel area of one polygon under pycocotools' rule (`rleFrPoly` then `rleArea`), counted without building
// its RLE: the same column-boundary points are found, but per crossed pixel column instead of per upsampled
// outline point, and the set pixels are read off the sorted boundaries as alternating differences.
import { ScratchInt32 } from './scratch.js';

const SCALE = 5;
const vertexX = new ScratchInt32();
const vertexY = new ScratchInt32();
const columnScratch = new ScratchInt32();
const rowScratch = new ScratchInt32();
const sortedScratch = new ScratchInt32();
const startScratch = new ScratchInt32();

/**
 * `rleArea(polygonToRle(polygon, height, width))`, exactly, without allocating. pycocotools upsamples the outline
 * 5× and takes a column boundary wherever two consecutive outline points step between upsampled columns `5c + 2`
 * and `5c + 3` (the centre of pixel column `c`); those steps are found here directly, so a 20-vertex polygon
 * costs a few hundred operations instead of thousands.
 */
export function polygonArea(polygon: ArrayLike<number>, height: number, width: number): number {
  const k = polygon.length >> 1;
  const area = height * width;
  if (k === 0 || area === 0) return 0;
  // Vertices scaled and rounded the C way, as polygonToRle does: `(int)(5 * v + .5)` truncates toward zero.
  const x = vertexX.get(k + 1);
  const y = vertexY.get(k + 1);
  let bound = 1;
  for (let j = 0; j < k; j++) {
    x[j] = (SCALE * polygon[2 * j] + 0.5) | 0;
    y[j] = (SCALE * polygon[2 * j + 1] + 0.5) | 0;
  }
  x[k] = x[0];
  y[k] = y[0];
  for (let j = 0; j < k; j++) bound += Math.min(width, Math.floor(Math.abs(x[j + 1] - x[j]) / SCALE) + 2);
  // Boundary j lies at pixel position columns[j] * height + rows[j] (rows run 0…height inclusive).
  const columns = columnScratch.get(bound);
  const rows = rowScratch.get(bound);
  let count = 0;
  let minColumn = width;
  let maxColumn = -1;

  for (let j = 0; j < k; j++) {
    let xs = x[j];
    let xe = x[j + 1];
    let ys = y[j];
    let ye = y[j + 1];
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    // Oriented exactly as pycocotools orients the edge, so every outline point is computed by the same expression
    // (the order the points are visited in does not matter: a boundary depends only on its pair of points).
    if ((dx >= dy && xs > xe) || (dx < dy && ys > ye)) {
      let t = xs;
      xs = xe;
      xe = t;
      t = ys;
      ys = ye;
      ye = t;
    }
    // A vertical or zero-length edge never changes column; consecutive edges share their end point.
    if (dx === 0) continue;
    if (dx >= dy) {
      // Points (xs + t, v(t)) for t = 0…dx: the pair (t, t + 1) crosses pixel column c when xs + t = 5c + 2.
      const s = (ye - ys) / dx;
      const firstColumn = Math.max(0, Math.ceil((xs - 2) / SCALE));
      const lastColumn = Math.min(width - 1, Math.floor((xe - 3) / SCALE));
      for (let c = firstColumn; c <= lastColumn; c++) {
        const t = SCALE * c + 2 - xs;
        const v0 = (ys + s * t + 0.5) | 0;
        const v1 = (ys + s * (t + 1) + 0.5) | 0;
        columns[count] = c;
        rows[count++] = rowOf(v0 < v1 ? v0 : v1, height);
      }
      if (firstColumn <= lastColumn) {
        if (firstColumn < minColumn) minColumn = firstColumn;
        if (lastColumn > maxColumn) maxColumn = lastColumn;
      }
    } else {
      // Points (u(t), ys + t) for t = 0…dy, with |slope| < 1: u moves by at most one per step and monotonically,
      // so column c is crossed once if u passes from 5c + 2 to 5c + 3 (or back), at the first t beyond it.
      const s = (xe - xs) / dy;
      const u0 = (xs + 0.5) | 0;
      const u1 = (xs + s * dy + 0.5) | 0;
      if (s > 0) {
        const firstColumn = Math.max(0, Math.ceil((u0 - 2) / SCALE));
        const lastColumn = Math.min(width - 1, Math.floor((u1 - 3) / SCALE));
        for (let c = firstColumn; c <= lastColumn; c++) {
          const target = SCALE * c + 3;
          let t = Math.min(dy, Math.max(1, Math.ceil((target - 0.5 - xs) / s)));
          while (t > 1 && ((xs + s * (t - 1) + 0.5) | 0) >= target) t--;
          while (((xs + s * t + 0.5) | 0) < target) t++;
          columns[count] = c;
          rows[count++] = rowOf(ys + t - 1, height);
        }
        if (firstColumn <= lastColumn) {
          if (firstColumn < minColumn) minColumn = firstColumn;
          if (lastColumn > maxColumn) maxColumn = lastColumn;
        }
      } else {
        const firstColumn = Math.max(0, Math.ceil((u1 - 2) / SCALE));
        const lastColumn = Math.min(width - 1, Math.floor((u0 - 3) / SCALE));
        for (let c = firstColumn; c <= lastColumn; c++) {
          const target = SCALE * c + 2;
          let t = Math.min(dy, Math.max(1, Math.floor((target + 0.5 - xs) / s) + 1));
          while (t > 1 && ((xs + s * (t - 1) + 0.5) | 0) <= target) t--;
          while (((xs + s * t + 0.5) | 0) > target) t++;
          columns[count] = c;
          rows[count++] = rowOf(ys + t - 1, height);
        }
        if (firstColumn <= lastColumn) {
          if (firstColumn < minColumn) minColumn = firstColumn;
          if (lastColumn > maxColumn) maxColumn = lastColumn;
        }
      }
    }
  }
  if (count === 0) return 0;

  // Pixel p is set when an odd number of boundaries lie at or before it (a repeated boundary cancels, as the
  // run-merging of pycocotools does), so the area is the alternating sum of the sorted boundary positions, plus
  // the image end (pycocotools' final boundary) when their number is odd. Sorting is a counting sort on the
  // columns the polygon spans, then insertion sort of the few rows inside each column.
  const span = maxColumn - minColumn + 1;
  const start = startScratch.get(span + 1);
  start.fill(0, 0, span + 1);
  for (let j = 0; j < count; j++) start[columns[j] - minColumn + 1]++;
  for (let c = 0; c < span; c++) start[c + 1] += start[c];
  const sorted = sortedScratch.get(count);
  for (let j = 0; j < count; j++) sorted[start[columns[j] - minColumn]++] = rows[j];
  let total = 0;
  let odd = false;
  let begin = 0;
  for (let c = 0; c < span; c++) {
    const end = start[c];
    for (let i = begin + 1; i < end; i++) {
      const value = sorted[i];
      let k = i - 1;
      while (k >= begin && sorted[k] > value) {
        sorted[k + 1] = sorted[k];
        k--;
      }
      sorted[k + 1] = value;
    }
    const offset = (c + minColumn) * height;
    for (let i = begin; i < end; i++) {
      total += odd ? offset + sorted[i] : -(offset + sorted[i]);
      odd = !odd;
    }
    begin = end;
  }
  return odd ? total + area : total;
}

/**
 * The first pixel row at or below an upsampled row v (an integer): pycocotools' `ceil((v + .5) / 5 - .5)` clamped
 * to 0…height, which for integers is `ceil((v - 2) / 5)`, that is `floor((v + 2) / 5)` from v = 2 on.
 */
function rowOf(v: number, height: number): number {
  if (v < 2) return 0;
  const row = ((v + 2) / SCALE) | 0;
  return row < height ? row : height;
}
