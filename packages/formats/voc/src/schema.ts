// The zod schema of a PASCAL VOC annotation XML (`Annotations/<id>.xml`) as fast-xml-parser yields it (every leaf a
// string), with Datumaro's reading rules: `bndbox` with four numbers is required, `truncated`, `difficult` and
// `occluded` must be literally 0 or 1, `size` values are integers.
import { z } from 'zod';

/** Empty elements (`<size/>`, `<attributes>\n</attributes>`) parse as blank text and count as absent. */
const absentIfEmpty = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const text = z.preprocess((value) => (value === undefined || value === null ? value : typeof value === 'object' ? value : String(value)), z.string({ error: 'must be text' }));

const flag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : value),
  z.enum(['0', '1'], { error: 'must be 0 or 1' }),
);

const coordinate = z
  .preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string({ error: 'must be a number' }))
  .refine((value) => value !== '' && Number.isFinite(Number(value)), { error: 'must be a number' })
  .transform(Number);

const positiveInteger = z
  .preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string({ error: 'must be an integer' }))
  .refine((value) => /^\d+$/.test(value), { error: 'must be a non-negative integer' })
  .transform(Number);

export const bndboxSchema = z.object(
  { xmin: coordinate, ymin: coordinate, xmax: coordinate, ymax: coordinate },
  { error: 'must hold xmin, ymin, xmax, ymax' },
);

export const partSchema = z.object({ name: text, bndbox: bndboxSchema });

export const attributeSchema = z.object({ name: text.pipe(z.string().min(1, 'must not be empty')), value: z.preprocess((value) => value ?? '', text) });

export const objectSchema = z.object({
  name: text.pipe(z.string().min(1, 'must not be empty')),
  pose: z.preprocess((value) => value ?? undefined, text.optional()),
  truncated: z.preprocess(absentIfEmpty, flag.optional()),
  difficult: z.preprocess(absentIfEmpty, flag.optional()),
  occluded: z.preprocess(absentIfEmpty, flag.optional()),
  bndbox: bndboxSchema,
  part: z.array(partSchema).optional().default([]),
  // Only the string keys: the parser's node metadata is a symbol-keyed property.
  actions: z.preprocess((value) => (absentIfEmpty(value) === undefined ? undefined : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== '#text')) : value), z.record(z.string(), flag).optional()),
  attributes: z.preprocess(absentIfEmpty, z.object({ attribute: z.array(attributeSchema).optional().default([]) }).optional()),
});
export type VocObject = z.output<typeof objectSchema>;

export const annotationSchema = z.object({
  folder: z.preprocess(absentIfEmpty, text.optional()),
  filename: z.preprocess(absentIfEmpty, text.optional()),
  size: z.preprocess(
    absentIfEmpty,
    z
      .object({
        width: z.preprocess(absentIfEmpty, positiveInteger.optional()),
        height: z.preprocess(absentIfEmpty, positiveInteger.optional()),
      })
      .optional(),
  ),
  object: z.array(objectSchema).optional().default([]),
});
export type VocAnnotation = z.output<typeof annotationSchema>;

/** The document: its root element must be `<annotation>`. */
export const annotationDocumentSchema = z.object({ annotation: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? {} : value), annotationSchema) }, { error: "root element must be 'annotation'" });

/** Elements that may repeat, so fast-xml-parser always yields arrays for them. */
export const REPEATED_ELEMENTS: ReadonlySet<string> = new Set(['annotation.object', 'annotation.object.part', 'annotation.object.attributes.attribute']);
