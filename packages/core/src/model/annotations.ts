// The annotation body CVAT's REST API exchanges ({version, tags, shapes, tracks}), as zod schemas and the
// types inferred from them. Field rules, defaults, ranges and messages follow CVAT's serializers
// (CVAT-MODEL.md §1; `cvat/apps/engine/serializers.py`, `AnnotationSerializer` … `LabeledDataSerializer`).
import { z } from 'zod';

export const SHAPE_TYPES = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];
export const SOURCE_TYPES = ['auto', 'semi-auto', 'manual', 'file', 'consensus'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** What a request does with the objects it carries; decides the `id` rule (CVAT-MODEL.md §2.2). */
export type AnnotationAction = 'create' | 'update' | 'delete';

/** CVAT's point-count rule for one shape type, in CVAT's words when it fails. */
export function pointsLengthProblem(type: ShapeType, length: number): string | undefined {
  const ok = (() => {
    switch (type) {
      case 'rectangle':
      case 'ellipse':
        return length === 4;
      case 'cuboid':
        return length === 16;
      case 'polygon':
        return length >= 6 && length % 2 === 0;
      case 'polyline':
        return length >= 4 && length % 2 === 0;
      case 'points':
        return length >= 2 && length % 2 === 0;
      case 'mask':
        return length >= 5;
      case 'skeleton':
        return length === 0;
    }
  })();
  return ok ? undefined : `invalid length for shape type '${type}'`;
}

const nonNegativeInt = z.number().int().min(0);
// CVAT's points list accepts only JSON ints and floats (booleans and strings are rejected item by item).
const pointValue = z.number({ error: 'Value must be a float or an integer' });

/** Python's str() of a JSON value, which is what CVAT stores for a non-string attribute value. */
export function pythonStr(value: unknown): unknown {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  if (typeof value === 'number') return pythonNumberStr(value);
  return value;
}

/**
 * Python's str() of a number that came from JSON: integers print as integers (JSON `2.0` and `2` are the same
 * number here), other floats with Python's repr: shortest round-trip digits, fixed notation for exponents
 * -4 … 15, else `1e-05` / `1e+16` style.
 */
function pythonNumberStr(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    else if (digits.length > exponent + 1) text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    else text = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  } else {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    text = `${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return negative ? `-${text}` : text;
}

/** `{spec_id, value}`; CVAT stringifies the value with Python's str() before validating it. */
export const attributeValSchema = z.object({
  spec_id: z.number().int(),
  value: z.preprocess((value) => pythonStr(value), z.string().max(4096)),
});
export type AttributeVal = z.output<typeof attributeValSchema>;

function idField(action: AnnotationAction | undefined) {
  const base = z.number().int().nullish().transform((value) => value ?? null);
  if (action === 'create')
    return base.refine((value) => value === null, { message: 'must be absent', abort: true });
  if (action === 'delete')
    return base.refine((value) => value !== null, { message: 'must be present and not null', abort: true });
  return base;
}

function commonFields(action: AnnotationAction | undefined) {
  return {
    id: idField(action),
    label_id: nonNegativeInt,
    frame: nonNegativeInt,
    // null and 0 both mean "no group" (backward compatibility in CVAT).
    group: nonNegativeInt.nullish().transform((value) => value ?? 0),
    source: z.string().optional().default('manual'),
    attributes: z.array(attributeValSchema).optional().default([]),
  };
}

const shapeFields = {
  type: z.enum(SHAPE_TYPES),
  occluded: z.boolean().optional().default(false),
  outside: z.boolean().optional().default(false),
  z_order: z.number().int().optional().default(0),
  rotation: z.number().min(0).max(360).optional().default(0),
  points: z.array(pointValue).optional().default([]),
};

const score = z.number().min(0).max(1).optional().default(1);

function checkPoints(shape: { type: ShapeType; points: number[] }, context: z.RefinementCtx): boolean {
  const problem = pointsLengthProblem(shape.type, shape.points.length);
  if (problem) context.addIssue({ code: 'custom', path: ['points'], message: problem });
  return problem === undefined;
}

/** CVAT replaces an invalid source by 'manual' when the object has an id (legacy data), else rejects it. */
function checkSource(object: { source: string; id: number | null }, context: z.RefinementCtx): boolean {
  if ((SOURCE_TYPES as readonly string[]).includes(object.source)) return true;
  if (object.id) {
    object.source = 'manual';
    return true;
  }
  const choices = SOURCE_TYPES.map((choice) => `'${choice}'`).join(', ');
  context.addIssue({ code: 'custom', path: ['source'], message: `must be one of ${choices}, got '${object.source}'` });
  return false;
}

/** The zod schemas of one request action (the `id` rule differs per action; everything else is shared). */
export function annotationSchemas(action?: AnnotationAction) {
  const common = commonFields(action);
  const tag = z.object(common).superRefine((value, context) => void checkSource(value, context));
  // CVAT's object-level checks run in this order and stop at the first failure: source, points, elements.
  const subShape = z
    .object({ ...common, ...shapeFields, score })
    .superRefine((shape, context) => void (checkSource(shape, context) && checkPoints(shape, context)));
  const shape = z
    .object({ ...common, ...shapeFields, score, elements: z.array(subShape).optional().default([]) })
    .superRefine((shape, context) => {
      if (!checkSource(shape, context) || !checkPoints(shape, context)) return;
      if (shape.type === 'skeleton' && shape.elements.length === 0)
        context.addIssue({ code: 'custom', path: ['elements'], message: 'at least one required for skeleton shape' });
      if (shape.type !== 'skeleton' && shape.elements.length > 0)
        context.addIssue({ code: 'custom', path: ['elements'], message: 'not allowed for non-skeleton shape' });
    });
  // A keyframe of a track. Every stored tracked shape is a keyframe; its `id` is not subject to the action rule.
  const trackedShape = z
    .object({
      id: z.number().int().nullish().transform((value) => value ?? null),
      frame: nonNegativeInt,
      attributes: z.array(attributeValSchema).optional().default([]),
      ...shapeFields,
    })
    .superRefine((value, context) => void checkPoints(value, context));
  const subTrack = z
    .object({ ...common, shapes: z.array(trackedShape) })
    .superRefine((value, context) => void checkSource(value, context));
  const track = z
    .object({ ...common, shapes: z.array(trackedShape), elements: z.array(subTrack).optional().default([]) })
    .superRefine((value, context) => void checkSource(value, context));
  // `{}` is a valid, empty body; unknown keys (e.g. `intervals` of audio tasks) are ignored.
  const labeledData = z.object({
    version: z.number().int().optional().default(0),
    tags: z.array(tag).optional().default([]),
    shapes: z.array(shape).optional().default([]),
    tracks: z.array(track).optional().default([]),
  });
  return { tag, subShape, shape, trackedShape, subTrack, track, labeledData };
}

const plain = annotationSchemas();

export const tagSchema = plain.tag;
export type Tag = z.output<typeof tagSchema>;
export const subShapeSchema = plain.subShape;
export type SubShape = z.output<typeof subShapeSchema>;
export const shapeSchema = plain.shape;
export type Shape = z.output<typeof shapeSchema>;
export const trackedShapeSchema = plain.trackedShape;
export type TrackedShape = z.output<typeof trackedShapeSchema>;
export const subTrackSchema = plain.subTrack;
export type SubTrack = z.output<typeof subTrackSchema>;
export const trackSchema = plain.track;
export type Track = z.output<typeof trackSchema>;

/** The body of GET / PUT / PATCH `…/annotations`. `{}` is a valid, empty body; unknown keys are ignored. */
export const labeledDataSchema = plain.labeledData;
export type LabeledData = z.output<typeof labeledDataSchema>;
/** What a client may send: every field with a default may be omitted. */
export type LabeledDataInput = z.input<typeof labeledDataSchema>;

export function emptyAnnotations(): LabeledData {
  return { version: 0, tags: [], shapes: [], tracks: [] };
}
