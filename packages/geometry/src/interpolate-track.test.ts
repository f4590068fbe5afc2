// CVAT's interpolation rules one by one (CVAT-MODEL §3), with the worked examples of the spec, plus the
// property that keyframes come back unchanged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAngleDiff, interpolateTrack } from './interpolate-track.js';
import { GeometryError } from './geometry-error.js';
import type { TrackedShapeLike } from './track-types.js';

function key(frame: number, points: number[], extra: Partial<TrackedShapeLike> = {}): TrackedShapeLike {
  return { frame, type: 'rectangle', points, rotation: 0, occluded: false, outside: false, z_order: 0, attributes: [], ...extra };
}

describe('interpolateTrack', () => {
  it('reproduces the worked rectangle example of §3.9', () => {
    const track = {
      frame: 0,
      shapes: [
        key(0, [10, 10, 50, 50], { attributes: [{ spec_id: 1, value: 'moving' }] }),
        key(4, [30, 10, 70, 60], { rotation: 350, occluded: true, z_order: 1 }),
        key(6, [30, 10, 70, 60], { outside: true }),
        key(8, [0, 0, 20, 20], { attributes: [{ spec_id: 1, value: 'parked' }] }),
      ],
    };
    const result = interpolateTrack(track, { endFrame: 11 });
    expect(result.map((shape) => [shape.frame, shape.keyframe])).toEqual([
      [0, true], [1, false], [2, false], [3, false], [4, true], [5, false], [6, true], [8, true], [9, false], [10, false],
    ]);
    expect(result.slice(1, 4).map((shape) => shape.points[0])).toEqual([15, 20, 25]);
    expect(result.slice(1, 4).map((shape) => shape.rotation)).toEqual([357.5, 355, 352.5]);
    expect(result.slice(1, 4).every((shape) => !shape.occluded)).toBe(true);
    expect(result[4].attributes).toEqual([{ spec_id: 1, value: 'moving' }]);
    expect(result[6].outside).toBe(true);
    expect(result[8].points).toEqual([0, 0, 20, 20]);
    expect(result[9].attributes).toEqual([{ spec_id: 1, value: 'parked' }]);
  });

  it('ignores the start, stops before the end frame and interpolates toward a keyframe past the end', () => {
    const track = { frame: 2, shapes: [key(2, [0, 0, 10, 10]), key(12, [100, 0, 110, 10])] };
    const result = interpolateTrack(track, { endFrame: 6 });
    expect(result.map((shape) => shape.frame)).toEqual([2, 3, 4, 5]);
    expect(result[3].points).toEqual([30, 0, 40, 10]);
  });

  it('produces nothing after an outside keyframe unless outside shapes are requested', () => {
    const track = { frame: 0, shapes: [key(0, [0, 0, 1, 1]), key(2, [0, 0, 1, 1], { outside: true }), key(5, [4, 4, 5, 5])] };
    expect(interpolateTrack(track, { endFrame: 7 }).map((shape) => shape.frame)).toEqual([0, 1, 2, 5, 6]);
    const all = interpolateTrack(track, { endFrame: 7, includeOutside: true });
    expect(all.map((shape) => [shape.frame, shape.outside])).toEqual([
      [0, false], [1, false], [2, true], [3, true], [4, true], [5, false], [6, false],
    ]);
  });

  it('does not propagate an outside last keyframe, and skips deleted frames and keyframes on them', () => {
    const track = { frame: 0, shapes: [key(0, [0, 0, 10, 10]), key(2, [20, 0, 30, 10]), key(4, [0, 0, 1, 1], { outside: true })] };
    const result = interpolateTrack(track, { endFrame: 10, deletedFrames: [2] });
    expect(result.map((shape) => shape.frame)).toEqual([0, 1, 3, 4]);
    // With frame 2 deleted, frames 1 and 3 lie between keyframes 0 and 4.
    expect(result[1].points).toEqual([0, 0, 7.75, 7.75]);
  });

  it('uses Δ = 1 for an exact ±180° difference (server quirk) and the short arc otherwise', () => {
    expect(findAngleDiff(180, 0)).toBe(1);
    expect(findAngleDiff(0, 180)).toBe(1);
    expect(findAngleDiff(350, 10)).toBe(-20);
    expect(findAngleDiff(10, 350)).toBe(20);
    const track = { frame: 0, shapes: [key(0, [0, 0, 1, 1]), key(2, [0, 0, 1, 1], { rotation: 180 })] };
    expect(interpolateTrack(track, { endFrame: 3 })[1].rotation).toBe(0.5);
  });

  it('copies multi-point sets and moves single points', () => {
    const points = { frame: 0, shapes: [key(0, [0, 0, 4, 4], { type: 'points' }), key(2, [2, 2, 8, 8], { type: 'points' })] };
    expect(interpolateTrack(points, { endFrame: 3 })[1].points).toEqual([0, 0, 4, 4]);
    const single = { frame: 0, shapes: [key(0, [0, 0], { type: 'points' }), key(2, [2, 4], { type: 'points' })] };
    expect(interpolateTrack(single, { endFrame: 3 })[1].points).toEqual([1, 2]);
  });

  it('matches polygon points as in the worked example of §3.6', () => {
    const track = {
      frame: 0,
      shapes: [
        key(0, [0, 0, 10, 0, 10, 10], { type: 'polygon' }),
        key(4, [0, 0, 20, 0, 20, 20, 10, 25, 0, 20], { type: 'polygon' }),
      ],
    };
    const result = interpolateTrack(track, { endFrame: 5 });
    expect(result[1].points).toEqual([0, 0, 12.5, 0, 12.5, 12.5, 7.5, 12.5]);
    expect(result[2].points).toHaveLength(10);
    expect(result[3].points).toHaveLength(10);
  });

  it('moves 3D cuboid angles along the shortest arc, wrapped to (−π, π]', () => {
    const box = (frame: number, z: number) => key(frame, [0, 0, 0, 0, 0, z, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], { type: 'cuboid' });
    const result = interpolateTrack({ frame: 0, shapes: [box(0, 3), box(2, -3)] }, { endFrame: 3, dimension: '3d' });
    expect(result[1].points[5]).toBeCloseTo(Math.PI, 12);
  });

  it('propagates a single mask keyframe but refuses to interpolate between two', () => {
    const mask = (frame: number) => key(frame, [0, 4, 0, 0, 1, 1], { type: 'mask' });
    expect(interpolateTrack({ frame: 0, shapes: [mask(0)] }, { endFrame: 3 })).toHaveLength(3);
    const error = (() => {
      try {
        interpolateTrack({ frame: 0, shapes: [mask(0), mask(2)] }, { endFrame: 3 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(GeometryError);
    expect((error as GeometryError).code).toBe('interpolation-unsupported');
  });

  it('skips an identical duplicate keyframe and rejects a different one on the same frame', () => {
    const duplicate = { frame: 0, shapes: [key(0, [0, 0, 1, 1]), { ...key(0, [0, 0, 1, 1]), id: 7 }, key(2, [2, 2, 3, 3])] };
    expect(interpolateTrack(duplicate, { endFrame: 3 }).map((shape) => shape.frame)).toEqual([0, 1, 2]);
    const conflicting = { frame: 0, shapes: [key(0, [0, 0, 1, 1]), key(0, [0, 0, 2, 2])] };
    expect(() => interpolateTrack(conflicting, { endFrame: 3 })).toThrow(GeometryError);
  });

  it('returns the keyframes themselves at keyframe frames', () => {
    const keyframeArbitrary = fc.record({
      points: fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 4, maxLength: 4 }),
      rotation: fc.double({ min: 0, max: 359.9, noNaN: true }),
      occluded: fc.boolean(),
      outside: fc.boolean(),
      z_order: fc.integer({ min: -3, max: 3 }),
      value: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.array(keyframeArbitrary, { minLength: 6, maxLength: 6 }),
        fc.constantFrom('rectangle', 'ellipse', 'polygon', 'polyline', 'points'),
        fc.boolean(),
        (frames, bodies, type, includeOutside) => {
          const shapes = frames.map((frame, i) => ({
            frame,
            type,
            points: bodies[i].points,
            rotation: bodies[i].rotation,
            occluded: bodies[i].occluded,
            outside: bodies[i].outside,
            z_order: bodies[i].z_order,
            attributes: [{ spec_id: 1, value: bodies[i].value }],
          }));
          const first = Math.min(...frames);
          const result = interpolateTrack({ frame: first, shapes }, { endFrame: 61, includeOutside });
          const byFrame = new Map(result.map((shape) => [shape.frame, shape]));
          for (const shape of shapes) {
            expect(byFrame.get(shape.frame)).toEqual({ ...shape, keyframe: true });
          }
          expect(result.every((shape, i) => i === 0 || shape.frame > result[i - 1].frame)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
