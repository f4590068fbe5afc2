// The per-frame expansion of tracks used by exports (CVAT's to_shapes, CVAT-MODEL §3.7), skeletons included.
import { describe, expect, it } from 'vitest';
import { tracksToShapes } from './tracks-to-shapes.js';
import type { TrackedShapeLike, TrackLike } from './track-types.js';

function key(frame: number, type: string, points: number[], outside = false): TrackedShapeLike {
  return { frame, type, points, rotation: 0, occluded: false, outside, z_order: 0, attributes: [] };
}

describe('tracksToShapes', () => {
  it('decorates shapes with the track index, label, group, source and track attributes, merged by frame', () => {
    const tracks: TrackLike[] = [
      { id: 40, frame: 1, label_id: 3, group: 2, source: 'auto', attributes: [{ spec_id: 9, value: 'x' }], shapes: [key(1, 'rectangle', [0, 0, 1, 1])] },
      { id: 41, frame: 0, label_id: 4, shapes: [key(0, 'points', [5, 5])] },
    ];
    const result = tracksToShapes(tracks, { endFrame: 3 });
    expect(result.map((shape) => [shape.frame, shape.track_id])).toEqual([[0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
    expect(result[1]).toMatchObject({ label_id: 3, group: 2, source: 'auto', keyframe: true, elements: [] });
    expect(result[1].attributes).toEqual([{ spec_id: 9, value: 'x' }]);
    expect(result[0]).toMatchObject({ label_id: 4, group: 0, source: 'manual' });
    expect(tracksToShapes(tracks, { endFrame: 3, useServerTrackIds: true })[0].track_id).toBe(41);
  });

  it('expands skeleton elements on the parent frames with outside shapes, dropping all-outside frames', () => {
    const skeleton: TrackLike = {
      frame: 0,
      label_id: 1,
      shapes: [key(0, 'skeleton', []), key(4, 'skeleton', [], true)],
      elements: [
        { frame: 0, label_id: 2, shapes: [key(0, 'points', [0, 0]), key(2, 'points', [0, 0], true)] },
        { frame: 0, label_id: 3, shapes: [key(0, 'points', [10, 10]), key(1, 'points', [10, 10], true)] },
      ],
    };
    const result = tracksToShapes([skeleton], { endFrame: 6 });
    // Frames 2 and 3: both elements outside → dropped; frame 4 is the parent's outside keyframe, whose
    // elements are all outside too.
    expect(result.map((shape) => shape.frame)).toEqual([0, 1]);
    expect(result[1].elements.map((element) => [element.track_id, element.outside])).toEqual([[0, false], [1, true]]);
    expect(result[0].elements.map((element) => element.label_id)).toEqual([2, 3]);
    const all = tracksToShapes([skeleton], { endFrame: 6, includeOutside: true });
    expect(all.map((shape) => shape.frame)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(all[3].elements.every((element) => element.outside)).toBe(true);
  });
});
