// Union or intersection of COCO RLEs of one size, on the runs (pycocotools `rleMerge`).
import type { Rle } from './rle.js';
import { GeometryError } from './geometry-error.js';
import { ScratchUint32 } from './scratch.js';

const scratchA = new ScratchUint32();
const scratchB = new ScratchUint32();

/**
 * Merges RLEs of one size: union by default, intersection when `intersect` is true. Same counts as
 * pycocotools; where pycocotools silently returns an empty 0×0 mask for differing sizes, this throws.
 */
export function rleMerge(rles: readonly Rle[], intersect = false): Rle {
  if (rles.length === 0) return { size: [0, 0], counts: new Uint32Array(0) };
  const [height, width] = rles[0].size;
  if (rles.length === 1) return { size: [height, width], counts: rles[0].counts.slice() };
  let capacity = 0;
  for (const rle of rles) {
    if (rle.size[0] !== height || rle.size[1] !== width)
      throw new GeometryError(
        'rle-size-mismatch',
        `cannot merge RLEs of sizes [${height}, ${width}] and [${rle.size[0]}, ${rle.size[1]}]`,
      );
    capacity += rle.counts.length + 1;
  }
  let current = scratchA.get(capacity);
  let next = scratchB.get(capacity);
  const first = rles[0].counts;
  current.set(first);
  let currentLength = first.length;
  for (let i = 1; i < rles.length; i++) {
    const other = rles[i].counts;
    const otherLength = other.length;
    let ca = currentLength > 0 ? current[0] : 0;
    let cb = otherLength > 0 ? other[0] : 0;
    let v = 0;
    let va = 0;
    let vb = 0;
    let m = 0;
    let a = 1;
    let b = 1;
    let cc = 0;
    let ct = 1;
    while (ct > 0) {
      const c = ca < cb ? ca : cb;
      cc += c;
      ct = 0;
      ca -= c;
      if (ca === 0 && a < currentLength) {
        ca = current[a++];
        va ^= 1;
      }
      ct += ca;
      cb -= c;
      if (cb === 0 && b < otherLength) {
        cb = other[b++];
        vb ^= 1;
      }
      ct += cb;
      const vp = v;
      v = intersect ? va & vb : va | vb;
      if (v !== vp || ct === 0) {
        next[m++] = cc;
        cc = 0;
      }
    }
    const swap = current;
    current = next;
    next = swap;
    currentLength = m;
  }
  return { size: [height, width], counts: current.slice(0, currentLength) };
}
