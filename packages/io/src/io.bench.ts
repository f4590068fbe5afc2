// Throughput of the zip readers and writer, the PNG codec and header probing, on synthetic data.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { imageSizeFromTree } from './image-size-from-tree.js';
import { readImageSize } from './image-size.js';
import { openSink } from './open-sink.js';
import { decodePng } from './png-decode.js';
import { encodePng } from './png-encode.js';
import { buildRawZip } from './test-support/raw-zip.js';
import { ZipTree } from './zip-tree.js';

const folder = await mkdtemp(join(tmpdir(), 'annoconv-bench-'));
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

// 500 entries of 64 KiB of mildly compressible bytes: 32 MiB uncompressed.
const entries = Array.from({ length: 500 }, (_, entry) => {
  const data = new Uint8Array(65_536);
  let state = entry + 1;
  for (let index = 0; index < data.length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[index] = (state >>> 24) & 0x0f;
  }
  return { name: `images/${entry}.bin`, data };
});
const zipPath = join(folder, 'data.zip');
await writeFile(zipPath, buildRawZip(entries));

async function readAll(tree: ZipTree): Promise<number> {
  let total = 0;
  for (const entry of tree.entries()) total += (await tree.read(entry.path)).byteLength;
  await tree.close();
  return total;
}

describe('zip read, 500 × 64 KiB', () => {
  bench('jszip (in memory)', async () => {
    await readAll(await ZipTree.open(zipPath));
  }, { iterations: 5 });
  bench('yauzl (streaming)', async () => {
    await readAll(await ZipTree.open(zipPath, { streamingThreshold: 0 }));
  }, { iterations: 5 });
});

let run = 0;
describe('zip write, 500 × 64 KiB', () => {
  bench('ZipSink', async () => {
    const sink = await openSink(join(folder, `out-${run++}.zip`));
    for (const entry of entries) await sink.write(entry.name, entry.data);
    await sink.commit();
  }, { iterations: 5 });
});

const size = 2000;
const palette = Uint8Array.from({ length: 256 * 3 }, (_, index) => index % 251);
const mask = new Uint8Array(size * size);
for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) mask[y * size + x] = ((x >> 6) + (y >> 6)) % 21;
const maskPng = encodePng({ width: size, height: size, channels: 1, palette, data: mask });

describe('PNG 2000 × 2000 palette mask', () => {
  bench('encodePng', () => {
    encodePng({ width: size, height: size, channels: 1, palette, data: mask });
  }, { iterations: 10 });
  bench('decodePng', () => {
    decodePng(maskPng);
  }, { iterations: 10 });
});

const jpegHeader = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00]), Buffer.alloc(0x1000 - 2), Buffer.from([0xff, 0xc0, 0, 17, 8, 0x04, 0x38, 0x07, 0x80, 3]), Buffer.alloc(9)]);
describe('image size', () => {
  bench('readImageSize (JPEG behind a 4 KiB APP1)', () => {
    readImageSize(jpegHeader);
  });
  bench('imageSizeFromTree (zip entry)', async () => {
    await imageSizeFromTree(await ZipTree.fromBytes(buildRawZip([{ name: 'a.jpg', data: jpegHeader }])), 'a.jpg');
  });
});
