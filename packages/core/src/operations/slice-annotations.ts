// CVAT's `AnnotationIR.slice(start, stop)` (CVAT-MODEL.md §2.9): the part of a task's annotations a job with the
// inclusive frame range [start, stop] holds. Tags and shapes are kept by frame; a track is kept when it is
// visible somewhere in the range and is cut to the range, with synthetic boundary keyframes taken from its
// interpolation where keyframes outside the range were dropped.
import type { LabeledData, SubTrack, Track, TrackedShape } from '../model/annotations.js';
import { copyTrackedShape } from './copy-tracked-shape.js';
import { interpolateTrackShapes, type InterpolatedShape } from './interpolate.js';
import { serializeShape, serializeTag, serializeTrack } from './serialize-annotations.js';

type TrackLike = Pick<SubTrack, 'frame' | 'shapes'> & { elements?: SubTrack[] };

function inside(frame: number, start: number, stop: number): boolean {
  return start <= frame && frame <= stop;
}

/** CVAT's `_is_track_inside`: walks keyframes in stored order, so it must see the stored order. */
export function isTrackInside(track: TrackLike, start: number, stop: number): boolean {
  const elements = track.elements ?? [];
  // A skeleton usually has one parent keyframe; whether it is in the range is decided by its elements.
  if (elements.length > 0) return elements.some((element) => isTrackInside(element, start, stop));
  let previous: TrackedShape | undefined;
  for (const shape of track.shapes) {
    if (shape.frame === start && shape.outside) {
      // The only shape of the range is an outside one on its first frame: remembered, not counted.
      previous = shape;
      continue;
    }
    if (previous && !previous.outside && Math.min(shape.frame, stop) - Math.max(previous.frame, start) >= 0) return true;
    previous = shape;
  }
  return previous !== undefined && !previous.outside && previous.frame <= stop;
}

function filterShapes<T extends TrackedShape>(shapes: readonly T[], start: number, stop: number): T[] {
  const kept = shapes.filter((shape) => inside(shape.frame, start, stop));
  let drop = 0;
  while (drop < kept.length && kept[drop]!.outside) drop++;
  return kept.slice(drop);
}

function samePoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** CVAT's `_slice_track` for one level; the caller handles elements. */
function sliceOwnShapes(track: TrackLike, start: number, stop: number): TrackedShape[] {
  const segment = filterShapes(track.shapes, start, stop).map((shape) => copyTrackedShape(shape));
  if (segment.length === track.shapes.length) return segment;
  const interpolated: InterpolatedShape[] = interpolateTrackShapes(track, { endFrame: stop + 1 });
  const scoped = filterShapes(interpolated, start, stop);
  if (scoped.length === 0) return segment;
  const lastKey = Math.max(...track.shapes.map((shape) => shape.frame));
  if (!scoped[0]!.keyframe) segment.unshift(copyTrackedShape(scoped[0]!));
  const lastScoped = scoped[scoped.length - 1]!;
  const lastSegment = segment[segment.length - 1];
  if (lastKey >= stop && lastSegment && !samePoints(lastScoped.points, lastSegment.points)) {
    segment.push(copyTrackedShape(lastScoped));
  } else if (lastScoped.keyframe && lastScoped.outside && (!lastSegment || lastScoped.frame > lastSegment.frame)) {
    segment.push(copyTrackedShape(lastScoped));
  } else if (stop + 1 < interpolated.length && interpolated[stop + 1]!.outside) {
    // CVAT looks this up by list position, not by frame (equal only for tracks starting at 0 without gaps).
    segment.push(copyTrackedShape(interpolated[stop + 1]!));
  }
  return segment;
}

export function sliceTrack<T extends TrackLike & Omit<SubTrack, 'shapes'>>(track: T, start: number, stop: number): T {
  const copy = { ...track, attributes: track.attributes.map((attribute) => ({ ...attribute })) } as T;
  const shapes = sliceOwnShapes(track, start, stop);
  copy.shapes = shapes;
  if (track.elements !== undefined) copy.elements = track.elements.map((element) => sliceTrack(element, start, stop));
  if (shapes.length > 0) copy.frame = shapes[0]!.frame;
  return copy;
}

/** Deep copy of the part of `data` a job of frames [start, stop] (inclusive) holds. */
export function sliceAnnotations(data: LabeledData, start: number, stop: number): LabeledData {
  const tracks: Track[] = [];
  for (const track of data.tracks) {
    if (!isTrackInside(track, start, stop)) continue;
    const sliced = sliceTrack(serializeTrack(track), start, stop);
    if (sliced.shapes.length > 0) tracks.push(sliced);
  }
  return {
    version: data.version,
    tags: data.tags.filter((tag) => inside(tag.frame, start, stop)).map(serializeTag),
    shapes: data.shapes.filter((shape) => inside(shape.frame, start, stop)).map(serializeShape),
    tracks,
  };
}
