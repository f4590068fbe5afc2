// CVAT's track frame normalisation on save (CVAT-MODEL.md §2.3; `JobAnnotation._sync_frames`,
// `_correct_frame_of_tracked_shapes`): a track's `frame` and its earliest keyframe are made to agree, and a
// skeleton's parent never starts after any of its element tracks.
import type { SubTrack, TrackedShape } from '../model/annotations.js';

type TrackLike = Pick<SubTrack, 'frame' | 'shapes'>;

function byFrame(a: { frame: number }, b: { frame: number }): number {
  return a.frame - b.frame;
}

/**
 * If the track starts before its earliest keyframe, a non-skeleton track gets an outside copy of that keyframe
 * (without id, appended last as CVAT does) at the track's frame and a skeleton's keyframe is moved there; if
 * the earliest keyframe is earlier, the track's frame follows it.
 */
export function correctTrackFrame(track: TrackLike): void {
  const first = [...track.shapes].sort(byFrame)[0];
  if (!first) return;
  if (track.frame < first.frame) {
    if (first.type === 'skeleton') first.frame = track.frame;
    else track.shapes.push({ ...first, attributes: first.attributes.map((attribute) => ({ ...attribute })), points: [...first.points], id: null, frame: track.frame, outside: true });
  } else if (first.frame < track.frame) {
    track.frame = first.frame;
  }
}

/** The parent's keyframe CVAT moves along with the parent (the stored row with the lowest id, else the first). */
function parentFirstShape(shapes: TrackedShape[]): TrackedShape | undefined {
  let best: TrackedShape | undefined;
  for (const shape of shapes) {
    if (!best) best = shape;
    else if (shape.id !== null && (best.id === null || shape.id < best.id)) best = shape;
  }
  return best;
}

/** Normalises one level of tracks (top-level tracks, or the element tracks of `parent`). */
export function syncTrackFrames(tracks: TrackLike[], parent?: TrackLike): void {
  if (tracks.length === 0) return;
  let minFrame = tracks[0]!.frame;
  for (const track of tracks) {
    if (parent && parent.frame < track.frame) track.frame = parent.frame;
    correctTrackFrame(track);
    if (track.frame < minFrame) minFrame = track.frame;
  }
  if (!parent || minFrame >= parent.frame) return;
  // An element starts before its parent: the parent and its first keyframe move back to it.
  const first = parentFirstShape(parent.shapes);
  parent.frame = minFrame;
  if (first) first.frame = minFrame;
  for (const track of tracks) {
    if (parent.frame < track.frame) {
      track.frame = parent.frame;
      correctTrackFrame(track);
    }
  }
}
