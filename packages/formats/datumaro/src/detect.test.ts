import { describe, expect, it } from 'vitest';
import type { FileTree } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { detectDatumaro } from './detect.js';

/** A tree over one big annotation file whose stream counts the chunks taken and whose `read` is refused. */
function bigFile(): { tree: FileTree; taken: () => number } {
  const items = Array.from({ length: 20000 }, (_, index) => `{"id":"${index}","annotations":[]}`).join(',');
  const memory = new MemoryTree({ 'annotations/train.json': `{"dm_format_version":"1.0","categories":{},"items":[${items}]}` });
  let taken = 0;
  const tree: FileTree = {
    name: 'big',
    entries: () => memory.entries(),
    has: (path) => memory.has(path),
    read: () => Promise.reject(new Error('detection must not read the whole file')),
    readText: () => Promise.reject(new Error('detection must not read the whole file')),
    async *stream(path) {
      const bytes = await memory.read(path);
      for (let offset = 0; offset < bytes.length; offset += 16384) {
        taken++;
        yield bytes.subarray(offset, offset + 16384);
      }
    },
  };
  return { tree, taken: () => taken };
}

describe('detectDatumaro', () => {
  it('looks at the first 64 KiB of a big file only', async () => {
    const { tree, taken } = bigFile();
    expect((await detectDatumaro(tree)).confidence).toBe(0.9);
    expect(taken()).toBe(4);
  });

  it('needs both "categories" and "items", and version 1.0 or none', async () => {
    expect((await detectDatumaro(new MemoryTree({ 'annotations/a.json': '{"images": [], "categories": []}' }))).confidence).toBe(0);
    expect((await detectDatumaro(new MemoryTree({ 'annotations/a.json': '{"dm_format_version": "2.0", "categories": {}, "items": []}' }))).confidence).toBe(0.2);
    expect((await detectDatumaro(new MemoryTree({ 'annotations/a.json': '{"categories": {}, "items": []}' }))).confidence).toBe(0.9);
  });
});
