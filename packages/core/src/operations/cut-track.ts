// Removing a job's frame range from a track while every frame outside the range keeps the state it had: our
// answer to CVAT's per-job storage (we keep one track where CVAT keeps one copy per job). Keyframes inside the
// range go; boundary keyframes are added where the track was visible just outside the range, and the first
// keyframe after the range gets the attribute values it used to inherit from removed keyframes.
import type { AttributeVal, SubTrack, TrackedShape } from '../model/annotations.js';
import { copyTrackedShape } from './copy-tracked-shape.js';
import { interpolateTrackShapes } from './interpolate.js';

type TrackLike = SubTrack & { elements?: SubTrack[] };

function inRange(frame: number, start: number, stop: number): boolean {
  return start <= frame && frame <= stop;
}

function byFrame(a: { frame: number }, b: { frame: number }): number {
  return a.frame - b.frame;
}

/** Mutable attribute values in effect on a keyframe: its own, then those carried from earlier keyframes (§3.2). */
function carriedAttributes(sorted: readonly TrackedShape[], frame: number): AttributeVal[] {
  const values = new Map<number, string>();
  for (const shape of sorted) {
    if (shape.frame > frame) break;
    for (const attribute of shape.attributes) values.set(attribute.spec_id, attribute.value);
  }
  return [...values].map(([spec_id, value]) => ({ spec_id, value }));
}

/** The keyframes of one track level with [start, stop] removed (ids kept; new boundary keyframes have none). */
function cutShapes(track: SubTrack, start: number, stop: number): TrackedShape[] {
  const sorted = [...track.shapes].sort(byFrame);
  const firstAfter = sorted.find((shape) => shape.frame > stop);
  const states = interpolateTrackShapes(track, { endFrame: Math.max(stop + 2, (firstAfter?.frame ?? 0) + 1) });
  const stateAt = new Map(states.map((state) => [state.frame, state]));
  const touches = sorted.some((shape) => inRange(shape.frame, start, stop)) || states.some((state) => inRange(state.frame, start, stop) && !state.outside);
  if (!touches) return track.shapes.map((shape) => copyTrackedShape(shape));
  const result = sorted.filter((shape) => shape.frame < start).map((shape) => copyTrackedShape(shape));
  const before = stateAt.get(start - 1);
  if (before && !before.outside) {
    const attributes = carriedAttributes(sorted, start - 1);
    if (!before.keyframe) result.push(copyTrackedShape(before, { id: null, attributes }));
    // The object leaves at the range's first frame instead of running on into it.
    result.push(copyTrackedShape(before, { id: null, frame: start, outside: true, attributes }));
  }
  const after = stateAt.get(stop + 1);
  if (after && !after.outside && !after.keyframe) result.push(copyTrackedShape(after, { id: null, frame: stop + 1, attributes: carriedAttributes(sorted, stop + 1) }));
  for (const shape of sorted) {
    if (shape.frame <= stop) continue;
    result.push(copyTrackedShape(shape, shape === firstAfter ? { attributes: carriedAttributes(sorted, shape.frame) } : {}));
  }
  return result;
}

/** The track without frames [start, stop], or undefined when nothing of it remains. */
export function cutTrack<T extends TrackLike>(track: T, start: number, stop: number): T | undefined {
  const shapes = cutShapes(track, start, stop);
  let elements: SubTrack[] | undefined;
  if (track.elements !== undefined) {
    elements = track.elements.flatMap((element) => {
      const cut = cutTrack(element, start, stop);
      return cut ? [cut] : [];
    });
    // A skeleton without any element left is gone.
    if (track.elements.length > 0 && elements.length === 0) return undefined;
  }
  if (shapes.length === 0) return undefined;
  const result = { ...track, attributes: track.attributes.map((attribute) => ({ ...attribute })), shapes, frame: Math.min(...shapes.map((shape) => shape.frame)) } as T;
  if (elements !== undefined) result.elements = elements;
  return result;
}

/**
 * A job-level update of a track: the stored track with [start, stop] cut out, and the request's keyframes put
 * in (the request's wins on a frame both have). Element tracks are matched by id; stored elements the request
 * does not name keep their cut state. If the track used to be absent right after the range but the request
 * leaves it visible, it is closed with an outside keyframe at stop+1 so later frames stay as they were.
 */
export function mergeTrackIntoRange<T extends TrackLike>(stored: T, request: T, start: number, stop: number): T {
  const mergeLevel = (old: SubTrack | undefined, next: SubTrack): TrackedShape[] => {
    const kept = old ? (cutTrack({ ...old, elements: undefined }, start, stop)?.shapes ?? []) : [];
    const frames = new Set(next.shapes.map((shape) => shape.frame));
    const shapes = kept.filter((shape) => !frames.has(shape.frame));
    // A job view's boundary keyframes carry the id of the keyframe they were copied from (CVAT's slice does
    // so); an id already kept or already seen in the request becomes a new keyframe.
    const taken = new Set(shapes.map((shape) => shape.id));
    for (const shape of next.shapes) {
      const id = shape.id !== null && !taken.has(shape.id) ? shape.id : null;
      taken.add(id);
      shapes.push({ ...shape, id });
    }
    const visibleAfterBefore = old ? interpolateTrackShapes(old, { endFrame: stop + 2 }).some((state) => state.frame === stop + 1 && !state.outside) : false;
    if (!visibleAfterBefore && !shapes.some((shape) => shape.frame === stop + 1)) {
      const last = [...shapes].sort(byFrame).filter((shape) => shape.frame <= stop).pop();
      const hasLater = shapes.some((shape) => shape.frame > stop + 1);
      if (last && !last.outside && (hasLater || old)) shapes.push(copyTrackedShape(last, { id: null, frame: stop + 1, outside: true }));
    }
    return shapes;
  };
  const shapes = mergeLevel(stored, request);
  const result = { ...request, shapes, frame: Math.min(...shapes.map((shape) => shape.frame)) } as T;
  if (request.elements !== undefined || stored.elements !== undefined) {
    const requested = request.elements ?? [];
    const named = new Set<number | null>(requested.map((element) => element.id).filter((id) => id !== null));
    const elements: SubTrack[] = [];
    for (const element of stored.elements ?? []) {
      if (named.has(element.id)) continue;
      const cut = cutTrack(element, start, stop);
      if (cut) elements.push(cut);
    }
    for (const element of requested) {
      const old = element.id !== null ? (stored.elements ?? []).find((candidate) => candidate.id === element.id) : undefined;
      const elementShapes = mergeLevel(old, element);
      elements.push({ ...element, shapes: elementShapes, frame: Math.min(...elementShapes.map((shape) => shape.frame)) });
    }
    result.elements = elements;
  }
  return result;
}
