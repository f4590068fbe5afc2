// The native COCO JSON records, as zod schemas for the small sections (categories, images) and fast hand-written
// checks for annotations, which can number in the millions. Every failure is a ParseError naming the JSON path.
import { z } from 'zod';
import { ParseError } from '@annoconv/core';

export const COCO_TASKS = ['instances', 'person_keypoints', 'captions', 'labels', 'image_info', 'panoptic', 'stuff'] as const;
export type CocoTask = (typeof COCO_TASKS)[number];

export const categorySchema = z.looseObject({
  id: z.number().int(),
  name: z.string().min(1),
  supercategory: z.string().optional(),
  keypoints: z.array(z.string()).optional(),
  skeleton: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
});
export type CocoCategory = z.output<typeof categorySchema>;

// Datumaro rejects string image ids; width and height may be missing (then sizes are unknown).
export const imageSchema = z.looseObject({
  id: z.number().int(),
  file_name: z.string().min(1),
  width: z.number().int().nonnegative().nullish(),
  height: z.number().int().nonnegative().nullish(),
});
export type CocoImage = z.output<typeof imageSchema>;

/** An instances / keypoints / labels annotation record; checked field by field by `annotationFields`. */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  segmentation?: number[][] | { counts: number[] | string; size: [number, number] } | [];
  bbox?: [number, number, number, number];
  iscrowd?: number | boolean;
  area?: number;
  score?: number;
  attributes?: Record<string, unknown>;
  keypoints?: number[];
  num_keypoints?: number;
  caption?: string;
}

/** Validates one element of a small section with its zod schema; the error names `section[index].field`. */
export function checkRecord<T>(schema: z.ZodType<T>, value: unknown, file: string, section: string, index: number): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  throw new ParseError(`${issue.message}`, { file, jsonPath: `${section}[${index}]${path}` });
}

function fail(message: string, file: string, jsonPath: string, id?: unknown): never {
  throw new ParseError(message, { file, jsonPath, ...(typeof id === 'number' ? { objectId: id, objectKind: 'annotation' } : {}) });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The identifying fields every annotation needs, type-checked. */
export function annotationFields(value: unknown, file: string, path: string, needsCategory: boolean): CocoAnnotation {
  if (!isRecord(value)) fail('an annotation must be an object', file, path);
  const id = value.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) fail(`annotation id must be an integer, got ${JSON.stringify(id)}`, file, `${path}.id`);
  if (typeof value.image_id !== 'number' || !Number.isInteger(value.image_id))
    fail(`annotation ${id}: image_id must be an integer, got ${JSON.stringify(value.image_id)}`, file, `${path}.image_id`, id);
  if (needsCategory && (typeof value.category_id !== 'number' || !Number.isInteger(value.category_id)))
    fail(`annotation ${id}: category_id must be an integer, got ${JSON.stringify(value.category_id)}`, file, `${path}.category_id`, id);
  if (value.attributes !== undefined && !isRecord(value.attributes)) fail(`annotation ${id}: attributes must be an object`, file, `${path}.attributes`, id);
  if (value.iscrowd !== undefined && typeof value.iscrowd !== 'number' && typeof value.iscrowd !== 'boolean')
    fail(`annotation ${id}: iscrowd must be 0 or 1`, file, `${path}.iscrowd`, id);
  if (value.score !== undefined && typeof value.score !== 'number') fail(`annotation ${id}: score must be a number`, file, `${path}.score`, id);
  return value as unknown as CocoAnnotation;
}

/** A flat list of finite numbers (polygon part, bbox, keypoints). */
export function checkNumbers(value: unknown, file: string, path: string, id: number): number[] {
  if (!Array.isArray(value)) fail(`annotation ${id}: expected an array of numbers`, file, path, id);
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== 'number' || !Number.isFinite(item)) fail(`annotation ${id}: expected a number, got ${JSON.stringify(item)}`, file, `${path}[${index}]`, id);
  }
  return value as number[];
}

export function failAt(message: string, file: string, jsonPath: string, id?: number): never {
  fail(message, file, jsonPath, id);
}
