// The native shape of the parts of a Datumaro 1.0 JSON subset file (`annotations/<subset>.json`), lenient where real
// files vary (current `dm_format_version: "1.0"` envelope and the legacy one without it; `info` or `infos`).
import { z } from 'zod';

const number = z.number();
const attributes = z.record(z.string(), z.unknown()).optional().default({});

export const labelCategoriesSchema = z.object({
  labels: z.array(z.object({ name: z.string(), parent: z.string().nullish(), attributes: z.array(z.string()).optional().default([]) })).default([]),
  attributes: z.array(z.string()).optional().default([]),
  label_groups: z.array(z.unknown()).optional(),
});

export const pointsCategoriesSchema = z.object({
  items: z.array(z.object({ label_id: z.number().int(), labels: z.array(z.string()).default([]), joints: z.array(z.array(z.number().int())).default([]) })).default([]),
});

export const categoriesSchema = z.looseObject({
  label: labelCategoriesSchema.optional(),
  points: pointsCategoriesSchema.optional(),
  mask: z.unknown().optional(),
});
export type DatumaroCategories = z.output<typeof categoriesSchema>;

/**
 * One annotation of an item. The reader checks annotations with `checkAnnotation` (item-check.ts), which accepts
 * exactly what this schema accepts (a test holds them together).
 */
export const annotationSchema = z.looseObject({
  id: z.number().nullish(),
  type: z.string(),
  attributes,
  group: z.number().int().nullish(),
  label_id: z.number().int().nullish(),
  z_order: z.number().int().nullish(),
  bbox: z.array(number).length(4).optional(),
  points: z.array(z.union([number, z.array(number)])).optional(),
  visibility: z.array(z.number()).optional(),
  rle: z.object({ counts: z.union([z.string(), z.array(z.number())]), size: z.array(z.number().int()).length(2) }).optional(),
  points_attributes: z.array(z.record(z.string(), z.unknown())).optional(),
  elements: z.array(z.looseObject({ label_id: z.number().int().nullish(), points: z.array(number), visibility: z.array(z.number()).optional(), attributes })).optional(),
  caption: z.string().optional(),
});
export type DatumaroAnnotation = z.output<typeof annotationSchema>;

/** One element of `items`; the reader checks items with `checkItem` (item-check.ts), held to this schema by a test. */
export const itemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  annotations: z.array(z.unknown()).optional().default([]),
  attr: z.record(z.string(), z.unknown()).optional(),
  image: z.object({ path: z.string().optional(), size: z.array(z.number().int()).length(2).optional() }).nullish(),
  media: z.object({ path: z.string().optional() }).nullish(),
  point_cloud: z.object({ path: z.string().optional() }).nullish(),
});
export type DatumaroItem = z.output<typeof itemSchema>;

/** The envelope versions this reader accepts, as Datumaro's own reader does. */
export const ALLOWED_VERSIONS = new Set([undefined, '1.0']);
