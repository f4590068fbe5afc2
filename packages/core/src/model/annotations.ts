// The annotation body CVAT's REST API exchanges ({version, tags, shapes, tracks}), as zod schemas and the
// types inferred from them. Field rules, defaults and ranges follow CVAT's serializers (CVAT-MODEL.md §1).
import { z } from 'zod';

export const SHAPE_TYPES = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];
export const SOURCE_TYPES = ['auto', 'semi-auto', 'manual', 'file', 'consensus'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

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

const integerId = z.number().int().nonnegative();
const finiteNumber = z.number({ error: 'Value must be a float or an integer' }).finite();

/** `{spec_id, value}`; CVAT stringifies the value with Python's str() before validating it. */
export const attributeValSchema = z.object({
  spec_id: integerId,
  value: z.preprocess((value) => pythonStr(value), z.string().max(4096)),
});
export type AttributeVal = z.output<typeof attributeValSchema>;

/** Python's str() of a JSON value, which is what CVAT stores for a non-string attribute value. */
export function pythonStr(value: unknown): unknown {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  return value;
}

const common = {
  id: integerId.nullish().transform((value) => value ?? null),
  label_id: integerId,
  frame: integerId,
  group: integerId.nullish().transform((value) => value ?? 0),
  source: z.string().optional().default('manual'),
  attributes: z.array(attributeValSchema).optional().default([]),
};

const shapeFields = {
  type: z.enum(SHAPE_TYPES),
  occluded: z.boolean().optional().default(false),
  outside: z.boolean().optional().default(false),
  z_order: z.number().int().optional().default(0),
  rotation: z.number().min(0).max(360).optional().default(0),
  points: z.array(finiteNumber).optional().default([]),
};

function checkPoints(shape: { type: ShapeType; points: number[] }, context: z.RefinementCtx): void {
  const problem = pointsLengthProblem(shape.type, shape.points.length);
  if (problem) context.addIssue({ code: 'custom', path: ['points'], message: problem });
}

function checkSource(object: { source: string; id: number | null }, context: z.RefinementCtx): void {
  // CVAT replaces an invalid source by 'manual' when the object has an id (legacy data), else rejects it.
  if (!(SOURCE_TYPES as readonly string[]).includes(object.source)) {
    if (object.id) object.source = 'manual';
    else context.addIssue({ code: 'custom', path: ['source'], message: `"${object.source}" is not a valid choice.` });
  }
}

export const tagSchema = z.object(common).superRefine(checkSource);
export type Tag = z.output<typeof tagSchema>;

export const subShapeSchema = z
  .object({ ...common, ...shapeFields, score: z.number().min(0).max(1).optional().default(1) })
  .superRefine((shape, context) => {
    checkSource(shape, context);
    checkPoints(shape, context);
  });
export type SubShape = z.output<typeof subShapeSchema>;

export const shapeSchema = z
  .object({
    ...common,
    ...shapeFields,
    score: z.number().min(0).max(1).optional().default(1),
    elements: z.array(subShapeSchema).optional().default([]),
  })
  .superRefine((shape, context) => {
    checkSource(shape, context);
    checkPoints(shape, context);
    if (shape.type === 'skeleton' && shape.elements.length === 0)
      context.addIssue({ code: 'custom', path: ['elements'], message: 'At least one element is required for skeleton shape' });
    if (shape.type !== 'skeleton' && shape.elements.length > 0)
      context.addIssue({ code: 'custom', path: ['elements'], message: 'Elements are not allowed for non-skeleton shape' });
  });
export type Shape = z.output<typeof shapeSchema>;

/** A keyframe of a track. Every stored tracked shape is a keyframe; `id` is not subject to the action rules. */
export const trackedShapeSchema = z
  .object({
    id: integerId.nullish().transform((value) => value ?? null),
    frame: integerId,
    attributes: z.array(attributeValSchema).optional().default([]),
    ...shapeFields,
  })
  .superRefine(checkPoints);
export type TrackedShape = z.output<typeof trackedShapeSchema>;

export const subTrackSchema = z
  .object({ ...common, shapes: z.array(trackedShapeSchema) })
  .superRefine(checkSource);
export type SubTrack = z.output<typeof subTrackSchema>;

export const trackSchema = z
  .object({ ...common, shapes: z.array(trackedShapeSchema), elements: z.array(subTrackSchema).optional().default([]) })
  .superRefine(checkSource);
export type Track = z.output<typeof trackSchema>;

/** The body of GET / PUT / PATCH `…/annotations`. `{}` is a valid, empty body; unknown keys are ignored. */
export const labeledDataSchema = z.object({
  version: z.number().int().optional().default(0),
  tags: z.array(tagSchema).optional().default([]),
  shapes: z.array(shapeSchema).optional().default([]),
  tracks: z.array(trackSchema).optional().default([]),
});
export type LabeledData = z.output<typeof labeledDataSchema>;
/** What a client may send: every field with a default may be omitted. */
export type LabeledDataInput = z.input<typeof labeledDataSchema>;

export function emptyAnnotations(): LabeledData {
  return { version: 0, tags: [], shapes: [], tracks: [] };
}
