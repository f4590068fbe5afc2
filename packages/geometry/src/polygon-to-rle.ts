// Polygon and box rasterization to COCO RLE with pycocotools' exact pixel rule (`rleFrPoly`, `rleFrBbox`):
// the outline is upsampled 5× onto integer points, and a pixel column's boundary is taken where the
// upsampled outline crosses that pixel's centre column. An ordinary scan-line fill differs on edge pixels.
import type { Rle } from './rle.js';
import { rleMerge } from './rle-merge.js';
import { ScratchInt32, ScratchUint32 } from './scratch.js';

const SCALE = 5;
const vertexX = new ScratchInt32();
const vertexY = new ScratchInt32();
const boundaryScratch = new ScratchUint32();
const countScratch = new ScratchUint32();
const sortedScratch = new ScratchUint32();
const columnScratch = new ScratchInt32();

/** COCO RLE of one polygon `[x0, y0, x1, y1, …]` (an odd trailing number is ignored, as pycocotools does). */
export function polygonToRle(polygon: ArrayLike<number>, height: number, width: number): Rle {
  return { size: [height, width], counts: framePolygon(polygon, polygon.length >> 1, height, width) };
}

/** Union of the RLEs of several polygons (pycocotools `frPyObjects` followed by `merge`). */
export function polygonsToRle(polygons: ArrayLike<ArrayLike<number>>, height: number, width: number): Rle {
  if (polygons.length === 0) return { size: [height, width], counts: Uint32Array.of(height * width) };
  if (polygons.length === 1) return polygonToRle(polygons[0], height, width);
  const rles: Rle[] = [];
  for (let i = 0; i < polygons.length; i++) rles.push(polygonToRle(polygons[i], height, width));
  return rleMerge(rles, false);
}

/** COCO RLE of a box `[x, y, width, height]` (pycocotools `frBbox`: the box as a 4-vertex polygon). */
export function bboxToRle(bbox: ArrayLike<number>, height: number, width: number): Rle {
  const xs = bbox[0];
  const ys = bbox[1];
  const xe = xs + bbox[2];
  const ye = ys + bbox[3];
  return polygonToRle([xs, ys, xs, ye, xe, ye, xe, ys], height, width);
}

function framePolygon(xy: ArrayLike<number>, k: number, height: number, width: number): Uint32Array {
  const area = height * width;
  if (k === 0) return Uint32Array.of(area);
  // Vertices scaled and rounded the C way: `(int)(5 * v + .5)` truncates toward zero (as `| 0` does).
  const x = vertexX.get(k + 1);
  const y = vertexY.get(k + 1);
  let m = 0;
  for (let j = 0; j < k; j++) {
    x[j] = (SCALE * xy[2 * j] + 0.5) | 0;
    y[j] = (SCALE * xy[2 * j + 1] + 0.5) | 0;
  }
  x[k] = x[0];
  y[k] = y[0];
  for (let j = 0; j < k; j++) m += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;

  // Dense integer points along every edge, and — in the same pass, on each pair of consecutive points — the
  // points where the outline crosses a pixel-centre column, downsampled to pixel coordinates.
  const boundaries = boundaryScratch.get(m + 1);
  let count = 0;
  let previousU = 0;
  let previousV = 0;
  let first = true;
  for (let j = 0; j < k; j++) {
    let xs = x[j];
    let xe = x[j + 1];
    let ys = y[j];
    let ye = y[j + 1];
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      let t = xs;
      xs = xe;
      xe = t;
      t = ys;
      ys = ye;
      ye = t;
    }
    const alongX = dx >= dy;
    const steps = alongX ? dx : dy;
    // A zero-length edge gives NaN here; its single point is never used (its neighbours share its column).
    const s = alongX ? (ye - ys) / dx : (xe - xs) / dy;
    for (let d = 0; d <= steps; d++) {
      const t = flip ? steps - d : d;
      let u: number;
      let v: number;
      // `(int)(a + .5)` in C truncates toward zero, as `| 0` does.
      if (alongX) {
        u = t + xs;
        v = (ys + s * t + 0.5) | 0;
      } else {
        v = t + ys;
        u = (xs + s * t + 0.5) | 0;
      }
      if (!first && u !== previousU) {
        let xd = u < previousU ? u : u - 1;
        xd = (xd + 0.5) / SCALE - 0.5;
        if (Math.floor(xd) === xd && xd >= 0 && xd <= width - 1) {
          let yd = v < previousV ? v : previousV;
          yd = (yd + 0.5) / SCALE - 0.5;
          if (yd < 0) yd = 0;
          else if (yd > height) yd = height;
          boundaries[count++] = xd * height + Math.ceil(yd);
        }
      }
      first = false;
      previousU = u;
      previousV = v;
    }
  }
  boundaries[count++] = area;

  // Sorted boundary positions become run lengths; a repeated boundary cancels and joins its neighbours.
  const sorted = sortBoundaries(boundaries, count, height, width);
  let previous = 0;
  for (let j = 0; j < count; j++) {
    const t = sorted[j];
    sorted[j] = t - previous;
    previous = t;
  }
  const counts = countScratch.get(count);
  let j = 0;
  let n = 0;
  counts[n++] = sorted[j++];
  while (j < count) {
    if (sorted[j] > 0) counts[n++] = sorted[j++];
    else {
      j++;
      if (j < count) counts[n - 1] += sorted[j++];
    }
  }
  return counts.slice(0, n);
}

/**
 * Sorts boundary positions `x * height + y` ascending: a counting sort on the column, then insertion sort inside
 * each column (which holds a handful of boundaries), much cheaper than a comparison sort of the whole list.
 */
function sortBoundaries(values: Uint32Array, count: number, height: number, width: number): Uint32Array {
  const sorted = sortedScratch.get(count);
  // Column `width` holds the final `height * width` sentinel (and nothing else).
  const columns = width + 1;
  const start = columnScratch.get(columns + 1);
  start.fill(0, 0, columns + 1);
  for (let j = 0; j < count; j++) start[(height === 0 ? 0 : Math.floor(values[j] / height)) + 1]++;
  for (let x = 0; x < columns; x++) start[x + 1] += start[x];
  for (let j = 0; j < count; j++) {
    const value = values[j];
    sorted[start[height === 0 ? 0 : Math.floor(value / height)]++] = value;
  }
  // After scattering, start[x] is the end of column x: insertion-sort each column's slice.
  let begin = 0;
  for (let x = 0; x < columns; x++) {
    const end = start[x];
    for (let i = begin + 1; i < end; i++) {
      const value = sorted[i];
      let k = i - 1;
      while (k >= begin && sorted[k] > value) {
        sorted[k + 1] = sorted[k];
        k--;
      }
      sorted[k + 1] = value;
    }
    begin = end;
  }
  return sorted;
}
