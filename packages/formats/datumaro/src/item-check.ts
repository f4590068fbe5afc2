// Hand-written checks of Datumaro items and annotations, accepting exactly what `itemSchema` and `annotationSchema`
// (schema.ts) accept: a big file holds millions of annotations, and zod's copy of each one cost more than reading it.
// Defaults are filled in place (the records are fresh from JSON.parse and owned by the reader).
import { SchemaError } from '@annoconv/core';
import type { DatumaroAnnotation } from './schema.js';

/** An item as the reader uses it: `id` as a string, `annotations` defaulted to []. */
export interface CheckedItem {
  id: string;
  annotations: unknown[];
  image?: { path?: string; size?: number[] } | null;
  media?: { path?: string } | null;
  point_cloud?: { path?: string } | null;
}

type Json = Record<string, unknown>;

function fail(file: string, path: string, message: string): never {
  throw new SchemaError([{ path, message }], { where: { file } });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isInteger = Number.isInteger as (value: unknown) => value is number;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function numbers(value: unknown, file: string, path: string, length?: number): void {
  if (!Array.isArray(value)) fail(file, path, 'expected an array of numbers');
  // Elements before length, as zod reports them.
  for (let index = 0; index < value.length; index++) if (!isNumber(value[index])) fail(file, `${path}[${index}]`, 'expected a number');
  if (length !== undefined && value.length !== length) fail(file, path, `expected ${length} numbers, got ${value.length}`);
}

function integers(value: unknown, file: string, path: string, length?: number): void {
  if (!Array.isArray(value)) fail(file, path, 'expected an array of integers');
  for (let index = 0; index < value.length; index++) if (!isInteger(value[index])) fail(file, `${path}[${index}]`, 'expected an integer');
  if (length !== undefined && value.length !== length) fail(file, path, `expected ${length} integers, got ${value.length}`);
}

/** `null` and absent pass; otherwise an integer. */
function nullishInteger(value: unknown, file: string, path: string): void {
  if (value !== undefined && value !== null && !isInteger(value)) fail(file, path, 'expected an integer or null');
}

/** An optional object whose `path`, if any, is a string (`image`, `media`, `point_cloud`). */
function pathHolder(value: unknown, file: string, path: string, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (!isObject(value)) fail(file, path, 'expected an object');
  if (value.path !== undefined && typeof value.path !== 'string') fail(file, `${path}.path`, 'expected a string');
}

/**
 * A name→value object as zod's record leaves it: JSON.parse makes `"__proto__"` an own key, which zod's copy drops
 * (and which must never become an attribute name that code could assign through).
 */
function dropProtoKey(record: Json): void {
  if (Object.hasOwn(record, '__proto__')) delete (record as Record<string, unknown>)['__proto__'];
}

/** Fills `attributes` with {} when absent; anything but an object is an error. */
function attributesOf(record: Json, file: string, path: string): void {
  const attributes = record.attributes;
  if (attributes === undefined) record.attributes = {};
  else if (!isObject(attributes)) fail(file, `${path}.attributes`, 'expected an object');
  else dropProtoKey(attributes);
}

/** Checks one element of `items` (`path` is `$.items[n]`). */
export function checkItem(value: unknown, file: string, path: string): CheckedItem {
  if (!isObject(value)) fail(file, path, 'expected an object');
  const id = value.id;
  if (typeof id === 'number') value.id = String(id);
  else if (typeof id !== 'string') fail(file, `${path}.id`, 'expected a string or a number');
  if (value.annotations === undefined) value.annotations = [];
  else if (!Array.isArray(value.annotations)) fail(file, `${path}.annotations`, 'expected an array');
  if (value.attr !== undefined && !isObject(value.attr)) fail(file, `${path}.attr`, 'expected an object');
  if (isObject(value.attr)) dropProtoKey(value.attr);
  const image = value.image;
  pathHolder(image, file, `${path}.image`, true);
  if (isObject(image) && image.size !== undefined) integers(image.size, file, `${path}.image.size`, 2);
  pathHolder(value.media, file, `${path}.media`, true);
  pathHolder(value.point_cloud, file, `${path}.point_cloud`, true);
  return value as unknown as CheckedItem;
}

/** Checks one annotation of an item (`path` is `$.items[n].annotations[m]`). */
export function checkAnnotation(value: unknown, file: string, path: string): DatumaroAnnotation {
  if (!isObject(value)) fail(file, path, 'expected an object');
  if (value.id !== undefined && value.id !== null && !isNumber(value.id)) fail(file, `${path}.id`, 'expected a number or null');
  if (typeof value.type !== 'string') fail(file, `${path}.type`, 'expected a string');
  attributesOf(value, file, path);
  nullishInteger(value.group, file, `${path}.group`);
  nullishInteger(value.label_id, file, `${path}.label_id`);
  nullishInteger(value.z_order, file, `${path}.z_order`);
  if (value.bbox !== undefined) numbers(value.bbox, file, `${path}.bbox`, 4);
  const points = value.points;
  if (points !== undefined) {
    if (!Array.isArray(points)) fail(file, `${path}.points`, 'expected an array');
    for (let index = 0; index < points.length; index++) {
      const point: unknown = points[index];
      if (!isNumber(point)) numbers(point, file, `${path}.points[${index}]`);
    }
  }
  if (value.visibility !== undefined) numbers(value.visibility, file, `${path}.visibility`);
  const rle = value.rle;
  if (rle !== undefined) {
    if (!isObject(rle)) fail(file, `${path}.rle`, 'expected an object');
    if (typeof rle.counts !== 'string') numbers(rle.counts, file, `${path}.rle.counts`);
    integers(rle.size, file, `${path}.rle.size`, 2);
  }
  const pointsAttributes = value.points_attributes;
  if (pointsAttributes !== undefined) {
    if (!Array.isArray(pointsAttributes)) fail(file, `${path}.points_attributes`, 'expected an array');
    for (let index = 0; index < pointsAttributes.length; index++) {
      const entry = pointsAttributes[index];
      if (!isObject(entry)) fail(file, `${path}.points_attributes[${index}]`, 'expected an object');
      dropProtoKey(entry);
    }
  }
  const elements = value.elements;
  if (elements !== undefined) {
    if (!Array.isArray(elements)) fail(file, `${path}.elements`, 'expected an array');
    for (let index = 0; index < elements.length; index++) {
      const element: unknown = elements[index];
      const at = `${path}.elements[${index}]`;
      if (!isObject(element)) fail(file, at, 'expected an object');
      nullishInteger(element.label_id, file, `${at}.label_id`);
      numbers(element.points, file, `${at}.points`);
      if (element.visibility !== undefined) numbers(element.visibility, file, `${at}.visibility`);
      attributesOf(element, file, at);
    }
  }
  if (value.caption !== undefined && typeof value.caption !== 'string') fail(file, `${path}.caption`, 'expected a string');
  return value as unknown as DatumaroAnnotation;
}
