// polygonArea must equal the area of polygonToRle's RLE on every input: random polygons (fractional, negative,
// outside the image, degenerate), the pycocotools vectors and the benchmark polygons.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { polygonArea } from './polygon-area.js';
import { polygonToRle } from './polygon-to-rle.js';
import { rleArea } from './rle-measures.js';
import { benchPolygons, MASK_HEIGHT, MASK_WIDTH } from './bench-workload.js';
import { readVectors } from './test-vectors.js';

const reference = (polygon: number[], height: number, width: number) => rleArea(polygonToRle(polygon, height, width));

describe('polygonArea', () => {
  it('equals rleArea(polygonToRle(…)) on random polygons', () => {
    const coordinate = fc.oneof(
      fc.integer({ min: -8, max: 40 }),
      fc.double({ min: -8, max: 40, noNaN: true }),
      fc.integer({ min: -80, max: 80 }).map((v) => v / 4),
      fc.integer({ min: -800, max: 800 }).map((v) => v / 100),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 32 }),
        fc.array(coordinate, { minLength: 0, maxLength: 41 }),
        (height, width, polygon) => {
          expect(polygonArea(polygon, height, width)).toBe(reference(polygon, height, width));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('equals rleArea(polygonToRle(…)) on long, steep and shallow edges in larger images', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.double({ min: -50, max: 350, noNaN: true }), { minLength: 2, maxLength: 16 }),
        (height, width, polygon) => {
          expect(polygonArea(polygon, height, width)).toBe(reference(polygon, height, width));
        },
      ),
      { numRuns: Number(process.env.POLYGON_AREA_RUNS ?? 1000) },
    );
  });

  it('equals rleArea(polygonToRle(…)) on the pycocotools vectors and the benchmark polygons', () => {
    let checked = 0;
    type PolygonCase = { kind: string; input: { height: number; width: number; polygons: number[][] } };
    for (const c of readVectors<PolygonCase>('coco-mask.jsonl').filter((v) => v.kind === 'polygon')) {
      const { height, width, polygons } = c.input;
      for (const polygon of polygons) {
        expect(polygonArea(polygon, height, width)).toBe(reference(polygon, height, width));
        checked++;
      }
    }
    for (const polygon of benchPolygons(2000)) {
      expect(polygonArea(polygon, MASK_HEIGHT, MASK_WIDTH)).toBe(reference(polygon, MASK_HEIGHT, MASK_WIDTH));
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('is zero for empty polygons and empty images', () => {
    expect(polygonArea([], 10, 10)).toBe(0);
    expect(polygonArea([1, 1, 5, 1, 5, 5], 0, 10)).toBe(0);
    expect(polygonArea([1, 1, 5, 1, 5, 5, 1, 5], 10, 10)).toBe(16);
  });
});
