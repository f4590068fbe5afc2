// Streaming a Datumaro file (any chunk size, any threshold, items before or after categories) gives the same dataset
// and diagnostics as parsing it whole, and its errors name the file and the JSON path.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnnoconvError, createContext, type Dataset, type FileTree, type FormatContext } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { datasetArbitrary, sharedSamplesDir, treeFromFolder } from '@annoconv/testing';
import { readDatumaro } from './read.js';
import { writeDatumaro } from './write.js';

/** The tree with `stream` handing out copies of `size` bytes. */
function chunkedTree(tree: FileTree, size: number): FileTree {
  return {
    name: tree.name,
    entries: () => tree.entries(),
    has: (file) => tree.has(file),
    read: (file) => tree.read(file),
    readText: (file) => tree.readText(file),
    async *stream(file) {
      const bytes = await tree.read(file);
      for (let offset = 0; offset < bytes.length; offset += size) yield bytes.slice(offset, offset + size);
    },
  };
}

/** What a read gives, as plain data (image readers are functions; their paths stay). */
async function outcome(tree: FileTree, streamThreshold?: number): Promise<{ dataset: unknown; diagnostics: unknown } | { error: string; code: string; where: unknown }> {
  const context: FormatContext = createContext();
  try {
    const dataset: Dataset = await readDatumaro(tree, streamThreshold === undefined ? {} : { streamThreshold }, context);
    return { dataset: JSON.parse(JSON.stringify(dataset)), diagnostics: context.diagnostics.items };
  } catch (error) {
    if (!AnnoconvError.isInstance(error)) throw error;
    return { error: error.message, code: error.code, where: error.where };
  }
}

async function failure(tree: FileTree, streamThreshold?: number): Promise<AnnoconvError> {
  const result = await outcome(tree, streamThreshold);
  if (!('error' in result)) throw new Error('expected the read to fail');
  return Object.assign(new Error(result.error), result) as unknown as AnnoconvError;
}

async function written(dataset: Dataset): Promise<Map<string, Uint8Array>> {
  const sink = new MemorySink();
  await writeDatumaro(dataset, sink, {}, createContext());
  return sink.files;
}

/** Every annotation file rewritten with its top-level keys in another order and, optionally, indented. */
function rewritten(files: Map<string, Uint8Array>, order: (keys: string[]) => string[], indent: number): Map<string, Uint8Array> {
  const result = new Map<string, Uint8Array>();
  for (const [file, bytes] of files) {
    if (!file.endsWith('.json')) {
      result.set(file, bytes);
      continue;
    }
    const document = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const reordered = Object.fromEntries(order(Object.keys(document)).map((key) => [key, document[key]]));
    result.set(file, new TextEncoder().encode(JSON.stringify(reordered, null, indent || undefined)));
  }
  return result;
}

const itemsFirst = (keys: string[]): string[] => ['items', ...keys.filter((key) => key !== 'items')];
const categoriesLast = (keys: string[]): string[] => [...keys.filter((key) => key !== 'categories'), 'categories'];

function documentTree(document: string, file = 'annotations/default.json'): MemoryTree {
  return new MemoryTree({ [file]: document });
}

describe('Datumaro streaming read', () => {
  it('gives the same dataset and diagnostics as the whole-file read, for any chunk size and key order', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArbitrary({ shapeTypes: ['rectangle', 'polygon', 'polyline', 'points', 'mask', 'skeleton', 'ellipse'], subsets: true, maxFrames: 4, maxObjects: 4 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(undefined, itemsFirst, categoriesLast),
        fc.constantFrom(0, 1),
        async (dataset, chunk, order, indent) => {
          const files = order || indent ? rewritten(await written(dataset), order ?? ((keys) => keys), indent) : await written(dataset);
          const tree = new MemoryTree(files);
          const whole = await outcome(tree, Number.POSITIVE_INFINITY);
          expect(whole).toHaveProperty('dataset');
          expect(await outcome(chunkedTree(tree, chunk), 0)).toEqual(whole);
          // Key order does not matter either: the file as the writer wrote it reads the same.
          if (order) expect(await outcome(new MemoryTree(await written(dataset)), Number.POSITIVE_INFINITY)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('streams files from the default threshold on, and reads the small ones whole', async () => {
    const big = JSON.stringify({ categories: { label: { labels: [{ name: 'car' }] } }, items: [{ id: 'a', annotations: [{ type: 'label', label_id: 0 }] }] });
    let streamed = 0;
    const tree = documentTree(big);
    const spy: FileTree = { ...chunkedTree(tree, 5), entries: () => tree.entries(), stream: (file) => (streamed++, chunkedTree(tree, 5).stream(file)) };
    await readDatumaro(spy, {}, createContext());
    expect(streamed).toBe(0);
    await readDatumaro(spy, { streamThreshold: big.length }, createContext());
    expect(streamed).toBe(1);
  });

  const samples = sharedSamplesDir();
  it.skipIf(!fs.existsSync(samples))('reads every shared Datumaro sample the same way streamed, in 1 to 64-byte chunks', async () => {
    const folders = ['cvat-datumaro/datumaro_dataset/with_skeleton', 'cvat-datumaro/datumaro_dataset/diverse', 'datumaro/datumaro_dataset/legacy'];
    for (const folder of folders) {
      const tree = treeFromFolder(path.join(samples, folder));
      const whole = await outcome(tree, Number.POSITIVE_INFINITY);
      expect(whole).toHaveProperty('dataset');
      for (const chunk of [1, 3, 64]) expect(await outcome(chunkedTree(tree, chunk), 0)).toEqual(whole);
    }
  });

  it('reports items read batch by batch while streaming', async () => {
    const items = Array.from({ length: 300 }, (_, index) => `{"id": "item${index}", "annotations": []}`).join(', ');
    const tree = documentTree(`{"dm_format_version": "1.0", "categories": {"label": {"labels": []}}, "items": [${items}]}`);
    const done: number[] = [];
    const context = createContext({ onProgress: (event) => void (event.stage === 'reading Datumaro items' && done.push(event.done)) });
    await readDatumaro(chunkedTree(tree, 1024), { streamThreshold: 0 }, context);
    expect(done.length).toBeGreaterThan(1);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(300);
  });

  it('reads a file with a byte order mark both ways', async () => {
    const text = '\uFEFF{"categories": {"label": {"labels": [{"name": "car"}]}}, "items": [{"id": 1, "annotations": [{"type": "label", "label_id": 0}]}]}';
    const tree = documentTree(text);
    const whole = await outcome(tree, Number.POSITIVE_INFINITY);
    expect(whole).toMatchObject({ dataset: { frames: [{ name: '1' }], annotations: { tags: [{ label_id: 1 }] } } });
    expect(await outcome(chunkedTree(tree, 2), 0)).toEqual(whole);
  });
});

describe('Datumaro streaming errors', () => {
  const document = JSON.stringify(
    {
      dm_format_version: '1.0',
      categories: { label: { labels: [{ name: 'car' }] } },
      items: [
        { id: 'a', annotations: [{ type: 'bbox', label_id: 0, bbox: [1, 2, 3, 4] }] },
        { id: 'b', annotations: [{ type: 'bbox', label_id: 0, bbox: [1, 2, 3, 4] }] },
        { id: 'c', annotations: [{ type: 'bbox', label_id: 0, bbox: [5, 6, 7, 8] }] },
      ],
    },
    null,
    2,
  );

  it('names the item being read when the file is truncated', async () => {
    const cut = document.slice(0, document.indexOf('"c"') + 20);
    for (const chunk of [1, 7, 4096]) {
      const error = await failure(chunkedTree(documentTree(cut), chunk), 0);
      expect(error.code).toBe('parse');
      expect(error.where).toMatchObject({ file: 'annotations/default.json', jsonPath: '$.items[2]' });
      expect(error.where?.line).toBe(cut.split('\n').length);
    }
    // The whole-file read names the line and column where the text stops.
    expect((await failure(documentTree(cut), Number.POSITIVE_INFINITY)).where).toMatchObject({ file: 'annotations/default.json', line: cut.split('\n').length });
  });

  it('names the item that is not JSON', async () => {
    const broken = document.replace('"id": "b",', '"id": "b",,');
    const error = await failure(chunkedTree(documentTree(broken), 4096), 0);
    expect(error.where).toMatchObject({ file: 'annotations/default.json', jsonPath: '$.items[1]' });
    expect(error.where?.line).toBe(broken.slice(0, broken.indexOf('"id": "b"')).split('\n').length - 1);
  });

  it('names the annotation field that breaks the schema, the same way both paths', async () => {
    const bad = document.replace('[5, 6, 7, 8]', '[5, 6, 7]').replace(/\[\s*5,\s*6,\s*7,\s*8\s*\]/, '[5, 6, 7]');
    expect(bad).not.toBe(document);
    const whole = await failure(documentTree(bad), Number.POSITIVE_INFINITY);
    expect(whole.code).toBe('schema');
    expect(whole.message).toContain('$.items[2].annotations[0].bbox');
    expect(whole.where).toEqual({ file: 'annotations/default.json' });
    for (const chunk of [1, 13]) expect(await outcome(chunkedTree(documentTree(bad), chunk), 0)).toEqual(await outcome(documentTree(bad), Number.POSITIVE_INFINITY));
  });

  it('refuses bad top-level sections with their path, whatever their place', async () => {
    const cases: Array<[string, string]> = [
      ['{"items": {}, "categories": {}}', '$.items'],
      ['{"categories": [], "items": []}', '$.categories'],
      ['{"items": [], "categories": {"label": {"labels": [{"name": 3}]}}}', '$.categories.label.labels[0].name'],
      ['{"dm_format_version": 2, "items": []}', '$.dm_format_version'],
      ['{"items": [{"id": "a"}], "dm_format_version": "2.0"}', '$.dm_format_version'],
    ];
    for (const [text, jsonPath] of cases) {
      for (const threshold of [0, Number.POSITIVE_INFINITY]) {
        const error = await failure(chunkedTree(documentTree(text), 3), threshold);
        expect(`${error.message} ${String(error.where?.jsonPath)}`).toContain(jsonPath);
        expect(error.where?.file).toBe('annotations/default.json');
      }
    }
    for (const threshold of [0, Number.POSITIVE_INFINITY]) expect((await failure(documentTree('[1, 2]'), threshold)).where?.jsonPath).toBe('$');
  });
});
