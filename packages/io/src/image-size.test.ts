import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { FolderTree } from './folder-tree.js';
import { imageSizeFromTree } from './image-size-from-tree.js';
import { probeImageSize, readImageSize } from './image-size.js';
import { MemoryTree } from './memory-tree.js';
import { ZipTree } from './zip-tree.js';
import { buildRawZip } from './test-support/raw-zip.js';

const bytes = (...parts: Array<number[] | string | Uint8Array>): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const u16be = (value: number): number[] => [value >> 8, value & 0xff];
const u16le = (value: number): number[] => [value & 0xff, value >> 8];
const u32le = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
const u32be = (value: number): number[] => u32le(value).reverse();

function png(width: number, height: number): Uint8Array {
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), 'IHDR', u32be(width), u32be(height), [8, 2, 0, 0, 0], u32be(0));
}

/** A JPEG with an APP0, a large APP1 (EXIF-like), a DQT, then the frame header `marker`. */
function jpeg(width: number, height: number, marker = 0xc0, app1Length = 1000): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0], u16be(16), 'JFIF\0', new Uint8Array(9),
    [0xff, 0xe1], u16be(app1Length), new Uint8Array(app1Length - 2),
    [0xff, 0xdb], u16be(67), new Uint8Array(65),
    [0xff, 0xff, 0xff, marker], u16be(17), [8], u16be(height), u16be(width), [3], new Uint8Array(9),
    [0xff, 0xda], u16be(12), new Uint8Array(10),
  );
}

function bmp(width: number, height: number, headerSize = 40): Uint8Array {
  if (headerSize === 12) return bytes('BM', new Uint8Array(12), u32le(12), u16le(width), u16le(height), u16le(1), u16le(24));
  return bytes('BM', new Uint8Array(12), u32le(headerSize), u32le(width), u32le(height), new Uint8Array(headerSize - 12));
}

function tiff(width: number, height: number, little: boolean, widthType = 3, padding = 0): Uint8Array {
  const u16 = little ? u16le : u16be;
  const u32 = little ? u32le : u32be;
  const entry = (tag: number, type: number, value: number): number[] =>
    [...u16(tag), ...u16(type), ...u32(1), ...(type === 3 ? [...u16(value), 0, 0] : u32(value))];
  return bytes(little ? 'II' : 'MM', u16(42), u32(8 + padding), new Uint8Array(padding), u16(3),
    entry(254, 4, 0), entry(256, widthType, width), entry(257, 4, height), u32(0));
}

describe('readImageSize', () => {
  it('reads PNG', () => {
    expect(readImageSize(png(640, 480))).toEqual({ width: 640, height: 480, format: 'png' });
    const real = PNG.sync.write(Object.assign(new PNG({ width: 3, height: 5 }), {}));
    expect(readImageSize(real)).toEqual({ width: 3, height: 5, format: 'png' });
  });

  it.each([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])('reads JPEG with SOF marker %s, skipping APPn and DQT', (marker) => {
    expect(readImageSize(jpeg(1920, 1080, marker))).toEqual({ width: 1920, height: 1080, format: 'jpeg' });
  });

  it('does not take DHT (C4), JPG (C8) or DAC (CC) for a frame header', () => {
    const tricky = bytes([0xff, 0xd8], [0xff, 0xc4], u16be(7), [0, 9, 9, 9, 9], [0xff, 0xcc], u16be(4), [0, 0], [0xff, 0xc0], u16be(17), [8], u16be(20), u16be(30), new Uint8Array(10));
    expect(readImageSize(tricky)).toEqual({ width: 30, height: 20, format: 'jpeg' });
  });

  it('asks for more bytes when a JPEG frame header lies beyond the prefix', () => {
    const image = jpeg(800, 600, 0xc2, 30_000);
    expect(probeImageSize(image.subarray(0, 4096))).toBe('need-more');
    expect(readImageSize(image.subarray(0, 4096))).toBeUndefined();
    expect(readImageSize(image)).toEqual({ width: 800, height: 600, format: 'jpeg' });
  });

  it('reads BMP: core header, info header, and top-down (negative height)', () => {
    expect(readImageSize(bmp(100, 50))).toEqual({ width: 100, height: 50, format: 'bmp' });
    expect(readImageSize(bmp(100, -50 >>> 0))).toEqual({ width: 100, height: 50, format: 'bmp' });
    expect(readImageSize(bmp(7, 9, 124))).toEqual({ width: 7, height: 9, format: 'bmp' });
    expect(readImageSize(bmp(33, 44, 12))).toEqual({ width: 33, height: 44, format: 'bmp' });
  });

  it('reads GIF87a and GIF89a', () => {
    expect(readImageSize(bytes('GIF89a', u16le(320), u16le(200), [0, 0, 0]))).toEqual({ width: 320, height: 200, format: 'gif' });
    expect(readImageSize(bytes('GIF87a', u16le(1), u16le(65535), [0, 0, 0]))).toEqual({ width: 1, height: 65535, format: 'gif' });
  });

  it('reads WebP: lossy VP8, lossless VP8L, extended VP8X', () => {
    const riff = (chunk: string, payload: Uint8Array): Uint8Array => bytes('RIFF', u32le(4 + 8 + payload.length), 'WEBP', chunk, u32le(payload.length), payload);
    const vp8 = riff('VP8 ', bytes([0x30, 0x01, 0x00], [0x9d, 0x01, 0x2a], u16le(1024 | (1 << 14)), u16le(768), new Uint8Array(10)));
    expect(readImageSize(vp8)).toEqual({ width: 1024, height: 768, format: 'webp' });
    const w = 4000 - 1;
    const h = 3000 - 1;
    const bits = (w | (h << 14)) >>> 0;
    const vp8l = riff('VP8L', bytes([0x2f], u32le(bits), new Uint8Array(10)));
    expect(readImageSize(vp8l)).toEqual({ width: 4000, height: 3000, format: 'webp' });
    const cw = 70000 - 1;
    const ch = 2 - 1;
    const vp8x = riff('VP8X', bytes([0x10, 0, 0, 0], [cw & 0xff, (cw >> 8) & 0xff, cw >> 16], [ch & 0xff, (ch >> 8) & 0xff, ch >> 16]));
    expect(readImageSize(vp8x)).toEqual({ width: 70000, height: 2, format: 'webp' });
  });

  it('reads TIFF in both byte orders, with SHORT and LONG values', () => {
    expect(readImageSize(tiff(640, 480, true))).toEqual({ width: 640, height: 480, format: 'tiff' });
    expect(readImageSize(tiff(640, 480, false))).toEqual({ width: 640, height: 480, format: 'tiff' });
    expect(readImageSize(tiff(100_000, 3, false, 4))).toEqual({ width: 100_000, height: 3, format: 'tiff' });
    expect(probeImageSize(tiff(5, 6, true, 3, 10_000).subarray(0, 4096))).toBe('need-more');
  });

  it('returns undefined for other data and for headers cut short', () => {
    expect(readImageSize(bytes('hello world, not an image'))).toBeUndefined();
    expect(readImageSize(new Uint8Array(0))).toBeUndefined();
    expect(readImageSize(png(10, 10).subarray(0, 20))).toBeUndefined();
    expect(readImageSize(png(0, 10))).toBeUndefined();
    expect(readImageSize(bytes([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
  });
});

describe('imageSizeFromTree', () => {
  it('reads only a prefix from folders, and streams from zips and memory', async () => {
    const big = jpeg(1280, 720, 0xc0, 60_000);
    const farTiff = tiff(12, 34, true, 3, 50_000);
    const folder = await mkdtemp(join(tmpdir(), 'annoconv-size-'));
    try {
      await writeFile(join(folder, 'a.jpg'), big);
      await writeFile(join(folder, 'b.tif'), farTiff);
      await writeFile(join(folder, 'c.txt'), 'text');
      const trees = [
        await FolderTree.open(folder),
        new MemoryTree({ 'a.jpg': big, 'b.tif': farTiff, 'c.txt': 'text' }),
        await ZipTree.fromBytes(buildRawZip([{ name: 'a.jpg', data: big }, { name: 'b.tif', data: farTiff }, { name: 'c.txt', data: Buffer.from('text') }])),
      ];
      for (const tree of trees) {
        expect(await imageSizeFromTree(tree, 'a.jpg')).toEqual({ width: 1280, height: 720, format: 'jpeg' });
        expect(await imageSizeFromTree(tree, 'b.tif')).toEqual({ width: 12, height: 34, format: 'tiff' });
        expect(await imageSizeFromTree(tree, 'c.txt')).toBeUndefined();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
