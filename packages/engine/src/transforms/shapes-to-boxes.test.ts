// shapes-to-boxes: the box of every convertible shape and track, what it leaves alone, and what it reports.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createContext } from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { datasetWith, shape, track } from '@annoconv/testing';
import { boxAround, shapesToBoxes } from './shapes-to-boxes.js';
import { findTransform } from './index.js';

describe('boxAround', () => {
  it('bounds polygons, polylines, points and cuboids by their coordinates', () => {
    expect(boxAround({ type: 'polygon', points: [5, 1, 9, 4, 2, 7], rotation: 0 })).toEqual([2, 1, 9, 7]);
    expect(boxAround({ type: 'points', points: [3, 3], rotation: 0 })).toEqual([3, 3, 3, 3]);
  });

  it('bounds a rotated ellipse by its extremes (90° swaps the radii)', () => {
    // Centre (10, 20), x radius 6, y radius 2.
    expect(boxAround({ type: 'ellipse', points: [10, 20, 16, 18], rotation: 0 })).toEqual([4, 18, 16, 22]);
    const turned = boxAround({ type: 'ellipse', points: [10, 20, 16, 18], rotation: 90 })!;
    expect(turned.map((value) => Number(value.toFixed(9)))).toEqual([8, 14, 12, 26]);
  });

  it('measures a mask on its pixels, not on the box it was stored with', () => {
    const width = 8;
    const height = 6;
    const bitmap = new Uint8Array(width * height);
    bitmap[2 * width + 3] = 1;
    bitmap[4 * width + 5] = 1;
    const points = bitmapToCvatMask(bitmap, height, width);
    expect(boxAround({ type: 'mask', points, rotation: 0 }, { width, height })).toEqual([3, 2, 6, 5]);
    // Without the frame size the mask's own box gives the canvas.
    expect(boxAround({ type: 'mask', points, rotation: 0 })).toEqual([3, 2, 6, 5]);
  });

  test.prop([
    fc.double({ min: -500, max: 500, noNaN: true }),
    fc.double({ min: -500, max: 500, noNaN: true }),
    fc.double({ min: 0.5, max: 200, noNaN: true }),
    fc.double({ min: 0.5, max: 200, noNaN: true }),
    fc.double({ min: 0, max: 360, noNaN: true }),
  ])('holds every point of a rotated ellipse, and its sides touch the ellipse', (cx, cy, rx, ry, degrees) => {
    const [x1, y1, x2, y2] = boxAround({ type: 'ellipse', points: [cx, cy, cx + rx, cy - ry], rotation: degrees })!;
    const angle = (degrees * Math.PI) / 180;
    const epsilon = 1e-6 * (1 + Math.abs(cx) + Math.abs(cy) + rx + ry);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let step = 0; step < 3600; step++) {
      const t = (step / 3600) * 2 * Math.PI;
      const x = cx + rx * Math.cos(t) * Math.cos(angle) - ry * Math.sin(t) * Math.sin(angle);
      const y = cy + rx * Math.cos(t) * Math.sin(angle) + ry * Math.sin(t) * Math.cos(angle);
      expect(x).toBeGreaterThanOrEqual(x1 - epsilon);
      expect(x).toBeLessThanOrEqual(x2 + epsilon);
      expect(y).toBeGreaterThanOrEqual(y1 - epsilon);
      expect(y).toBeLessThanOrEqual(y2 + epsilon);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    // Sampled every 0.1°, the extremes come within a hair of the box's sides.
    const slack = 1e-5 * (rx + ry) + epsilon;
    expect(minX - x1).toBeLessThanOrEqual(slack);
    expect(x2 - maxX).toBeLessThanOrEqual(slack);
    expect(minY - y1).toBeLessThanOrEqual(slack);
    expect(y2 - maxY).toBeLessThanOrEqual(slack);
  });
});

describe('shapesToBoxes', () => {
  it('turns shapes and tracks into boxes, keeps everything else about them, and reports it', () => {
    const dataset = datasetWith(['car', 'person'], [{ name: 'a.jpg', width: 10, height: 10 }]);
    const empty = bitmapToCvatMask(new Uint8Array(100), 10, 10);
    dataset.annotations.shapes = [
      shape({ type: 'polygon', label_id: 1, frame: 0, points: [1, 1, 4, 1, 4, 5], group: 2, z_order: 3, occluded: true, attributes: [] }),
      shape({ type: 'rectangle', label_id: 1, frame: 0, points: [0, 0, 2, 2], rotation: 30 }),
      shape({ type: 'polyline', label_id: 2, frame: 0, points: [0, 9, 9, 0] }),
      shape({ type: 'mask', label_id: 2, frame: 0, points: empty }),
    ];
    dataset.annotations.tracks = [track(1, [{ frame: 0, points: [1, 2, 3, 4, 5, 0], type: 'polygon' }])];
    const context = createContext();
    const result = shapesToBoxes(dataset, context);
    expect(result.annotations.shapes.map((item) => [item.type, item.points, item.rotation])).toEqual([
      ['rectangle', [1, 1, 4, 5], 0],
      ['rectangle', [0, 0, 2, 2], 30],
      ['rectangle', [0, 0, 9, 9], 0],
    ]);
    expect(result.annotations.shapes[0]).toMatchObject({ label_id: 1, group: 2, z_order: 3, occluded: true });
    expect(result.annotations.tracks[0]!.shapes.map((item) => [item.type, item.points])).toEqual([['rectangle', [1, 0, 5, 4]]]);
    expect(context.diagnostics.items.map((item) => [item.code, item.severity, item.message])).toEqual([
      ['shape-unsupported', 'warning', 'an empty mask has no box; dropped'],
      ['shape-converted', 'info', '1 polygon turned into its box (shapes-to-boxes)'],
      ['shape-converted', 'info', '1 polyline turned into its box (shapes-to-boxes)'],
      ['shape-converted', 'info', '1 polygon track turned into a box track (shapes-to-boxes)'],
    ]);
    // The input dataset is left as it was.
    expect(dataset.annotations.shapes[0]!.type).toBe('polygon');
  });

  it('is found by its name or Datumaro\'s spelling, and an unknown name lists the known ones', () => {
    expect(findTransform('shapes_to_boxes').name).toBe('shapes-to-boxes');
    expect(() => findTransform('boxes_to_masks')).toThrow(/unknown transform 'boxes_to_masks'; known transforms: shapes-to-boxes/);
  });
});
