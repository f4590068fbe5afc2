// Rasterization of rectangles, rotated rectangles, ellipses, polygons and masks, and painting by z_order.
import { describe, expect, it } from 'vitest';
import { rasterizeShape, rotatedRectanglePolygon } from './rasterize-shape.js';
import { paintShapes } from './paint-shapes.js';
import { polygonToRle, bboxToRle } from './polygon-to-rle.js';
import { decodeRle } from './decode-rle.js';
import { bitmapToCvatMask } from './cvat-mask.js';
import { GeometryError } from './geometry-error.js';
import { pythonRound } from './rasterize-ellipse.js';

const sum = (bitmap: ArrayLike<number>) => Array.from(bitmap).reduce((a, b) => a + b, 0);
const at = (bitmap: ArrayLike<number>, width: number, x: number, y: number) => bitmap[y * width + x];

describe('rasterizeShape', () => {
  it('rasterizes an unrotated rectangle as pycocotools rasterizes the box: pixels x0…x1−1, y0…y1−1', () => {
    const bitmap = rasterizeShape({ type: 'rectangle', points: [2, 3, 6, 5] }, 10, 10);
    expect(sum(bitmap)).toBe(8);
    expect(at(bitmap, 10, 2, 3)).toBe(1);
    expect(at(bitmap, 10, 5, 4)).toBe(1);
    expect(at(bitmap, 10, 6, 4)).toBe(0);
    expect(bitmap).toEqual(decodeRle(bboxToRle([2, 3, 4, 2], 10, 10)));
  });

  it('rotates a rectangle about its centre (90° turns a 6×2 box into a 2×6 box)', () => {
    expect(rotatedRectanglePolygon([0, 2, 6, 4], 90).map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([4, 0, 4, 6, 2, 6, 2, 0]);
    const bitmap = rasterizeShape({ type: 'rectangle', points: [0, 2, 6, 4], rotation: 90 }, 8, 8);
    expect(sum(bitmap)).toBe(12);
    expect(at(bitmap, 8, 2, 0)).toBe(1);
    expect(at(bitmap, 8, 3, 5)).toBe(1);
    expect(at(bitmap, 8, 0, 3)).toBe(0);
  });

  it('rasterizes a polygon with the pycocotools rule', () => {
    const polygon = [1, 1, 8, 2, 5, 9];
    expect(rasterizeShape({ type: 'polygon', points: polygon }, 10, 10)).toEqual(decodeRle(polygonToRle(polygon, 10, 10)));
  });

  it('fills an ellipse around its rounded centre, symmetric, with rotation swapping the axes', () => {
    const flat = rasterizeShape({ type: 'ellipse', points: [20, 20, 30, 16] }, 41, 41);
    expect(at(flat, 41, 20, 20)).toBe(1);
    expect(at(flat, 41, 30, 20)).toBe(1);
    expect(at(flat, 41, 31, 20)).toBe(0);
    expect(at(flat, 41, 20, 16)).toBe(1);
    expect(at(flat, 41, 20, 15)).toBe(0);
    // Area close to π·rx·ry.
    expect(Math.abs(sum(flat) - Math.PI * 10 * 4) / (Math.PI * 40)).toBeLessThan(0.25);
    for (let y = 0; y < 41; y++)
      for (let x = 0; x < 41; x++) expect(at(flat, 41, x, y)).toBe(at(flat, 41, 40 - x, 40 - y));
    const turned = rasterizeShape({ type: 'ellipse', points: [20, 20, 30, 16], rotation: 90 }, 41, 41);
    for (let y = 0; y < 41; y++) for (let x = 0; x < 41; x++) expect(at(turned, 41, x, y)).toBe(at(flat, 41, y, x));
  });

  it('rounds half to even like Python', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6].map((v) => pythonRound(v) + 0)).toEqual([0, 2, 2, 0, 2, 3]);
  });

  it('rasterizes a CVAT mask in place and refuses shapes without area', () => {
    const bitmap = new Uint8Array(25);
    bitmap[6] = bitmap[7] = bitmap[12] = 1;
    expect(rasterizeShape({ type: 'mask', points: bitmapToCvatMask(bitmap, 5, 5) }, 5, 5)).toEqual(bitmap);
    expect(() => rasterizeShape({ type: 'points', points: [1, 1] }, 5, 5)).toThrow(GeometryError);
  });
});

describe('paintShapes', () => {
  it('paints by ascending z_order, input order among equals, into 8- and 16-bit maps', () => {
    const shapes = [
      { type: 'rectangle', points: [0, 0, 4, 4], z_order: 2, value: 300 },
      { type: 'rectangle', points: [2, 2, 6, 6], z_order: 1, value: 7 },
      { type: 'polygon', points: [3, 3, 8, 3, 8, 8, 3, 8], z_order: 1, value: 9 },
    ];
    const map16 = new Uint16Array(100);
    paintShapes(shapes, 10, 10, map16);
    expect(at(map16, 10, 1, 1)).toBe(300);
    expect(at(map16, 10, 3, 3)).toBe(300);
    expect(at(map16, 10, 2, 5)).toBe(7);
    expect(at(map16, 10, 5, 5)).toBe(9);
    expect(at(map16, 10, 9, 9)).toBe(0);
    const map8 = new Uint8Array(100).fill(255);
    paintShapes(shapes.map((shape) => ({ ...shape, value: shape.value & 0xff })), 10, 10, map8);
    expect(at(map8, 10, 9, 9)).toBe(255);
    expect(at(map8, 10, 3, 3)).toBe(300 & 0xff);
  });

  it('paints exactly the pixels rasterizeShape sets', () => {
    const shapes = [
      { type: 'ellipse', points: [15, 12, 22, 8], rotation: 30, value: 1 },
      { type: 'rectangle', points: [3.3, 4.7, 17.2, 9.9], rotation: 20, value: 1 },
      { type: 'mask', points: [0, 3, 1, 3, 10, 20, 11, 21], value: 1 },
    ];
    for (const shape of shapes) {
      const target = new Uint8Array(30 * 32);
      paintShapes([shape], 30, 32, target);
      expect(target).toEqual(rasterizeShape(shape, 30, 32));
    }
  });
});
