// Mask → polygons: components, holes spliced into their outer contour, small contours dropped, and the
// property that rasterizing the polygons back gives the mask with IoU ≥ 0.9 on blobby masks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskToPolygons } from './mask-to-polygons.js';
import { polygonsToRle } from './polygon-to-rle.js';
import { encodeRle } from './encode-rle.js';
import { rleIou } from './rle-iou.js';
import { rleArea } from './rle-measures.js';
import { blobbyMask } from './blobby-masks.js';
import { randomGenerator } from './random-generator.js';

function square(bitmap: Uint8Array, width: number, x0: number, y0: number, x1: number, y1: number, value = 1) {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) bitmap[y * width + x] = value;
}

function iou(bitmap: Uint8Array, height: number, width: number, polygons: number[][]): number {
  return rleIou([encodeRle(bitmap, height, width)], [polygonsToRle(polygons, height, width)], [false])[0];
}

describe('maskToPolygons', () => {
  const corners = (polygon: number[]) => {
    const points = [];
    for (let i = 0; i < polygon.length; i += 2) points.push(`${polygon[i]},${polygon[i + 1]}`);
    return points.sort();
  };

  it('outlines a square on pixel edges by default, through border pixel centres on request', () => {
    const bitmap = new Uint8Array(100);
    square(bitmap, 10, 2, 3, 6, 7);
    const polygons = maskToPolygons(bitmap, 10, 10);
    expect(polygons).toHaveLength(1);
    expect(corners(polygons[0])).toEqual(['2,3', '2,8', '7,3', '7,8']);
    expect(iou(bitmap, 10, 10, polygons)).toBe(1);
    const centres = maskToPolygons(bitmap, 10, 10, { vertices: 'centres' });
    expect(corners(centres[0])).toEqual(['2,3', '2,7', '6,3', '6,7']);
  });

  it('outlines staircases and diagonal (8-connected) joins exactly when not simplified', () => {
    const bitmap = new Uint8Array(8 * 8);
    square(bitmap, 8, 1, 1, 3, 3);
    square(bitmap, 8, 4, 4, 6, 5);
    bitmap[6 * 8 + 1] = bitmap[6 * 8 + 2] = bitmap[5 * 8 + 2] = 1;
    const polygons = maskToPolygons(bitmap, 8, 8, { tolerance: 0 });
    expect(iou(bitmap, 8, 8, polygons)).toBe(1);
  });

  it('returns one polygon per component and drops components of 1 or 2 pixels', () => {
    const bitmap = new Uint8Array(30 * 30);
    square(bitmap, 30, 1, 1, 8, 8);
    square(bitmap, 30, 15, 15, 25, 22);
    bitmap[28 * 30 + 1] = 1;
    bitmap[28 * 30 + 10] = bitmap[28 * 30 + 11] = 1;
    expect(maskToPolygons(bitmap, 30, 30)).toHaveLength(2);
  });

  it('splices a hole into its outer contour, and keeps an island inside the hole as its own polygon', () => {
    const bitmap = new Uint8Array(40 * 40);
    square(bitmap, 40, 2, 2, 37, 37);
    square(bitmap, 40, 10, 10, 29, 29, 0);
    square(bitmap, 40, 16, 16, 23, 23);
    const polygons = maskToPolygons(bitmap, 40, 40);
    expect(polygons).toHaveLength(2);
    const areas = polygons.map((polygon) => rleArea(polygonsToRle([polygon], 40, 40))).sort((a, b) => a - b);
    // The island (8²) and the ring (36² − 20²), both exact.
    expect(areas).toEqual([64, 36 * 36 - 20 * 20]);
    expect(iou(bitmap, 40, 40, polygons)).toBe(1);
  });

  it('returns nothing for an empty mask', () => {
    expect(maskToPolygons(new Uint8Array(64), 8, 8)).toEqual([]);
  });

  it('gives IoU ≥ 0.9 between blobby masks and their polygons', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const random = randomGenerator(seed);
        const height = 96 + Math.floor(random() * 64);
        const width = 96 + Math.floor(random() * 64);
        const bitmap = blobbyMask(random, height, width, 1 + Math.floor(random() * 4), 10, 28);
        const polygons = maskToPolygons(bitmap, height, width);
        expect(polygons.length).toBeGreaterThan(0);
        for (const polygon of polygons) expect(polygon.length).toBeGreaterThanOrEqual(6);
        expect(iou(bitmap, height, width, polygons)).toBeGreaterThanOrEqual(0.9);
      }),
      { numRuns: 60 },
    );
  });
});
