import { describe, expect, it } from 'vitest';
import type { Shape } from '../model/annotations.js';
import { shapesToTracks } from './shapes-to-tracks.js';

function box(frame: number, x: number, extra: Partial<Shape> = {}): Shape {
  return {
    id: null, label_id: 1, frame, group: 0, source: 'file', attributes: [], type: 'rectangle', occluded: false, outside: false,
    z_order: 0, rotation: 0, points: [x, 0, x + 10, 10], score: 1, elements: [], ...extra,
  };
}

describe('shapesToTracks', () => {
  it('keeps keyframes and closes the track after its last visible frame', () => {
    const items = [0, 1, 2, 3].map((frame) => ({ shape: box(frame, frame), trackId: 7, keyframe: frame === 0 || frame === 3 }));
    const [track] = shapesToTracks(items, { lastFrame: 9 });
    expect(track!.frame).toBe(0);
    expect(track!.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([[0, false], [3, false], [4, true]]);
  });
  it('does not close a track that reaches the last frame', () => {
    const items = [0, 1].map((frame) => ({ shape: box(frame, frame), trackId: 1, keyframe: frame === 0 }));
    const [track] = shapesToTracks(items, { lastFrame: 1 });
    expect(track!.shapes.map((shape) => shape.frame)).toEqual([0]);
  });
  it('inserts an outside keyframe after a gap and marks the shape after it as a keyframe', () => {
    const items = [0, 1, 5].map((frame) => ({ shape: box(frame, frame), trackId: 'a', keyframe: false }));
    const [track] = shapesToTracks(items, { lastFrame: 5 });
    expect(track!.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([[0, false], [2, true], [5, false]]);
  });
  it('splits attributes into immutable track attributes and mutable keyframe attributes', () => {
    const labels = [{ id: 1, name: 'car', color: '', type: 'any' as const, sublabels: [], attributes: [
      { id: 1, name: 'model', mutable: false, input_type: 'text' as const, default_value: '', values: [] },
      { id: 2, name: 'speed', mutable: true, input_type: 'text' as const, default_value: '', values: [] },
    ] }];
    const attributes = [{ spec_id: 1, value: 'bmw' }, { spec_id: 2, value: 'fast' }];
    const [track] = shapesToTracks([{ shape: box(0, 0, { attributes }), trackId: 1, keyframe: true }], { lastFrame: 0, labels });
    expect(track!.attributes).toEqual([{ spec_id: 1, value: 'bmw' }]);
    expect(track!.shapes[0]!.attributes).toEqual([{ spec_id: 2, value: 'fast' }]);
  });
  it('keeps separate tracks for separate ids, in order of first appearance', () => {
    const items = [
      { shape: box(0, 0), trackId: 2, keyframe: true },
      { shape: box(0, 50), trackId: 1, keyframe: true },
    ];
    const tracks = shapesToTracks(items, { lastFrame: 0 });
    expect(tracks.map((track) => track.shapes[0]!.points[0])).toEqual([0, 50]);
  });
});
