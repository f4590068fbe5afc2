import { IoError, LimitExceededError, UnsafePathError } from '@annoconv/core';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderTree } from './folder-tree.js';
import { openTree } from './open-tree.js';
import { SingleFileTree } from './single-file-tree.js';
import { buildRawZip } from './test-support/raw-zip.js';

let base: string;
let root: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'annoconv-folder-'));
  root = join(base, 'dataset');
  await mkdir(join(root, 'images', 'train'), { recursive: true });
  await writeFile(join(root, 'annotations.json'), '{"a":1}');
  await writeFile(join(root, 'images', 'train', 'b.jpg'), Buffer.alloc(10_000, 7));
  await writeFile(join(base, 'outside.txt'), 'secret');
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts;
}

describe('FolderTree', () => {
  it('lists files recursively with POSIX paths and sizes, and reads them', async () => {
    const tree = await FolderTree.open(root, { chunkSize: 4096 });
    expect(tree.kind).toBe('folder');
    expect(tree.entries()).toEqual([
      { path: 'annotations.json', size: 7 },
      { path: 'images/train/b.jpg', size: 10_000 },
    ]);
    expect(await tree.readText('annotations.json')).toBe('{"a":1}');
    const chunks = await collect(tree.stream('images/train/b.jpg'));
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([4096, 4096, 1808]);
    expect(chunks.every((chunk) => chunk.every((value) => value === 7))).toBe(true);
  });

  it('only reads listed files: no way out through `..`', async () => {
    const tree = await FolderTree.open(root);
    expect(tree.has('../outside.txt')).toBe(false);
    await expect(tree.read('../outside.txt')).rejects.toThrow(IoError);
    await expect(tree.read('missing.txt')).rejects.toThrow(/no such file 'missing.txt'/);
  });

  it('follows symbolic links that stay inside the root, once each', async () => {
    await symlink(join(root, 'annotations.json'), join(root, 'copy.json'));
    await symlink(join(root, 'images'), join(root, 'images', 'train', 'loop'));
    const tree = await FolderTree.open(root);
    expect(tree.entries().map((entry) => entry.path)).toEqual(['annotations.json', 'copy.json', 'images/train/b.jpg']);
    expect(await tree.readText('copy.json')).toBe('{"a":1}');
  });

  it('refuses a symbolic link that escapes the root, naming it', async () => {
    await symlink(join(base, 'outside.txt'), join(root, 'images', 'evil.txt'));
    const error = await FolderTree.open(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as Error).message).toContain("'images/evil.txt'");
    await rm(join(root, 'images', 'evil.txt'));
    await symlink('../outside.txt', join(root, 'relative-evil.txt'));
    await expect(FolderTree.open(root)).rejects.toThrow(/relative-evil\.txt/);
  });

  it('bounds the number of files and reports a missing folder as IoError', async () => {
    await expect(FolderTree.open(root, { limits: { maxEntries: 1 } })).rejects.toThrow(LimitExceededError);
    await expect(FolderTree.open(join(base, 'nope'))).rejects.toThrow(IoError);
  });
});

describe('SingleFileTree', () => {
  it('holds one file under its base name', async () => {
    const tree = await SingleFileTree.open(join(root, 'annotations.json'));
    expect(tree.entries()).toEqual([{ path: 'annotations.json', size: 7 }]);
    expect(await tree.readText('annotations.json')).toBe('{"a":1}');
    expect(Buffer.concat(await collect(tree.stream('annotations.json'))).toString()).toBe('{"a":1}');
    await expect(tree.read('other.json')).rejects.toThrow(IoError);
  });
});

describe('openTree', () => {
  it('chooses the tree by what the path is', async () => {
    const zipPath = join(base, 'data.ZIP');
    await writeFile(zipPath, buildRawZip([{ name: 'x.txt', data: Buffer.from('x') }]));
    const trees = await Promise.all([openTree(root), openTree(zipPath), openTree(join(root, 'annotations.json'))]);
    expect(trees.map((tree) => tree.kind)).toEqual(['folder', 'zip', 'file']);
    expect(await trees[1].readText('x.txt')).toBe('x');
    await Promise.all(trees.map((tree) => tree.close()));
  });

  it('passes limits on and names a missing input', async () => {
    const zipPath = join(base, 'data.zip');
    await writeFile(zipPath, buildRawZip([{ name: 'a', data: Buffer.from('a') }, { name: 'b', data: Buffer.from('b') }]));
    await expect(openTree(zipPath, { limits: { maxEntries: 1 } })).rejects.toThrow(LimitExceededError);
    await expect(openTree(zipPath, { limits: { maxEntries: 1 }, streamingThreshold: 0 })).rejects.toThrow(LimitExceededError);
    await expect(openTree(join(base, 'missing'))).rejects.toThrow(/missing: cannot open input/);
  });
});
