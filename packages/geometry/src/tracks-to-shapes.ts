// Per-frame expansion of tracks as CVAT's exports do it (`TrackManager.to_shapes`, CVAT-MODEL §3.7),
// skeleton tracks with their element tracks included.
import { interpolateTrack } from './interpolate-track.js';
import type { AttributeValueLike, InterpolatedShape, InterpolationOptions, TrackedShapeLike, TrackLike } from './track-types.js';

/** One per-frame shape of a track, decorated with the track's identity as CVAT's `to_shapes` does. */
export type TrackFrameShape<S extends TrackedShapeLike = TrackedShapeLike> = Omit<InterpolatedShape<S>, 'attributes'> & {
  label_id: number;
  group: number;
  source: string;
  /** The track's index in the list (or its `id` with `useServerTrackIds`). */
  track_id: number;
  /** The shape's attributes followed by the track's. */
  attributes: AttributeValueLike[];
  /** Element shapes of a skeleton on this frame (element `track_id`s are indices within the element list). */
  elements: TrackFrameShape<S>[];
};

export interface TracksToShapesOptions extends Omit<InterpolationOptions, 'endFrame'> {
  endFrame: number;
  /** Use each track's `id` as `track_id` instead of its index (CVAT's `use_server_track_ids`). */
  useServerTrackIds?: boolean;
}

/**
 * Every track expanded to its per-frame shapes, all tracks merged in frame order (ties in track order). Element
 * tracks of a skeleton are expanded on the parent's frames only, always with outside shapes (an element's
 * absence is its `outside`), and, unless outside shapes are requested, a parent frame whose elements are all
 * outside is dropped.
 */
export function tracksToShapes<S extends TrackedShapeLike>(
  tracks: readonly TrackLike<S>[],
  options: TracksToShapesOptions,
): TrackFrameShape<S>[] {
  const includeOutside = options.includeOutside === true;
  const includedFrames = options.includedFrames === undefined ? undefined : new Set(options.includedFrames);
  const deletedFrames = options.deletedFrames === undefined ? undefined : [...options.deletedFrames];
  const all: TrackFrameShape<S>[] = [];
  tracks.forEach((track, index) => {
    const trackId = options.useServerTrackIds ? (track.id ?? index) : index;
    const trackAttributes = track.attributes ?? [];
    let shapes: TrackFrameShape<S>[] = interpolateTrack(track, {
      endFrame: options.endFrame,
      deletedFrames,
      includeOutside,
      includedFrames,
      dimension: options.dimension,
    }).map((shape) => {
      // Known fields are assigned in one order so that every decorated shape shares a hidden class.
      const decorated = shape as unknown as TrackFrameShape<S>;
      decorated.label_id = track.label_id ?? 0;
      decorated.group = track.group ?? 0;
      decorated.track_id = trackId;
      decorated.source = track.source ?? 'manual';
      if (trackAttributes.length > 0)
        decorated.attributes = [...shape.attributes, ...trackAttributes.map((attribute) => ({ ...attribute }))];
      decorated.elements = [];
      return decorated;
    });
    if (track.elements !== undefined && track.elements.length > 0) {
      if (shapes.length === 0) return;
      let elementFrames = new Set(shapes.map((shape) => shape.frame));
      if (includedFrames !== undefined) elementFrames = new Set([...elementFrames].filter((frame) => includedFrames.has(frame)));
      const elementShapes = tracksToShapes(track.elements, {
        endFrame: options.endFrame,
        includedFrames: elementFrames,
        deletedFrames,
        includeOutside: true,
        useServerTrackIds: options.useServerTrackIds,
        dimension: options.dimension,
      });
      const byFrame = new Map<number, TrackFrameShape<S>[]>();
      for (const element of elementShapes) {
        const list = byFrame.get(element.frame);
        if (list === undefined) byFrame.set(element.frame, [element]);
        else list.push(element);
      }
      for (const shape of shapes) shape.elements = byFrame.get(shape.frame) ?? [];
      if (!includeOutside)
        shapes = shapes.filter((shape) => shape.elements.length === 0 || !shape.elements.every((element) => element.outside));
    }
    for (const shape of shapes) all.push(shape);
  });
  return sortByFrame(all, options.endFrame);
}

/**
 * Stable order by frame, so that within one frame shapes stay in track order (heapq.merge's tie rule). Frames
 * lie below `endFrame`, so a counting sort does it in linear time when that range is not much larger than the
 * list.
 */
function sortByFrame<T extends { frame: number }>(shapes: T[], endFrame: number): T[] {
  if (!(endFrame > 0 && endFrame <= 4 * shapes.length + 1024) || shapes.some((shape) => !(shape.frame >= 0 && shape.frame < endFrame)))
    return shapes.sort((a, b) => a.frame - b.frame);
  const start = new Int32Array(endFrame + 1);
  for (const shape of shapes) start[shape.frame + 1]++;
  for (let frame = 0; frame < endFrame; frame++) start[frame + 1] += start[frame];
  const sorted: T[] = new Array(shapes.length);
  for (const shape of shapes) sorted[start[shape.frame]++] = shape;
  return sorted;
}
