import { describe, expect, it } from 'vitest';
import { UnsafePathError } from '@annoconv/core';
import { MemorySink, MemoryTree } from './index.js';

describe('MemoryTree', () => {
  it('reads back what a MemorySink wrote', async () => {
    const sink = new MemorySink();
    await sink.write('a/b.txt', 'hello');
    await sink.writeStream('c.bin', (async function* () { yield 'x'; yield new Uint8Array([121]); })());
    const tree = sink.toTree();
    expect(tree.entries().map((entry) => entry.path).sort()).toEqual(['a/b.txt', 'c.bin']);
    expect(await tree.readText('a/b.txt')).toBe('hello');
    expect(await tree.readText('c.bin')).toBe('xy');
  });
  it('refuses paths that escape', () => {
    expect(() => new MemoryTree({ '../x': 'a' })).toThrow(UnsafePathError);
    expect(() => new MemoryTree({ '/etc/passwd': 'a' })).toThrow(UnsafePathError);
  });
});
