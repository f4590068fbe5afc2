// The per-frame expansion of tracks, delegated to @annoconv/geometry (CVAT's `get_interpolated_shapes` and
// `to_shapes`). Formats never interpolate themselves.
import * as geometry from '@annoconv/geometry';
import type { AttributeVal, Shape, SubShape, Track, TrackedShape } from '@annoconv/core';

export interface InterpolateOptions {
  /** Exclusive end (task-relative), CVAT's `stop + 1`. */
  endFrame: number;
  deletedFrames?: readonly number[];
  includeOutside?: boolean;
}

/** A shape of a track on one frame, as CVAT's interpolation yields it. */
export type InterpolatedShape = TrackedShape & { keyframe: boolean };

/** A per-frame shape made from a track, as CVAT's `to_shapes` yields it. */
export type FlattenedShape = Omit<Shape, 'elements'> & { track_id: number; keyframe: boolean; elements: Array<SubShape & { keyframe?: boolean }> };

interface GeometryInterpolation {
  interpolateTrack?: (track: Pick<Track, 'frame' | 'shapes'> & Partial<Track>, options: InterpolateOptions) => Iterable<InterpolatedShape>;
  tracksToShapes?: (tracks: readonly Track[], options: InterpolateOptions) => Iterable<FlattenedShape>;
}

function functions(): GeometryInterpolation {
  return geometry as unknown as GeometryInterpolation;
}

/** Every shape of one track (or element track) up to `endFrame`, keyframes flagged. */
export function interpolateTrack(track: Pick<Track, 'frame' | 'shapes'> & Partial<Track>, options: InterpolateOptions): InterpolatedShape[] {
  const interpolate = functions().interpolateTrack;
  if (!interpolate) throw new Error('@annoconv/geometry has no interpolateTrack yet');
  return [...interpolate(track, options)];
}

/** Tracks flattened to per-frame shapes with `track_id` and `keyframe`; skeleton elements included. */
export function tracksToShapes(tracks: readonly Track[], options: InterpolateOptions): FlattenedShape[] {
  const flatten = functions().tracksToShapes;
  if (!flatten) throw new Error('@annoconv/geometry has no tracksToShapes yet');
  return [...flatten(tracks, options)];
}

export type { AttributeVal };
