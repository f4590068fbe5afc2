// Intersection over union of two lists of COCO RLEs, on the runs without decoding (pycocotools `rleIou`).
import type { Rle } from './rle.js';
import { bboxInto } from './rle-measures.js';
import { ScratchFloat64, ScratchInt32, ScratchUint32 } from './scratch.js';

const boxScratch = new ScratchFloat64();
const areaScratch = new ScratchFloat64();
const offsetScratch = new ScratchInt32();
const intervalScratch = new ScratchUint32();

/**
 * IoU of every `a[i]` with every `b[j]`, as a row-major `a.length × b.length` matrix (`result[i * b.length + j]`).
 * With `iscrowd[j]` the union is the area of `a[i]` alone, as in COCO evaluation. As in pycocotools, pairs whose
 * bounding boxes do not overlap are 0 without looking at the runs, and pairs of different sizes are −1.
 *
 * Each mask's 1-runs are turned once into [start, end) intervals; a pair then costs one two-pointer sweep over
 * the two interval lists (intersection), the union following from the areas. For well-formed RLEs (counts
 * summing to height × width) this equals pycocotools' run merge.
 */
export function rleIou(a: readonly Rle[], b: readonly Rle[], iscrowd: readonly boolean[]): Float64Array {
  const na = a.length;
  const nb = b.length;
  const result = new Float64Array(na * nb);
  if (na === 0 || nb === 0) return result;
  const total = na + nb;
  const boxes = boxScratch.get(4 * total);
  const areas = areaScratch.get(total);
  const offsets = offsetScratch.get(total + 1);
  let capacity = 0;
  for (let i = 0; i < na; i++) capacity += a[i].counts.length + 1;
  for (let j = 0; j < nb; j++) capacity += b[j].counts.length + 1;
  const intervals = intervalScratch.get(capacity);
  let used = 0;
  for (let k = 0; k < total; k++) {
    const rle = k < na ? a[k] : b[k - na];
    bboxInto(rle, boxes, 4 * k);
    offsets[k] = used;
    const counts = rle.counts;
    let position = 0;
    let area = 0;
    for (let j = 0; j < counts.length; j++) {
      const count = counts[j];
      if ((j & 1) === 1 && count > 0) {
        intervals[used++] = position;
        intervals[used++] = position + count;
        area += count;
      }
      position += count;
    }
    areas[k] = area;
  }
  offsets[total] = used;

  for (let j = 0; j < nb; j++) {
    const g = na + j;
    const gx = boxes[4 * g];
    const gy = boxes[4 * g + 1];
    const gw = boxes[4 * g + 2];
    const gh = boxes[4 * g + 3];
    const crowd = iscrowd[j] === true;
    const gtRle = b[j];
    const gtStart = offsets[g];
    const gtEnd = offsets[g + 1];
    for (let i = 0; i < na; i++) {
      const dx = boxes[4 * i];
      const dy = boxes[4 * i + 1];
      const dw = boxes[4 * i + 2];
      const dh = boxes[4 * i + 3];
      // Bounding-box prefilter (pycocotools `bbIou`): only its sign matters here.
      const w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
      if (w <= 0) continue;
      const h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
      if (h <= 0) continue;
      const boxIntersection = w * h;
      const boxUnion = crowd ? dw * dh : dw * dh + gw * gh - boxIntersection;
      if (!(boxIntersection / boxUnion > 0)) continue;
      const dtRle = a[i];
      if (dtRle.size[0] !== gtRle.size[0] || dtRle.size[1] !== gtRle.size[1]) {
        result[i * nb + j] = -1;
        continue;
      }
      let p = offsets[i];
      const pEnd = offsets[i + 1];
      let q = gtStart;
      let intersection = 0;
      while (p < pEnd && q < gtEnd) {
        const aEnd = intervals[p + 1];
        const bEnd = intervals[q + 1];
        const start = intervals[p] > intervals[q] ? intervals[p] : intervals[q];
        if (aEnd < bEnd) {
          if (aEnd > start) intersection += aEnd - start;
          p += 2;
        } else {
          if (bEnd > start) intersection += bEnd - start;
          q += 2;
        }
      }
      if (intersection === 0) continue;
      const union = crowd ? areas[i] : areas[i] + areas[g] - intersection;
      result[i * nb + j] = intersection / union;
    }
  }
  return result;
}
