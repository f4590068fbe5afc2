// CVAT's server-side track interpolation (`TrackManager.get_interpolated_shapes`, CVAT-MODEL §3), quirks
// included, so that exported per-frame shapes equal CVAT's own exports.
import { GeometryError } from './geometry-error.js';
import { interpolatePolyPoints } from './interpolate-poly.js';
import { degrees, pythonEqual, pythonModulo, radians } from './python-float.js';
import type { InterpolatedShape, InterpolationOptions, TrackedShapeLike, TrackLike } from './track-types.js';

const TWO_PI = Math.PI * 2;

/**
 * Shortest signed angle from `left` to `right`, in degrees, with the server's slip: an exact ±180° difference
 * gives 1 (`360 - abs(d) * -1 if d > 0 else 1` parses as a conditional over the whole expression).
 */
export function findAngleDiff(right: number, left: number): number {
  let difference = right - left;
  difference = pythonModulo(difference + 180, 360) - 180;
  if (Math.abs(difference) >= 180) difference = difference > 0 ? 360 - Math.abs(difference) * -1 : 1;
  return difference;
}

type Shape<S extends TrackedShapeLike> = InterpolatedShape<S>;

const KNOWN_KEYS = new Set(['frame', 'type', 'points', 'rotation', 'occluded', 'outside', 'z_order', 'attributes', 'keyframe']);
/** Keys of each keyframe copy beyond the known shape fields (such as `id`), copied onto generated shapes. */
const extraKeysOf = new WeakMap<object, string[]>();

/**
 * A keyframe's copy with the known fields first (one hidden class for every shape, much faster than an object
 * spread), then whatever other keys the keyframe carries.
 */
function shapeWith<S extends TrackedShapeLike>(
  source: Shape<S>,
  frame: number,
  keyframe: boolean,
  points: number[],
  rotation: number,
  attributes: S['attributes'],
): Shape<S> {
  const copy = {
    frame,
    type: source.type,
    points,
    rotation,
    occluded: source.occluded,
    outside: source.outside,
    z_order: source.z_order,
    attributes,
    keyframe,
  } as Shape<S>;
  let extras = extraKeysOf.get(source);
  if (extras === undefined) {
    extras = Object.keys(source).filter((key) => !KNOWN_KEYS.has(key));
    extraKeysOf.set(source, extras);
  }
  for (const key of extras) (copy as unknown as Record<string, unknown>)[key] = (source as unknown as Record<string, unknown>)[key];
  return copy;
}

function copyAttributes<S extends TrackedShapeLike>(attributes: S['attributes']): S['attributes'] {
  const result = new Array(attributes.length);
  for (let i = 0; i < attributes.length; i++) result[i] = { ...attributes[i] };
  return result as S['attributes'];
}

function copyShape<S extends TrackedShapeLike>(source: Shape<S>, frame: number, points?: number[], rotation?: number): Shape<S> {
  return shapeWith(source, frame, false, points ?? source.points.slice(), rotation ?? source.rotation, copyAttributes(source.attributes));
}

/** The shapes of the frames strictly between keyframes `p` and `s` (in order), by CVAT's per-type rule. */
function interpolate<S extends TrackedShapeLike>(p: Shape<S>, s: Shape<S>, dimension: '2d' | '3d'): Shape<S>[] {
  if (p.type !== s.type)
    throw new GeometryError('invalid-track', `cannot interpolate a ${p.type} keyframe into a ${s.type} keyframe`);
  if (dimension === '3d') return interpolate3d(p, s);
  switch (p.type) {
    case 'rectangle':
    case 'cuboid':
    case 'ellipse':
    case 'skeleton':
      return interpolateLinear(p, s);
    case 'points':
      // Only single points move; a set of points is copied from the left keyframe (§3.2).
      if (p.points.length === 2 && s.points.length === 2) return interpolateLinear(p, s);
      return propagate(p, s.frame);
    case 'polygon':
    case 'polyline':
      return interpolatePoly(p, s);
    default:
      throw new GeometryError(
        'interpolation-unsupported',
        `CVAT cannot interpolate ${p.type} tracks between keyframes (frames ${p.frame} and ${s.frame})`,
      );
  }
}

function interpolateLinear<S extends TrackedShapeLike>(p: Shape<S>, s: Shape<S>): Shape<S>[] {
  if (p.points.length !== s.points.length)
    throw new GeometryError(
      'invalid-track',
      `keyframes ${p.frame} and ${s.frame} have ${p.points.length} and ${s.points.length} coordinates`,
    );
  const distance = s.frame - p.frame;
  const difference = s.points.map((value, i) => value - p.points[i]);
  const angle = findAngleDiff(s.rotation, p.rotation);
  const result: Shape<S>[] = [];
  for (let frame = p.frame + 1; frame < s.frame; frame++) {
    const offset = (frame - p.frame) / distance;
    const rotation = pythonModulo(p.rotation + angle * offset + 360, 360);
    const points = p.points.map((value, i) => value + difference[i] * offset);
    result.push(copyShape(p, frame, points, rotation));
  }
  return result;
}

/** §3.5: linear on everything, then Euler angles (indices 3…5, radians) along the shortest arc. */
function interpolate3d<S extends TrackedShapeLike>(p: Shape<S>, s: Shape<S>): Shape<S>[] {
  const distance = s.frame - p.frame;
  const result = interpolateLinear(p, s);
  for (const shape of result) {
    const offset = (shape.frame - p.frame) / distance;
    for (let i = 0; i < 3; i++) {
      let angle0 = p.points[3 + i];
      let angle1 = s.points[3 + i];
      angle0 = degrees(angle0 >= 0 ? angle0 : angle0 + TWO_PI);
      angle1 = degrees(angle1 >= 0 ? angle1 : angle1 + TWO_PI);
      const angle = radians(angle0 + findAngleDiff(angle1, angle0) * offset);
      shape.points[3 + i] = angle <= Math.PI ? angle : angle - TWO_PI;
    }
  }
  return result;
}

function interpolatePoly<S extends TrackedShapeLike>(p: Shape<S>, s: Shape<S>): Shape<S>[] {
  const isPolygon = p.type === 'polygon';
  // Polygons are closed (first point appended) for the matching; the extra point is removed afterwards.
  const left = isPolygon ? [...p.points, ...p.points.slice(0, 2)] : p.points;
  const right = isPolygon ? [...s.points, ...s.points.slice(0, 2)] : s.points;
  const distance = s.frame - p.frame;
  const result: Shape<S>[] = [];
  for (let frame = p.frame + 1; frame < s.frame; frame++) {
    const offset = (frame - p.frame) / distance;
    let points = interpolatePolyPoints(left, right, offset);
    if (isPolygon) points = points.slice(0, -2);
    result.push(copyShape(p, frame, points));
  }
  return result;
}

/** Copies of `shape` for the frames after it up to `endFrame` (exclusive). */
function propagate<S extends TrackedShapeLike>(shape: Shape<S>, endFrame: number): Shape<S>[] {
  const result: Shape<S>[] = [];
  for (let frame = shape.frame + 1; frame < endFrame; frame++) result.push(copyShape(shape, frame));
  return result;
}

/**
 * The shapes of one track, frame by frame, as CVAT's server computes them (CVAT-MODEL §3.2–§3.6):
 * output starts at `track.frame` and stops before `endFrame`; outside keyframes are kept; frames after a
 * visible last keyframe are copies of it; frames before a keyframe at or past `endFrame` still move toward it;
 * attributes missing from a keyframe are carried over from the previous one; a keyframe repeated identically
 * on one frame is skipped. The input is not modified.
 *
 * Throws a GeometryError for an invalid track (two different keyframes on one frame, keyframes of different
 * types or lengths) and for what CVAT cannot interpolate (mask tracks with two or more keyframes).
 */
export function interpolateTrack<S extends TrackedShapeLike>(
  track: Pick<TrackLike<S>, 'frame' | 'shapes'>,
  options: InterpolationOptions,
): InterpolatedShape<S>[] {
  const endFrame = options.endFrame;
  const deleted = new Set(options.deletedFrames ?? []);
  const included = options.includedFrames === undefined ? undefined : new Set(options.includedFrames);
  const includeOutside = options.includeOutside === true;
  const dimension = options.dimension ?? '2d';
  const output: Shape<S>[] = [];
  const emit = (shape: Shape<S>) => {
    const frame = shape.frame;
    if (deleted.has(frame)) return;
    if (frame < track.frame || frame >= endFrame) return;
    if (!shape.keyframe && shape.outside && !includeOutside) return;
    if (included !== undefined && !included.has(frame)) return;
    output.push(shape);
  };

  // Array.prototype.sort is stable, like Python's sorted().
  const keyframes = [...track.shapes].sort((a, b) => a.frame - b.frame);
  let previous: Shape<S> | undefined;
  for (const raw of keyframes) {
    if (deleted.has(raw.frame)) continue;
    const shape = shapeWith(raw as Shape<S>, raw.frame, true, raw.points.slice(), raw.rotation ?? 0, copyAttributes(raw.attributes));
    if (previous !== undefined && endFrame <= shape.frame) {
      // Frames up to the end keep moving toward a keyframe that lies past it.
      for (const generated of interpolate(previous, shape, dimension)) {
        if (generated.frame >= endFrame) break;
        emit(generated);
      }
      previous = shape;
      break;
    }
    if (previous !== undefined) {
      if (shape.frame === previous.frame && sameExceptIdentity(raw, previous)) continue;
      if (!(shape.frame > previous.frame))
        throw new GeometryError('invalid-track', `two different keyframes on frame ${shape.frame}`);
      for (const attribute of previous.attributes) {
        if (!shape.attributes.some((own) => own.spec_id === attribute.spec_id)) shape.attributes.push({ ...attribute });
      }
      if (!previous.outside || includeOutside) for (const generated of interpolate(previous, shape, dimension)) emit(generated);
    }
    emit(shape);
    previous = shape;
  }
  if (previous !== undefined && (!previous.outside || includeOutside)) {
    for (const copy of propagate(previous, endFrame)) emit(copy);
  }
  return output;
}

/** CVAT's duplicate test: `dict(shape, id=None, keyframe=None) == dict(prev_shape, id=None, keyframe=None)`. */
function sameExceptIdentity(shape: object, previous: object): boolean {
  const strip = (value: object) => ({ ...value, id: null, keyframe: null });
  const a = strip(shape) as Record<string, unknown>;
  const b = strip(previous) as Record<string, unknown>;
  // Our copy always has `rotation`; compare as CVAT would when the input omitted it.
  if (!Object.hasOwn(shape, 'rotation')) a.rotation = 0;
  return pythonEqual(a, b);
}
