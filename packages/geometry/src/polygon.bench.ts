// Polygon → RLE and polygon → area speed on 10,000 polygons of 20 vertices in a 640×480 image (whole set per run).
import { bench, describe } from 'vitest';
import { benchPolygons, MASK_HEIGHT, MASK_WIDTH } from './bench-workload.js';
import { polygonToRle } from './polygon-to-rle.js';
import { polygonArea } from './polygon-area.js';
import { rleArea } from './rle-measures.js';
import { maskToPolygons } from './mask-to-polygons.js';
import { benchMasks } from './bench-workload.js';

const polygons = benchPolygons(10_000);
const masks = benchMasks(100);
let sink = 0;

describe('polygons', () => {
  bench('polygonToRle ×10,000 (20 vertices)', () => {
    for (const polygon of polygons) sink += polygonToRle(polygon, MASK_HEIGHT, MASK_WIDTH).counts.length;
  }, { time: 2000, iterations: 5, warmupIterations: 2 });
  bench('rleArea(polygonToRle) ×10,000 (20 vertices)', () => {
    for (const polygon of polygons) sink += rleArea(polygonToRle(polygon, MASK_HEIGHT, MASK_WIDTH));
  }, { time: 2000, iterations: 5, warmupIterations: 2 });
  bench('polygonArea ×10,000 (20 vertices)', () => {
    for (const polygon of polygons) sink += polygonArea(polygon, MASK_HEIGHT, MASK_WIDTH);
  }, { time: 2000, iterations: 5, warmupIterations: 2 });
  bench('maskToPolygons ×100 (640×480)', () => {
    for (const mask of masks) sink += maskToPolygons(mask, MASK_HEIGHT, MASK_WIDTH).length;
  }, { time: 2000, iterations: 3, warmupIterations: 1 });
});

export const benchSink = () => sink;
