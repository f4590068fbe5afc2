// The per-frame expansion of tracks, delegated to @annoconv/geometry (CVAT's `get_interpolated_shapes` and
// `to_shapes`): formats never interpolate themselves. This module only narrows the types to the model's and
// keeps mask tracks (which CVAT cannot interpolate) to their first keyframe.
import { interpolateTrack as interpolate, tracksToShapes as flatten } from '@annoconv/geometry';
import type { InterpolationOptions } from '@annoconv/geometry';
import type { Shape, SubShape, Track, TrackedShape } from '@annoconv/core';

/** A shape of a track on one frame, as CVAT's interpolation yields it. */
export type InterpolatedShape = TrackedShape & { keyframe: boolean };

/** A per-frame shape made from a track, as CVAT's `to_shapes` yields it. */
export type FlattenedShape = Omit<Shape, 'elements' | 'score' | 'id'> & {
  id: number | null;
  track_id: number;
  keyframe: boolean;
  elements: SubShape[];
};

/** Every shape of one track (or element track) before `endFrame`, keyframes flagged. */
export function interpolateTrack(track: Pick<Track, 'frame' | 'shapes'>, options: InterpolationOptions): InterpolatedShape[] {
  return interpolate(track, options);
}

/** Tracks flattened to per-frame shapes with `track_id` and `keyframe`; skeleton elements included. */
export function tracksToShapes(tracks: readonly Track[], options: InterpolationOptions): FlattenedShape[] {
  return flatten(tracks, options) as unknown as FlattenedShape[];
}

/** CVAT has no mask tracks: a mask track of several keyframes keeps its first (what CVAT's importer keeps). */
export function withoutMaskInterpolation<T extends Pick<Track, 'shapes'>>(track: T): { track: T; cut: boolean } {
  if (track.shapes.length > 1 && track.shapes[0]!.type === 'mask') return { track: { ...track, shapes: track.shapes.slice(0, 1) }, cut: true };
  return { track, cut: false };
}
