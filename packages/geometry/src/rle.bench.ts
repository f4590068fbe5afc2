// COCO RLE speed on 1000 blobby 640×480 masks; each bench runs the whole set (divide by the count per operation).
import { bench, describe } from 'vitest';
import { benchMasks, MASK_HEIGHT, MASK_WIDTH } from './bench-workload.js';
import { encodeRle } from './encode-rle.js';
import { decodeRle } from './decode-rle.js';
import { rleFromString, rleToString } from './rle-string.js';
import { rleArea, rleToBbox } from './rle-measures.js';
import { rleIou } from './rle-iou.js';
import { rleMerge } from './rle-merge.js';
import type { Rle } from './rle.js';
import { writeFileSync } from 'node:fs';
import { benchPolygons } from './bench-workload.js';

const masks = benchMasks(1000);
const rles: Rle[] = masks.map((mask) => encodeRle(mask, MASK_HEIGHT, MASK_WIDTH));
const strings = rles.map((rle) => rleToString(rle.counts));
// For bench/pycocotools_compare.py: the same masks (as COCO strings) and polygons, written on request.
const exportPath = process.env.GEOMETRY_BENCH_EXPORT;
if (exportPath)
  writeFileSync(exportPath, JSON.stringify({ height: MASK_HEIGHT, width: MASK_WIDTH, masks: strings, polygons: benchPolygons(10_000) }));
const options = { time: 2000, iterations: 5, warmupIterations: 2 };
let sink = 0;

describe('COCO RLE, 1000 masks of 640×480 per run', () => {
  bench('encodeRle (row-major in) ×1000', () => {
    for (const mask of masks) sink += encodeRle(mask, MASK_HEIGHT, MASK_WIDTH).counts.length;
  }, options);
  bench('decodeRle (row-major out, new array) ×1000', () => {
    for (const rle of rles) sink += decodeRle(rle).length;
  }, options);
  const target = new Uint8Array(MASK_HEIGHT * MASK_WIDTH);
  bench('decodeRle (row-major out, into a reused array) ×1000', () => {
    for (const rle of rles) sink += decodeRle(rle, target)[0];
  }, options);
  bench('rleToString ×1000', () => {
    for (const rle of rles) sink += rleToString(rle.counts).length;
  }, options);
  bench('rleFromString ×1000', () => {
    for (const text of strings) sink += rleFromString(text).length;
  }, options);
  bench('rleArea ×1000', () => {
    for (const rle of rles) sink += rleArea(rle);
  }, options);
  bench('rleToBbox ×1000', () => {
    for (const rle of rles) sink += rleToBbox(rle)[0];
  }, options);
  bench('rleIou 100×100 (10,000 pairs)', () => {
    sink += rleIou(rles.slice(0, 100), rles.slice(100, 200), new Array(100).fill(false))[0];
  }, options);
  bench('rleMerge union of 10 masks ×100', () => {
    for (let i = 0; i < 1000; i += 10) sink += rleMerge(rles.slice(i, i + 10)).counts.length;
  }, options);
});

export const benchSink = () => sink;
