// checkItem and checkAnnotation accept exactly what the zod schemas accept, give the same records, and name a place
// zod names too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnnoconvError, SchemaError } from '@annoconv/core';
import type { z } from 'zod';
import { checkAnnotation, checkItem } from './item-check.js';
import { annotationSchema, itemSchema } from './schema.js';

/** A valid value most of the time, sometimes any JSON value, sometimes absent. */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }, { weight: 2, arbitrary: fc.constant(undefined) });
}

const number = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const numbers = (min = 0, max = 6) => fc.array(field(number), { minLength: min, maxLength: max });
const record = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
const nullishInteger = fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant(null), fc.double({ min: 0.5, max: 1.5, noNaN: true }));

/** Drops the keys whose value is undefined (JSON has none). */
function json(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

const annotation = fc
  .record({
    id: field(fc.oneof(fc.integer(), fc.constant(null))),
    type: field(fc.constantFrom('bbox', 'polygon', 'mask', 'skeleton')),
    attributes: field(record),
    group: field(nullishInteger),
    label_id: field(nullishInteger),
    z_order: field(nullishInteger),
    bbox: field(numbers(3, 5)),
    points: field(fc.array(fc.oneof(number, numbers(0, 3), fc.string()), { maxLength: 6 })),
    visibility: field(numbers()),
    rle: field(fc.record({ counts: field(fc.oneof(fc.string(), numbers())), size: field(fc.array(nullishInteger, { minLength: 1, maxLength: 3 })) })),
    points_attributes: field(fc.array(field(record), { maxLength: 3 })),
    elements: field(fc.array(field(fc.record({ label_id: field(nullishInteger), points: field(numbers()), visibility: field(numbers()), attributes: field(record) })), { maxLength: 3 })),
    caption: field(fc.string()),
    extra: field(fc.string()),
  })
  .map((value) => json(value as Record<string, unknown>));

const item = fc
  .record({
    id: field(fc.oneof(fc.string(), fc.integer())),
    annotations: field(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })),
    attr: field(record),
    image: field(fc.oneof(fc.constant(null), fc.record({ path: field(fc.string()), size: field(fc.array(nullishInteger, { minLength: 1, maxLength: 3 })) }))),
    media: field(fc.oneof(fc.constant(null), fc.record({ path: field(fc.string()) }))),
    point_cloud: field(fc.oneof(fc.constant(null), fc.record({ path: field(fc.string()) }))),
  })
  .map((value) => json(value as Record<string, unknown>));

function issuePaths(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => prefix + issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join(''));
}

/** The record as zod outputs it: its plain (not loose) nested objects lose their unknown keys. */
function likeZod(value: unknown): unknown {
  const record = { ...(value as Record<string, unknown>) };
  const keep = (key: string, fields: string[]): void => {
    const nested = record[key];
    if (typeof nested === 'object' && nested !== null) record[key] = Object.fromEntries(Object.entries(nested).filter(([name]) => fields.includes(name)));
  };
  keep('image', ['path', 'size']);
  keep('media', ['path']);
  keep('point_cloud', ['path']);
  keep('rle', ['counts', 'size']);
  return record;
}

function agree(schema: z.ZodType, check: (value: unknown, file: string, path: string) => unknown, value: unknown, prefix: string): void {
  // Both sides get their own copy: the check fills defaults in place.
  const expected = schema.safeParse(JSON.parse(JSON.stringify(value)));
  let actual: unknown;
  let failure: unknown;
  try {
    actual = check(JSON.parse(JSON.stringify(value)), 'a.json', prefix);
  } catch (error) {
    failure = error;
  }
  if (expected.success) {
    expect(failure).toBeUndefined();
    expect(likeZod(actual)).toEqual(expected.data);
  } else {
    expect(AnnoconvError.isInstance(failure) && failure.code).toBe('schema');
    const path = (failure as SchemaError).issues[0]!.path;
    expect(issuePaths(expected.error, prefix).some((zodPath) => path.startsWith(zodPath))).toBe(true);
    expect((failure as SchemaError).where?.file).toBe('a.json');
  }
}

describe('item checks', () => {
  it('accept the annotations annotationSchema accepts, with the same result', () => {
    fc.assert(
      fc.property(annotation, (value) => agree(annotationSchema, checkAnnotation, value, '$.items[3].annotations[1]')),
      { numRuns: 1500 },
    );
  });

  it('accept the items itemSchema accepts, with the same result', () => {
    fc.assert(
      fc.property(item, (value) => agree(itemSchema, checkItem, value, '$.items[7]')),
      { numRuns: 800 },
    );
  });

  it('refuse what is not an object, at the path given', () => {
    for (const value of [null, [], 3, 'x']) {
      agree(annotationSchema, checkAnnotation, value, '$.items[0].annotations[0]');
      agree(itemSchema, checkItem, value, '$.items[0]');
    }
    expect(() => checkAnnotation({ type: 'bbox', bbox: [1, 2, 3] }, 'a.json', '$.items[2].annotations[0]')).toThrow('$.items[2].annotations[0].bbox');
  });
});
