// Properties of the COCO RLE functions on random bitmaps, checked against plain per-pixel definitions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeRle } from './encode-rle.js';
import { decodeRle } from './decode-rle.js';
import { rleFromString, rleToString } from './rle-string.js';
import { rleArea, rleToBbox } from './rle-measures.js';
import { rleMerge } from './rle-merge.js';
import { rleIou } from './rle-iou.js';
import { GeometryError } from './geometry-error.js';

const size = fc.record({ height: fc.integer({ min: 0, max: 16 }), width: fc.integer({ min: 0, max: 16 }) });
const bitmaps = (count: number) =>
  size.chain(({ height, width }) =>
    fc.record({
      height: fc.constant(height),
      width: fc.constant(width),
      // Blobby or noisy: values 0…3 so that "non-zero is set" is exercised too.
      bitmaps: fc.array(fc.uint8Array({ minLength: height * width, maxLength: height * width, max: 3 }), {
        minLength: count,
        maxLength: count,
      }),
    }),
  );

/** Column-major runs by the textbook definition, for comparison. */
function naiveCounts(bitmap: Uint8Array, height: number, width: number): number[] {
  const counts: number[] = [];
  let previous = 0;
  let run = 0;
  for (let x = 0; x < width; x++)
    for (let y = 0; y < height; y++) {
      const value = bitmap[y * width + x] ? 1 : 0;
      if (value !== previous) {
        counts.push(run);
        run = 0;
        previous = value;
      }
      run++;
    }
  counts.push(run);
  return counts;
}

describe('COCO RLE properties', () => {
  it('encodes as the textbook column-major runs, and decode ∘ encode is the identity', () => {
    fc.assert(
      fc.property(bitmaps(1), ({ height, width, bitmaps: [bitmap] }) => {
        const rle = encodeRle(bitmap, height, width);
        expect(Array.from(rle.counts)).toEqual(naiveCounts(bitmap, height, width));
        expect(decodeRle(rle)).toEqual(Uint8Array.from(bitmap, (v) => (v ? 1 : 0)));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes unaligned views and widths that are not a multiple of 4 the same way', () => {
    const backing = new Uint8Array(1 + 5 * 7);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 7919) % 3 === 0 ? 1 : 0;
    const view = backing.subarray(1);
    expect(Array.from(encodeRle(view, 5, 7).counts)).toEqual(naiveCounts(view, 5, 7));
  });

  it('round-trips the compressed string, including large and negative differences', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff })), (values) => {
        const counts = Uint32Array.from(values);
        expect(rleFromString(rleToString(counts))).toEqual(counts);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects malformed strings with a GeometryError', () => {
    expect(() => rleFromString('a b')).toThrow(GeometryError);
    expect(() => rleFromString('0P')).toThrow(GeometryError);
  });

  it('computes area, bbox, merge and IoU equal to their per-pixel definitions', () => {
    fc.assert(
      fc.property(bitmaps(2), ({ height, width, bitmaps: [first, second] }) => {
        const a = encodeRle(first, height, width);
        const b = encodeRle(second, height, width);
        let areaA = 0;
        let areaB = 0;
        let intersection = 0;
        let union = 0;
        let x0 = width;
        let y0 = height;
        let x1 = -1;
        let y1 = -1;
        const and = new Uint8Array(height * width);
        const or = new Uint8Array(height * width);
        for (let i = 0; i < height * width; i++) {
          const p = first[i] ? 1 : 0;
          const q = second[i] ? 1 : 0;
          areaA += p;
          areaB += q;
          intersection += p & q;
          union += p | q;
          and[i] = p & q;
          or[i] = p | q;
          if (p) {
            const x = i % width;
            const y = (i - x) / width;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
          }
        }
        expect(rleArea(a)).toBe(areaA);
        expect(rleToBbox(a)).toEqual(areaA === 0 ? [0, 0, 0, 0] : [x0, y0, x1 - x0 + 1, y1 - y0 + 1]);
        expect(rleMerge([a, b])).toEqual(encodeRle(or, height, width));
        expect(rleMerge([a, b], true)).toEqual(encodeRle(and, height, width));
        const [iou, crowd] = [rleIou([a], [b], [false])[0], rleIou([a], [b], [true])[0]];
        expect(iou).toBeCloseTo(intersection === 0 ? 0 : intersection / union, 12);
        expect(crowd).toBeCloseTo(intersection === 0 ? 0 : intersection / areaA, 12);
      }),
      { numRuns: 500 },
    );
  });

  it('lays the IoU matrix out row-major over a × b and marks size mismatches -1', () => {
    const full = encodeRle(new Uint8Array(4).fill(1), 2, 2);
    const other = encodeRle(new Uint8Array(6).fill(1), 2, 3);
    const half = encodeRle(Uint8Array.of(1, 0, 1, 0), 2, 2);
    expect(Array.from(rleIou([full, half], [full, other, half], [false, false, false]))).toEqual([1, -1, 0.5, 0.5, -1, 1]);
    expect(() => rleMerge([full, other])).toThrow(GeometryError);
  });
});

describe('decodeRle into a caller buffer', () => {
  it('writes the same pixels into a reused target, overwriting what was there', () => {
    const target = new Uint8Array(7 * 5).fill(9);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 35, maxLength: 35, max: 1 }), (bitmap) => {
        const rle = encodeRle(bitmap, 7, 5);
        expect(decodeRle(rle, target)).toBe(target);
        expect(target).toEqual(bitmap);
      }),
      { numRuns: 200 },
    );
    expect(() => decodeRle(encodeRle(new Uint8Array(35), 7, 5), new Uint8Array(10))).toThrow(GeometryError);
  });
});
