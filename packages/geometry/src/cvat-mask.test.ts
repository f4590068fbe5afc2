// CVAT mask points ⇄ COCO RLE ⇄ bitmaps: the documented examples, cropping, the empty-mask convention, and
// round-trip properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bitmapToCvatMask, cvatMaskToBitmap, cvatMaskToRle, EMPTY_CVAT_MASK, rleToCvatMask } from './cvat-mask.js';
import { decodeRle } from './decode-rle.js';
import { encodeRle } from './encode-rle.js';
import { GeometryError } from './geometry-error.js';

const bitmapArbitrary = fc
  .record({ height: fc.integer({ min: 1, max: 12 }), width: fc.integer({ min: 1, max: 12 }) })
  .chain(({ height, width }) =>
    fc.record({
      height: fc.constant(height),
      width: fc.constant(width),
      bitmap: fc.uint8Array({ minLength: height * width, maxLength: height * width, max: 1 }),
    }),
  );

describe('CVAT mask codec', () => {
  it('decodes the rle-utils examples: [3,1] → [0,0,0,1] and [0,2,2] → [1,1,0,0] over a 2×2 box', () => {
    expect(cvatMaskToBitmap([3, 1, 0, 0, 1, 1], 2, 2)).toEqual(Uint8Array.of(0, 0, 0, 1));
    expect(cvatMaskToBitmap([0, 2, 2, 0, 0, 1, 1], 2, 2)).toEqual(Uint8Array.of(1, 1, 0, 0));
  });

  it('starts with a 0-run, adding a leading 0 when the first box pixel is set', () => {
    expect(bitmapToCvatMask(Uint8Array.of(0, 1, 1, 0), 2, 2)).toEqual([1, 2, 1, 0, 0, 1, 1]);
    expect(bitmapToCvatMask(Uint8Array.of(1, 1, 1, 0), 2, 2)).toEqual([0, 3, 1, 0, 0, 1, 1]);
  });

  it('uses the inclusive tight box and starts with a 0-run', () => {
    const bitmap = new Uint8Array(5 * 6);
    bitmap[1 * 6 + 2] = 1;
    bitmap[2 * 6 + 3] = 1;
    // Box columns 2…3, rows 1…2: [1,0,0,1] → runs [0,1,2,1].
    expect(bitmapToCvatMask(bitmap, 5, 6)).toEqual([0, 1, 2, 1, 2, 1, 3, 2]);
  });

  it('decodes to a full-image COCO RLE equal to encoding the full bitmap', () => {
    const points = [0, 1, 2, 1, 2, 1, 3, 2];
    const rle = cvatMaskToRle(points, 5, 6);
    const bitmap = cvatMaskToBitmap(points, 5, 6);
    expect(encodeRle(bitmap, 5, 6)).toEqual(rle);
    expect(bitmap[1 * 6 + 2]).toBe(1);
    expect(bitmap[2 * 6 + 3]).toBe(1);
    expect(bitmap.reduce((sum, v) => sum + v, 0)).toBe(2);
  });

  it('crops a box that extends past the image', () => {
    // 3×3 box of ones at left 4, top 4 on a 5×5 image: only pixel (4,4) stays.
    const points = [0, 9, 4, 4, 6, 6];
    const bitmap = cvatMaskToBitmap(points, 5, 5);
    expect(Array.from(bitmap).reduce((a, b) => a + b, 0)).toBe(1);
    expect(bitmap[24]).toBe(1);
    expect(decodeRle(cvatMaskToRle(points, 5, 5))).toEqual(bitmap);
  });

  it('encodes an empty mask as [0,0,0,0,0], which decodes to an empty mask', () => {
    expect(bitmapToCvatMask(new Uint8Array(12), 3, 4)).toEqual(EMPTY_CVAT_MASK);
    expect(rleToCvatMask(encodeRle(new Uint8Array(12), 3, 4))).toEqual(EMPTY_CVAT_MASK);
    expect(cvatMaskToBitmap(EMPTY_CVAT_MASK, 3, 4)).toEqual(new Uint8Array(12));
    expect(cvatMaskToRle(EMPTY_CVAT_MASK, 3, 4).counts).toEqual(Uint32Array.of(12));
  });

  it('rejects points too short to hold a box', () => {
    expect(() => cvatMaskToRle([1, 2, 3, 4], 5, 5)).toThrow(GeometryError);
    expect(() => cvatMaskToBitmap([0, 5, 3, 0, 2], 5, 5)).toThrow(GeometryError);
  });

  it('round-trips CVAT mask → COCO RLE → CVAT mask', () => {
    fc.assert(
      fc.property(bitmapArbitrary, ({ height, width, bitmap }) => {
        const points = bitmapToCvatMask(bitmap, height, width);
        const rle = cvatMaskToRle(points, height, width);
        expect(rle).toEqual(encodeRle(bitmap, height, width));
        expect(rleToCvatMask(rle)).toEqual(points);
        expect(cvatMaskToBitmap(points, height, width)).toEqual(bitmap);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the runs of any bitmap that fills its tight box rows', () => {
    fc.assert(
      fc.property(bitmapArbitrary, ({ height, width, bitmap }) => {
        const points = rleToCvatMask(encodeRle(bitmap, height, width));
        expect(decodeRle(cvatMaskToRle(points, height, width))).toEqual(bitmap);
      }),
      { numRuns: 300 },
    );
  });
});
