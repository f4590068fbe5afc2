// The one place the operations reach CVAT's track interpolation (CVAT-MODEL.md §3, in @annoconv/geometry):
// slicing a track to a job and cutting a frame range out of a track both need the states a track has on the
// frames between its keyframes.
import { interpolateTrack } from '@annoconv/geometry';
import type { TrackedShape } from '../model/annotations.js';

/** One per-frame state of a track: a keyframe or a generated copy / interpolation of the left keyframe. */
export type InterpolatedShape = TrackedShape & { keyframe: boolean };

export interface InterpolateOptions {
  /** Exclusive end frame. */
  endFrame: number;
  includeOutside?: boolean;
}

/** CVAT's server interpolation of one track's own keyframes (elements are separate tracks). */
export function interpolateTrackShapes(track: { frame: number; shapes: readonly TrackedShape[] }, options: InterpolateOptions): InterpolatedShape[] {
  return interpolateTrack<TrackedShape>({ frame: track.frame, shapes: track.shapes }, options);
}
