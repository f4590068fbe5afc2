import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnnoconvError } from '@annoconv/core';
import { parseSections, streamSections, type SectionHandler } from './json-sections.js';

function collector(): { handler: SectionHandler; result: Record<string, unknown> } {
  // A Map, then own properties: a `__proto__` key must stay a key.
  const sections = new Map<string, unknown>();
  const result: Record<string, unknown> = {};
  const handler: SectionHandler = {
    elements(key, elements, firstIndex) {
      let list = sections.get(key) as unknown[] | undefined;
      if (!list) sections.set(key, (list = []));
      expect(firstIndex).toBe(list.length);
      list.push(...elements);
      Object.defineProperty(result, key, { value: list, enumerable: true, configurable: true, writable: true });
    },
    value(key, value) {
      sections.set(key, value);
      Object.defineProperty(result, key, { value, enumerable: true, configurable: true, writable: true });
    },
  };
  return { handler, result };
}

async function* chunked(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.slice(offset, offset + size);
}

async function streamed(text: string, size: number): Promise<Record<string, unknown>> {
  const { handler, result } = collector();
  await streamSections(chunked(text, size), 'x.json', handler);
  return result;
}

async function failure(text: string, size = 7, root?: string): Promise<AnnoconvError> {
  try {
    await streamSections(chunked(text, size), 'x.json', collector().handler, root === undefined ? {} : { root });
  } catch (error) {
    if (AnnoconvError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('streamSections', () => {
  it('gives the same sections as JSON.parse for any object of arrays and values, whatever the chunk size', async () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.oneof(fc.array(value), value)), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (object, size, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        const expected = JSON.parse(text) as Record<string, unknown>;
        expect(await streamed(text, size)).toEqual(expected);
        const { handler, result } = collector();
        parseSections(text, 'x.json', handler);
        expect(result).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves the chunks it was given as they were (it lends their separators as brackets while parsing)', async () => {
    await fc.assert(
      // Chunks big enough to hold whole batches are parsed in place (smaller ones are joined into copies first).
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), async (elements, size) => {
        const text = JSON.stringify({ annotations: elements, info: { n: elements.length } });
        const bytes = new TextEncoder().encode(text);
        const chunks: Uint8Array[] = [];
        for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.slice(offset, offset + size));
        const { handler, result } = collector();
        await streamSections((async function* () { yield* chunks; })(), 'x.json', handler);
        expect(result).toEqual(JSON.parse(text));
        expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('drops a leading byte order mark, even one split over chunks, as the whole-file path does', async () => {
    for (const size of [1, 2, 3, 64]) expect(await streamed('\uFEFF{"images": [1, 2], "info": {}}', size)).toEqual({ images: [1, 2], info: {} });
  });

  it('handles escaped quotes and backslashes split across chunks', async () => {
    const object = { images: [{ file_name: 'a\\"b\\\\', x: '\\\\' }, { file_name: '"' }], info: { a: '}' } };
    const text = JSON.stringify(object);
    for (let size = 1; size < 12; size++) expect(await streamed(text, size)).toEqual(object);
  });

  it('reports a truncated file with the element being read', async () => {
    const text = JSON.stringify({ images: [], annotations: [{ id: 1 }, { id: 2 }, { id: 3, bbox: [1, 2] }] }, null, 1);
    const error = await failure(text.slice(0, text.length - 12));
    expect(error.code).toBe('parse');
    expect(error.where?.jsonPath).toBe('annotations[2]');
    expect(error.where?.line).toBeGreaterThan(1);
  });

  it('names the malformed element of a batch', async () => {
    const error = await failure('{"annotations": [{"id": 1},\n{"id": 2,},\n{"id": 3}]}', 1000);
    expect(error.where?.jsonPath).toBe('annotations[1]');
    expect(error.where?.line).toBe(2);
  });

  it('rejects a top level that is not an object', async () => {
    expect((await failure('[1, 2]')).where?.jsonPath).toBe('$');
    expect((await failure('{"a": 1} x')).code).toBe('parse');
  });

  it("starts every error's JSON path with the root it is given", async () => {
    const truncated = JSON.stringify({ items: [{ id: 1 }, { id: 2, annotations: [] }] });
    expect((await failure(truncated.slice(0, -8), 7, '$')).where?.jsonPath).toBe('$.items[1]');
    expect((await failure('{"items": [{"id": 1},\n{"id": 2,}]}', 1000, '$')).where?.jsonPath).toBe('$.items[1]');
    expect((await failure('{"categories": {"a": 1,}, "items": []}', 5, '$')).where?.jsonPath).toBe('$.categories');
    expect((await failure('{"items" 1}', 3, '$')).where?.jsonPath).toBe('$.items');
    expect((await failure('[1]', 3, '$')).where?.jsonPath).toBe('$');
  });
});
