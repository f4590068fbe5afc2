// Structural types of the tracks the interpolation works on. They match @annoconv/core's Track, SubTrack and
// TrackedShape (CVAT's REST model) without importing it, since geometry depends on nothing of ours.

/** `{spec_id, value}` as CVAT stores an attribute value. */
export type AttributeValueLike = { spec_id: number; value: string };

/** A keyframe of a track (CVAT `TrackedShape`); other keys (such as `id`) are carried through unchanged. */
export interface TrackedShapeLike {
  frame: number;
  type: string;
  points: number[];
  rotation?: number;
  occluded: boolean;
  outside: boolean;
  z_order: number;
  attributes: AttributeValueLike[];
}

/** A track (CVAT `Track` / `SubTrack`): its first frame, its keyframes and, for skeletons, its element tracks. */
export interface TrackLike<S extends TrackedShapeLike = TrackedShapeLike> {
  id?: number | null;
  frame: number;
  label_id?: number;
  group?: number;
  source?: string;
  attributes?: readonly AttributeValueLike[];
  shapes: readonly S[];
  elements?: readonly TrackLike<S>[];
}

/** One frame of an interpolated track: a keyframe (`keyframe: true`) or a generated copy of the left keyframe. */
export type InterpolatedShape<S extends TrackedShapeLike = TrackedShapeLike> = S & { keyframe: boolean; rotation: number };

export interface InterpolationOptions {
  /** First frame NOT produced (CVAT's `end_frame`: exports pass the task's stop frame + 1). */
  endFrame: number;
  /** Frames deleted from the task: keyframes there are ignored and nothing is produced on them. */
  deletedFrames?: Iterable<number>;
  /** Also produce generated shapes with `outside: true` (outside keyframes are always produced). */
  includeOutside?: boolean;
  /** When given, only these frames are produced (CVAT's `included_frames`, e.g. ground-truth jobs). */
  includedFrames?: Iterable<number>;
  /** `'3d'` applies CVAT's 3D cuboid rule to every type (point-cloud tasks). Default `'2d'`. */
  dimension?: '2d' | '3d';
}
