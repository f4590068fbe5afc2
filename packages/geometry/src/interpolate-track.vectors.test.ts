// Every case of test-data/geometry/interpolation.jsonl (CVAT's own server output) as a test.
import { describe, expect, it } from 'vitest';
import { readVectors } from './test-vectors.js';
import { interpolateTrack } from './interpolate-track.js';
import type { TrackedShapeLike, TrackLike } from './track-types.js';

type Case = {
  name: string;
  input: { track: TrackLike; end_frame: number; deleted_frames: number[]; include_outside: boolean };
  expected: Array<TrackedShapeLike & { keyframe: boolean }>;
};
const cases = readVectors<Case>('interpolation.jsonl');

describe('interpolation vectors', () => {
  it('has all 60 cases', () => {
    expect(cases).toHaveLength(60);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputCopy = structuredClone(c.input.track);
    const result = interpolateTrack(c.input.track, {
      endFrame: c.input.end_frame,
      deletedFrames: c.input.deleted_frames,
      includeOutside: c.input.include_outside,
    });
    expect(c.input.track).toEqual(inputCopy);
    expect(result.map((shape) => shape.frame)).toEqual(c.expected.map((shape) => shape.frame));
    result.forEach((shape, i) => {
      const expected = c.expected[i];
      const { points, rotation, ...rest } = shape;
      const { points: expectedPoints, rotation: expectedRotation, ...expectedRest } = expected;
      expect(rest).toEqual(expectedRest);
      expect(points).toHaveLength(expectedPoints.length);
      points.forEach((value, k) => expect(Math.abs(value - expectedPoints[k])).toBeLessThanOrEqual(1e-6));
      expect(Math.abs(rotation - (expectedRotation ?? 0))).toBeLessThanOrEqual(1e-6);
    });
  });
});
