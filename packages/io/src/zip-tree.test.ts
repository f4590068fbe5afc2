import { LimitExceededError, ParseError, UnsafePathError } from '@annoconv/core';
import JSZip from 'jszip';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRawZip } from './test-support/raw-zip.js';
import { ZipTree, openZipFromBytes } from './zip-tree.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'annoconv-zip-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let counter = 0;
async function writeZip(bytes: Uint8Array): Promise<string> {
  const path = join(folder, `archive-${counter++}.zip`);
  await writeFile(path, bytes);
  return path;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

// 200 MB of zeros, deflated cheaply: one mebibyte of zeros deflated without a final block, repeated 200 times,
// then an empty final block (03 00). Inflating it would give 200 MB; the readers must refuse it from the headers.
const BOMB_SIZE = 200 * 1024 ** 2;
let bomb: Buffer | undefined;
function deflatedZeros(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 ** 2), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([0x03, 0x00])]);
}
function bombZip(): Buffer {
  bomb ??= buildRawZip([{ name: 'zeros.bin', compressed: deflatedZeros(200), declaredSize: BOMB_SIZE }]);
  return bomb;
}

async function sampleZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('annotations/instances_default.json', '{"images":[]}');
  zip.file('images/a.png', new Uint8Array([1, 2, 3]));
  zip.folder('empty');
  zip.file('big.txt', 'x'.repeat(300_000));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

// Each behaviour is checked with both readers: jszip (in memory) and yauzl (streaming, forced by threshold 0).
const readers = [
  { reader: 'jszip', open: async (bytes: Uint8Array, limits = {}) => ZipTree.open(await writeZip(bytes), { limits }) },
  { reader: 'yauzl', open: async (bytes: Uint8Array, limits = {}) => ZipTree.open(await writeZip(bytes), { limits, streamingThreshold: 0 }) },
];

describe.each(readers)('ZipTree ($reader)', ({ reader, open }) => {
  it('lists files (not folders) with sizes and reads them whole, as text and in chunks', async () => {
    const tree = await open(await sampleZip());
    expect(tree.streaming).toBe(reader === 'yauzl');
    expect(tree.kind).toBe('zip');
    expect(tree.entries().map((entry) => [entry.path, entry.size]).sort()).toEqual([
      ['annotations/instances_default.json', 13],
      ['big.txt', 300_000],
      ['images/a.png', 3],
    ]);
    expect(tree.has('images/a.png')).toBe(true);
    expect(tree.has('empty')).toBe(false);
    expect(await tree.readText('annotations/instances_default.json')).toBe('{"images":[]}');
    expect([...(await tree.read('images/a.png'))]).toEqual([1, 2, 3]);
    expect((await collect(tree.stream('big.txt'))).toString()).toBe('x'.repeat(300_000));
    await expect(tree.read('missing.txt')).rejects.toThrow(/no such entry 'missing.txt'/);
    await tree.close();
  });

  it.each([
    ['../evil.txt'],
    ['a/../../evil.txt'],
    ['/etc/passwd'],
    ['C:/Windows/evil.txt'],
    ['a\\..\\..\\evil.txt'],
  ])('refuses the unsafe entry %s, naming the archive and the entry', async (name) => {
    const bytes = buildRawZip([{ name: 'ok.txt', data: Buffer.from('ok') }, { name, data: Buffer.from('evil') }]);
    const error = await open(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as Error).message).toContain('archive-');
    expect((error as Error).message).toContain(name);
  });

  it('builds bombs that really inflate to their declared size (checked at 3 MiB)', () => {
    const inflated = inflateRawSync(deflatedZeros(3));
    expect(inflated.byteLength).toBe(3 * 1024 ** 2);
    expect(inflated.every((value) => value === 0)).toBe(true);
  });

  it('refuses a zip bomb from its declared sizes before inflating (200 MB of zeros)', async () => {
    const bytes = bombZip();
    const error = await open(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect((error as Error).message).toMatch(/zeros\.bin.*ratio \d+:1.*limit is 200:1/);
    // Raising the bound lets the same archive open.
    const tree = await open(bytes, { maxCompressionRatio: 2000 });
    expect(tree.entries()).toEqual([{ path: 'zeros.bin', size: BOMB_SIZE }]);
    await tree.close();
  });

  it('stops an entry that inflates past its declared size (headers that lie)', async () => {
    // The 200 MB bomb again, declaring 1000 bytes: within every bound, so only counting can stop it.
    const bytes = buildRawZip([{ name: 'liar.bin', compressed: bombZip().subarray(30 + 'zeros.bin'.length, bombZip().readUInt32LE(18) + 30 + 'zeros.bin'.length), declaredSize: 1000 }]);
    const tree = await open(bytes);
    expect(tree.entries()).toEqual([{ path: 'liar.bin', size: 1000 }]);
    await expect(tree.read('liar.bin')).rejects.toThrow(LimitExceededError);
    await expect(collect(tree.stream('liar.bin'))).rejects.toThrow(/liar\.bin|declared/);
    await tree.close();
  });

  it('does not judge the ratio of entries below the floor, and decodes UTF-8 names', async () => {
    // 512 KiB of zeros deflates about 1000:1, but an entry this small cannot be a bomb.
    const bytes = buildRawZip([{ name: 'données/été.txt', data: Buffer.from('ok') }, { name: 'zeros.bin', data: new Uint8Array(512 * 1024) }]);
    const tree = await open(bytes);
    expect(tree.entries().map((entry) => entry.path).sort()).toEqual(['données/été.txt', 'zeros.bin']);
    expect(await tree.readText('données/été.txt')).toBe('ok');
    expect((await tree.read('zeros.bin')).every((value) => value === 0)).toBe(true);
    await tree.close();
  });

  it('refuses archives above the total-size and entry-count bounds', async () => {
    const bytes = buildRawZip([
      { name: 'a.txt', data: Buffer.from('a'.repeat(600)) },
      { name: 'b.txt', data: Buffer.from('b'.repeat(600)) },
    ]);
    await expect(open(bytes, { maxTotalBytes: 1000 })).rejects.toThrow(/more than 1,000 bytes uncompressed.*maxTotalBytes/);
    await expect(open(bytes, { maxEntries: 1 })).rejects.toThrow(/2 entries; the limit is 1/);
    expect((await open(bytes, { maxTotalBytes: 1200, maxEntries: 2 })).entries()).toHaveLength(2);
  });

  it('reports a truncated archive as a ParseError naming the file', async () => {
    const bytes = await sampleZip();
    const error = await open(bytes.subarray(0, Math.floor(bytes.byteLength / 2))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/archive-\d+\.zip/);
  });

  it('reports corrupt deflate data as a ParseError when the entry is read', async () => {
    const bytes = buildRawZip([{ name: 'broken.txt', compressed: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), declaredSize: 10 }]);
    const tree = await open(bytes);
    await expect(tree.read('broken.txt')).rejects.toThrow(ParseError);
  });

  it('follows a symbolic link that stays inside and refuses one that leaves the archive', async () => {
    const inside = buildRawZip([
      { name: 'images/real.jpg', data: Buffer.from('jpeg') },
      { name: 'alias/linked.jpg', data: Buffer.from('../images/real.jpg'), unixMode: 0o120777 },
      { name: 'dangling', data: Buffer.from('nowhere'), unixMode: 0o120777 },
    ]);
    const tree = await open(inside);
    expect(tree.entries().map((entry) => entry.path).sort()).toEqual(['alias/linked.jpg', 'images/real.jpg']);
    expect(await tree.readText('alias/linked.jpg')).toBe('jpeg');
    const escaping = buildRawZip([{ name: 'images/evil.jpg', data: Buffer.from('../../etc/passwd'), unixMode: 0o120777 }]);
    await expect(open(escaping)).rejects.toThrow(UnsafePathError);
    const absolute = buildRawZip([{ name: 'evil', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]);
    await expect(open(absolute)).rejects.toThrow(/evil -> \/etc\/passwd/);
  });
});

describe('openZipFromBytes', () => {
  it('opens an upload held in memory with the same checks', async () => {
    const tree = await openZipFromBytes(await sampleZip(), { name: 'upload.zip' });
    expect(tree.name).toBe('upload.zip');
    expect(await tree.readText('annotations/instances_default.json')).toBe('{"images":[]}');
    await expect(openZipFromBytes(buildRawZip([{ name: '../x', data: Buffer.from('x') }]), { name: 'up.zip' })).rejects.toThrow(/up\.zip.*'\.\.\/x'/);
    await expect(openZipFromBytes(new Uint8Array([1, 2, 3]))).rejects.toThrow(ParseError);
  });

  it('counts entries from the end record before listing them', async () => {
    const entries = Array.from({ length: 50 }, (_, index) => ({ name: `f${index}.txt`, data: Buffer.from('x') }));
    await expect(openZipFromBytes(buildRawZip(entries), { limits: { maxEntries: 10 } })).rejects.toThrow(LimitExceededError);
  });
});
