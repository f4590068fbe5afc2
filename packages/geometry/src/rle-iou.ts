// Intersection over union of two lists of COCO RLEs, on the runs without decoding (pycocotools `rleIou`).
import type { Rle } from './rle.js';
import { bboxInto, rleArea } from './rle-measures.js';
import { ScratchFloat64 } from './scratch.js';

const boxScratch = new ScratchFloat64();

/**
 * IoU of every `a[i]` with every `b[j]`, as a row-major `a.length × b.length` matrix (`result[i * b.length + j]`).
 * With `iscrowd[j]` the union is the area of `a[i]` alone, as in COCO evaluation. As in pycocotools, pairs whose
 * bounding boxes do not overlap are 0 without looking at the runs, and pairs of different sizes are −1.
 */
export function rleIou(a: readonly Rle[], b: readonly Rle[], iscrowd: readonly boolean[]): Float64Array {
  const na = a.length;
  const nb = b.length;
  const result = new Float64Array(na * nb);
  if (na === 0 || nb === 0) return result;
  const boxes = boxScratch.get(4 * (na + nb));
  for (let i = 0; i < na; i++) bboxInto(a[i], boxes, 4 * i);
  for (let j = 0; j < nb; j++) bboxInto(b[j], boxes, 4 * (na + j));
  for (let j = 0; j < nb; j++) {
    const g = 4 * (na + j);
    const gx = boxes[g];
    const gy = boxes[g + 1];
    const gw = boxes[g + 2];
    const gh = boxes[g + 3];
    const crowd = iscrowd[j] === true;
    const gtRle = b[j];
    const gtCounts = gtRle.counts;
    const kb = gtCounts.length;
    for (let i = 0; i < na; i++) {
      const d = 4 * i;
      const dx = boxes[d];
      const dy = boxes[d + 1];
      const dw = boxes[d + 2];
      const dh = boxes[d + 3];
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
      const dtCounts = dtRle.counts;
      const ka = dtCounts.length;
      let ca = ka > 0 ? dtCounts[0] : 0;
      let cb = kb > 0 ? gtCounts[0] : 0;
      let va = 0;
      let vb = 0;
      let ia = 1;
      let ib = 1;
      let intersection = 0;
      let union = 0;
      let ct = 1;
      while (ct > 0) {
        const c = ca < cb ? ca : cb;
        if ((va | vb) !== 0) {
          union += c;
          if ((va & vb) !== 0) intersection += c;
        }
        ct = 0;
        ca -= c;
        if (ca === 0 && ia < ka) {
          ca = dtCounts[ia++];
          va ^= 1;
        }
        ct += ca;
        cb -= c;
        if (cb === 0 && ib < kb) {
          cb = gtCounts[ib++];
          vb ^= 1;
        }
        ct += cb;
      }
      if (intersection === 0) union = 1;
      else if (crowd) union = rleArea(dtRle);
      result[i * nb + j] = intersection / union;
    }
  }
  return result;
}
