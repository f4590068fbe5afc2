import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { maskToPolygons } from './mask-to-polygons.js';
import { instanceRegions, regionBitmap, regionPolygons } from './instance-regions.js';

describe('instance regions', () => {
  it('finds every value with its box and first pixel', () => {
    const data = Uint16Array.from([0, 5, 5, 0, 7, 0, 5, 0, 0]);
    expect(instanceRegions(data, 3, 3, true)).toEqual([
      { value: 5, first: 1, x0: 0, y0: 0, x1: 2, y1: 2 },
      { value: 7, first: 4, x0: 1, y0: 1, x1: 1, y1: 1 },
    ]);
    expect(instanceRegions(data, 3, 3, false)[0]).toMatchObject({ value: 0, first: 0 });
  });
  it.prop([fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 }), fc.array(fc.nat(3), { minLength: 196, maxLength: 196 })], { numRuns: 60 })(
    'traces the same polygons on a crop as on the whole image, and rebuilds the same bitmap',
    (width, height, values) => {
      const data = Uint16Array.from(values.slice(0, width * height));
      for (const region of instanceRegions(data, width, height, true)) {
        const bitmap = regionBitmap(data, width, height, region);
        expect(regionPolygons(data, width, region)).toEqual(maskToPolygons(bitmap, height, width));
      }
    },
  );
});
