// Property: tracks written by Detection Track and read back by Detection give the same boxes on every frame
// (CVAT's interpolation on both sides), within 1e-6 of the normalized values, with one track per written id.
import fc from 'fast-check';
import { tracksToShapes } from '@annoconv/geometry';
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset, type Track } from '@annoconv/core';
import { ultralyticsDetectionPlugin, ultralyticsTrackPlugin } from './index.js';
import { writeToMemory } from './test-helpers.js';

const FRAMES = 8;
const W = 640;
const H = 480;

const keyframe = fc.record({
  frame: fc.integer({ min: 0, max: FRAMES - 1 }),
  outside: fc.boolean(),
  x: fc.double({ min: 0, max: 500, noNaN: true }),
  y: fc.double({ min: 0, max: 400, noNaN: true }),
  w: fc.double({ min: 1, max: 100, noNaN: true }),
  h: fc.double({ min: 1, max: 60, noNaN: true }),
});

const trackArbitrary = fc.uniqueArray(keyframe, { minLength: 1, maxLength: 4, selector: (item) => item.frame }).map((keyframes): Track => {
  const shapes = [...keyframes]
    .sort((a, b) => a.frame - b.frame)
    .map((item, index) => ({ id: null, frame: item.frame, type: 'rectangle' as const, occluded: false, outside: index > 0 && item.outside, z_order: 0, rotation: 0, points: [item.x, item.y, item.x + item.w, item.y + item.h], attributes: [] }));
  return { id: null, label_id: 1, frame: shapes[0]!.frame, group: 0, source: 'manual', attributes: [], shapes, elements: [] };
});

/** Normalized visible boxes per frame, ordered by their coordinate sum (stable under the 5e-7 rounding). */
function visibleBoxes(dataset: Dataset): number[][][] {
  const perFrame: number[][][] = Array.from({ length: FRAMES }, () => []);
  for (const item of tracksToShapes(dataset.annotations.tracks, { endFrame: FRAMES })) {
    if (item.outside) continue;
    perFrame[item.frame]!.push(item.points.map((value, index) => value / (index % 2 ? H : W)));
  }
  const sum = (box: number[]) => box.reduce((total, value) => total + value, 0);
  return perFrame.map((boxes) => boxes.sort((a, b) => sum(a) - sum(b)));
}

describe('Detection Track round trip', () => {
  it('keeps every visible per-frame box of every track', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(trackArbitrary, { minLength: 1, maxLength: 4 }), async (tracks) => {
        const dataset: Dataset = {
          labels: [{ id: 1, name: 'car', color: '', type: 'rectangle', attributes: [], sublabels: [] }],
          frames: Array.from({ length: FRAMES }, (_, index) => ({ index, name: `f${index}.jpg`, width: W, height: H, subset: '' })),
          meta: { name: '', mode: 'interpolation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
          annotations: { version: 0, tags: [], shapes: [], tracks },
        };
        const { tree } = await writeToMemory(ultralyticsTrackPlugin, dataset);
        const back = await ultralyticsDetectionPlugin.read!(tree, {}, createContext());
        expect(back.annotations.shapes).toEqual([]);
        const written = new Set(tracksToShapes(tracks, { endFrame: FRAMES }).filter((item) => !item.outside).map((item) => item.track_id));
        expect(back.annotations.tracks).toHaveLength(written.size);
        const expected = visibleBoxes(dataset);
        const actual = visibleBoxes(back);
        actual.forEach((boxes, frame) => {
          expect(boxes.length).toBe(expected[frame]!.length);
          boxes.forEach((box, index) => box.forEach((value, at) => expect(Math.abs(value - expected[frame]![index]![at]!)).toBeLessThanOrEqual(1e-6)));
        });
      }),
      { numRuns: 40 },
    );
  });
});
