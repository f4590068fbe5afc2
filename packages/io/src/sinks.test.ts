import { IoError, UnsafePathError } from '@annoconv/core';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderSink } from './folder-sink.js';
import { openSink } from './open-sink.js';
import { ZipSink } from './zip-sink.js';
import { ZipTree } from './zip-tree.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'annoconv-sink-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function* chunks(...parts: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) yield part;
}

describe('FolderSink', () => {
  it('writes into a hidden temporary folder and renames it into place on commit', async () => {
    const target = join(base, 'out', 'dataset');
    const sink = await openSink(target);
    expect(sink).toBeInstanceOf(FolderSink);
    await sink.write('annotations/a.json', '{}');
    await sink.writeStream('labels/b.txt', chunks('0 0.5', new Uint8Array([0x0a])));
    expect(await readdir(join(base, 'out'))).toEqual([expect.stringMatching(/^\.dataset\.tmp-/)]);
    await sink.commit();
    expect(await readdir(join(base, 'out'))).toEqual(['dataset']);
    expect(await readFile(join(target, 'annotations', 'a.json'), 'utf-8')).toBe('{}');
    expect(await readFile(join(target, 'labels', 'b.txt'), 'utf-8')).toBe('0 0.5\n');
    await expect(sink.write('late.txt', 'x')).rejects.toThrow(/already committed/);
  });

  it('removes everything on abort', async () => {
    const sink = await openSink(join(base, 'dataset'));
    await sink.write('a.txt', 'a');
    await sink.abort();
    expect(await readdir(base)).toEqual([]);
  });

  it('refuses an existing output unless overwrite, and then replaces it whole', async () => {
    const target = join(base, 'dataset');
    await mkdir(target);
    await writeFile(join(target, 'old.txt'), 'old');
    await expect(openSink(target)).rejects.toThrow(/already exists.*overwrite/);
    const sink = await openSink(target, { overwrite: true });
    await sink.write('new.txt', 'new');
    expect(await readdir(target)).toEqual(['old.txt']);
    await sink.commit();
    expect(await readdir(target)).toEqual(['new.txt']);
    expect(await readdir(base)).toEqual(['dataset']);
  });

  it('refuses unsafe paths', async () => {
    const sink = await openSink(join(base, 'dataset'));
    await expect(sink.write('../escape.txt', 'x')).rejects.toThrow(UnsafePathError);
    await expect(sink.write('/abs.txt', 'x')).rejects.toThrow(UnsafePathError);
    await sink.abort();
  });
});

describe('ZipSink', () => {
  it('streams entries into a temporary file renamed on commit; the archive reads back', async () => {
    const target = join(base, 'out.zip');
    const sink = await openSink(target);
    expect(sink).toBeInstanceOf(ZipSink);
    await sink.write('annotations/instances.json', '{"images":[]}');
    await sink.writeStream('big.txt', chunks('x'.repeat(100_000), new Uint8Array(50_000).fill(0x79)));
    await sink.write('bytes.bin', new Uint8Array([1, 2, 3]));
    expect(await readdir(base)).toEqual([expect.stringMatching(/^\.out\.zip\.tmp-/)]);
    await sink.commit();
    expect(await readdir(base)).toEqual(['out.zip']);
    const tree = await ZipTree.open(target);
    expect(tree.entries().map((entry) => entry.path)).toEqual(['annotations/instances.json', 'big.txt', 'bytes.bin']);
    expect(await tree.readText('big.txt')).toBe('x'.repeat(100_000) + 'y'.repeat(50_000));
    expect([...(await tree.read('bytes.bin'))]).toEqual([1, 2, 3]);
  });

  it('writes the same bytes for the same entries (fixed timestamps)', async () => {
    const write = async (name: string): Promise<Buffer> => {
      const sink = await openSink(join(base, name));
      await sink.write('a.txt', 'hello');
      await sink.writeStream('b.txt', chunks('world'));
      await sink.commit();
      return readFile(join(base, name));
    };
    expect((await write('one.zip')).equals(await write('two.zip'))).toBe(true);
  });

  it('refuses an existing archive unless overwrite, removes its temporary file on abort, refuses duplicates', async () => {
    const target = join(base, 'out.zip');
    await writeFile(target, 'not really a zip');
    await expect(openSink(target)).rejects.toThrow(IoError);
    const sink = await openSink(target, { overwrite: true });
    await sink.write('a.txt', 'a');
    await expect(sink.write('a.txt', 'again')).rejects.toThrow(/written twice/);
    await expect(sink.write('../a.txt', 'a')).rejects.toThrow(UnsafePathError);
    await sink.abort();
    expect(await readdir(base)).toEqual(['out.zip']);
    expect(await readFile(target, 'utf-8')).toBe('not really a zip');
    const replacing = await openSink(target, { overwrite: true });
    await replacing.write('b.txt', 'b');
    await replacing.commit();
    expect(await (await ZipTree.open(target)).readText('b.txt')).toBe('b');
  });

  it('fails the commit, writing nothing, when a streamed entry fails', async () => {
    const target = join(base, 'out.zip');
    const sink = await openSink(target);
    async function* failing(): AsyncGenerator<string> {
      yield 'partial';
      throw new Error('source broke');
    }
    await expect(sink.writeStream('a.txt', failing())).rejects.toThrow(/source broke/);
    await expect(sink.commit()).rejects.toThrow(IoError);
    expect(await readdir(base)).toEqual([]);
  });
});
