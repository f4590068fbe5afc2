// The LabelMe 3.0 annotation document as zod schemas (what Datumaro's reader requires: `filename`, `folder`, every
// object's integer `id`), and the names of the elements that repeat.
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text.optional();

export const pointSchema = z.object({ x: text, y: text });

export const objectSchema = z.object({
  name: optionalText,
  deleted: optionalText,
  verified: optionalText,
  occluded: optionalText,
  date: optionalText,
  id: text.refine((value) => /^\s*[+-]?\d+\s*$/.test(value), { message: 'must be an integer' }),
  type: optionalText,
  attributes: optionalText,
  parts: z.object({ hasparts: optionalText, ispartof: optionalText }).partial().or(z.literal('')).optional(),
  // `<polygon/>` parses as '': a polygon without points.
  polygon: z.union([z.object({ username: optionalText, pt: z.array(pointSchema).optional() }), z.literal('').transform(() => ({ username: undefined, pt: [] }))]).optional(),
  segm: z.object({ username: optionalText, mask: text }).passthrough().optional(),
}).passthrough();
export type LabelMeObject = z.output<typeof objectSchema>;

export const annotationSchema = z.object({
  filename: text,
  folder: text.or(z.literal('')).optional().transform((value) => value ?? ''),
  imagesize: z.object({ nrows: optionalText, ncols: optionalText }).or(z.literal('')).optional(),
  object: z.array(objectSchema).optional().default([]),
}).passthrough();
export type LabelMeAnnotation = z.output<typeof annotationSchema>;

export const documentSchema = z.object({ annotation: annotationSchema });

/** Elements parsed as arrays whatever their count. */
export const REPEATED_ELEMENTS: ReadonlySet<string> = new Set(['annotation.object', 'annotation.object.polygon.pt']);
