// Every case of test-data/geometry/coco-mask.jsonl (pycocotools output) as a test.
import { describe, expect, it } from 'vitest';
import { base64Bytes, readVectors } from './test-vectors.js';
import { encodeRle } from './encode-rle.js';
import { decodeRle } from './decode-rle.js';
import { rleFromString, rleToString } from './rle-string.js';
import { rleArea, rleToBbox } from './rle-measures.js';
import { polygonToRle, polygonsToRle, bboxToRle } from './polygon-to-rle.js';
import { rleMerge } from './rle-merge.js';
import { rleIou } from './rle-iou.js';
import type { Rle } from './rle.js';

type Case = { name: string; kind: string; input: Record<string, any>; expected: Record<string, any> };
const cases = readVectors<Case>('coco-mask.jsonl');
const byKind = (kind: string) => cases.filter((c) => c.kind === kind).map((c) => [c.name, c] as const);
const fromString = (s: string, h: number, w: number): Rle => ({ size: [h, w], counts: rleFromString(s) });

describe('coco-mask vectors', () => {
  it('has all 150 cases', () => {
    expect(cases).toHaveLength(150);
  });

  it.each(byKind('encode'))('%s', (_name, c) => {
    const { height, width } = c.input;
    const bitmap = base64Bytes(c.input.bitmap);
    const rle = encodeRle(bitmap, height, width);
    expect(rleToString(rle.counts)).toBe(c.expected.counts);
    expect(rle.size).toEqual(c.expected.size);
    expect(rleArea(rle)).toBe(c.expected.area);
    expect(rleToBbox(rle)).toEqual(c.expected.bbox);
    expect(rleFromString(c.expected.counts)).toEqual(rle.counts);
    expect(decodeRle(rle)).toEqual(Uint8Array.from(bitmap, (v) => (v ? 1 : 0)));
  });

  it.each(byKind('polygon'))('%s', (_name, c) => {
    const { height, width, polygons } = c.input;
    polygons.forEach((polygon: number[], i: number) => {
      expect(rleToString(polygonToRle(polygon, height, width).counts)).toBe(c.expected.per_polygon[i]);
    });
    const merged = polygonsToRle(polygons, height, width);
    expect(rleToString(merged.counts)).toBe(c.expected.merged);
    expect(rleArea(merged)).toBe(c.expected.area);
    expect(decodeRle(merged)).toEqual(base64Bytes(c.expected.bitmap));
  });

  it.each(byKind('bbox'))('%s', (_name, c) => {
    const { height, width, bbox } = c.input;
    const rle = bboxToRle(bbox, height, width);
    expect(rleToString(rle.counts)).toBe(c.expected.counts);
    expect(rleArea(rle)).toBe(c.expected.area);
  });

  it.each(byKind('merge'))('%s', (_name, c) => {
    const { height, width, rles } = c.input;
    const parsed = rles.map((s: string) => fromString(s, height, width));
    expect(rleToString(rleMerge(parsed).counts)).toBe(c.expected.union);
    expect(rleToString(rleMerge(parsed, true).counts)).toBe(c.expected.intersection);
  });

  it.each(byKind('iou'))('%s', (_name, c) => {
    const { height, width, a, b, iscrowd } = c.input;
    const result = rleIou(
      a.map((s: string) => fromString(s, height, width)),
      b.map((s: string) => fromString(s, height, width)),
      iscrowd,
    );
    const expected: number[][] = c.expected.iou;
    expect(result).toHaveLength(a.length * b.length);
    expected.forEach((row, i) =>
      row.forEach((value, j) => expect(Math.abs(result[i * b.length + j] - value)).toBeLessThanOrEqual(1e-9)),
    );
  });
});
