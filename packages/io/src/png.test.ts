import { LimitExceededError, ParseError } from '@annoconv/core';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-size.js';
import { PNG_SIGNATURE, writePngChunk } from './png-chunks.js';
import { decodePng } from './png-decode.js';
import { encodePng } from './png-encode.js';

/** A PNG built chunk by chunk, for what the encoder never writes (sub-byte depths, odd headers). */
function handmadePng(width: number, height: number, bitDepth: number, colorType: number, rows: number[][], extra: Array<[string, Uint8Array]> = []): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = colorType;
  const raw = Buffer.concat(rows.map((row) => Buffer.from([0, ...row])));
  return Buffer.concat([
    PNG_SIGNATURE,
    writePngChunk('IHDR', header),
    ...extra.map(([type, data]) => writePngChunk(type, data)),
    writePngChunk('IDAT', deflateSync(raw)),
    writePngChunk('IEND', new Uint8Array(0)),
  ]);
}

describe('encodePng / decodePng', () => {
  it('round-trips palette indices exactly, even when palette colours repeat', () => {
    // A VOC-like palette padded with black: entries 3..255 are all (0, 0, 0).
    const palette = new Uint8Array(256 * 3);
    palette.set([0, 0, 0, 128, 0, 0, 0, 128, 0]);
    const data = Uint8Array.from({ length: 7 * 5 }, (_, index) => (index * 37) % 256);
    const bytes = encodePng({ width: 7, height: 5, channels: 1, palette, paletteAlpha: [0, 255], data });
    expect(readImageSize(bytes)).toEqual({ width: 7, height: 5, format: 'png' });
    const decoded = decodePng(bytes);
    expect(decoded).toMatchObject({ width: 7, height: 5, channels: 1, bitDepth: 8, colorType: 'palette' });
    expect([...decoded.data]).toEqual([...data]);
    expect([...decoded.palette!]).toEqual([...palette]);
    expect([...decoded.paletteAlpha!]).toEqual([0, 255]);
  });

  it('round-trips any palette image (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer(),
        (width, height, entries, seed) => {
          const palette = Uint8Array.from({ length: entries * 3 }, (_, index) => (index * seed) & 0x7f);
          const data = Uint8Array.from({ length: width * height }, (_, index) => Math.abs(index * 31 + seed) % entries);
          const decoded = decodePng(encodePng({ width, height, channels: 1, palette, data }));
          expect([...decoded.data]).toEqual([...data]);
          expect([...decoded.palette!]).toEqual([...palette]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    { channels: 1 as const, bitDepth: 8 as const, colorType: 'grey' },
    { channels: 1 as const, bitDepth: 16 as const, colorType: 'grey' },
    { channels: 2 as const, bitDepth: 8 as const, colorType: 'grey-alpha' },
    { channels: 3 as const, bitDepth: 8 as const, colorType: 'rgb' },
    { channels: 3 as const, bitDepth: 16 as const, colorType: 'rgb' },
    { channels: 4 as const, bitDepth: 8 as const, colorType: 'rgba' },
  ])('round-trips $colorType at $bitDepth bits', ({ channels, bitDepth, colorType }) => {
    const width = 9;
    const height = 4;
    const max = bitDepth === 16 ? 65535 : 255;
    const values = Array.from({ length: width * height * channels }, (_, index) => (index * 7919) % (max + 1));
    const data = bitDepth === 16 ? Uint16Array.from(values) : Uint8Array.from(values);
    const decoded = decodePng(encodePng({ width, height, channels, bitDepth, data }));
    expect(decoded).toMatchObject({ width, height, channels, bitDepth, colorType });
    expect(decoded.data).toBeInstanceOf(bitDepth === 16 ? Uint16Array : Uint8Array);
    expect([...decoded.data]).toEqual(values);
  });

  it('writes the same bytes for the same image', () => {
    const image = { width: 3, height: 2, channels: 1 as const, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    expect(Buffer.from(encodePng(image)).equals(Buffer.from(encodePng(image)))).toBe(true);
  });

  it('reads PNGs written by pngjs', () => {
    const image = new PNG({ width: 2, height: 2 });
    image.data.set([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 40]);
    const rgba = decodePng(PNG.sync.write(image));
    expect(rgba).toMatchObject({ channels: 4, colorType: 'rgba', bitDepth: 8 });
    expect([...rgba.data]).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 40]);
    const grey = decodePng(PNG.sync.write(image, { colorType: 0, inputColorType: 6 }));
    expect(grey).toMatchObject({ channels: 1, colorType: 'grey', bitDepth: 8 });
    expect(grey.data).toHaveLength(4);
  });

  it('unpacks sub-byte palette and grey images to one sample per pixel, unscaled', () => {
    // 4-bit palette: 5 pixels wide → 3 bytes per row (indices 1,2,3,4,5 then 6,7,8,9,10).
    const palette = Uint8Array.from({ length: 16 * 3 }, (_, index) => index);
    const indexed = handmadePng(5, 2, 4, 3, [[0x12, 0x34, 0x50], [0x67, 0x89, 0xa0]], [['PLTE', palette]]);
    const decoded = decodePng(indexed);
    expect(decoded).toMatchObject({ width: 5, height: 2, bitDepth: 4, colorType: 'palette' });
    expect([...decoded.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 1-bit grey: a binary mask keeps 0 and 1.
    const binary = decodePng(handmadePng(10, 1, 1, 0, [[0b10110000, 0b01000000]]));
    expect([...binary.data]).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('refuses a PNG whose header claims absurd dimensions, before decoding', () => {
    const bomb = handmadePng(100_000, 100_000, 8, 0, [[0]]);
    // Decoding would need 4 × 10^10 bytes; the header alone is enough to refuse it.
    expect(() => decodePng(bomb, { name: 'mask.png' })).toThrow(LimitExceededError);
    expect(() => decodePng(bomb, { name: 'mask.png' })).toThrow(/mask\.png: PNG claims 100000×100000/);
    expect(() => decodePng(handmadePng(4, 4, 8, 0, [[0, 0, 0, 0]]), { maxPixels: 10 })).toThrow(LimitExceededError);
  });

  it('reports broken PNGs as ParseError', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(ParseError);
    const good = encodePng({ width: 4, height: 4, channels: 1, data: new Uint8Array(16) });
    expect(() => decodePng(good.subarray(0, good.byteLength - 20), { name: 'cut.png' })).toThrow(/cut\.png: truncated PNG/);
    expect(() => decodePng(handmadePng(2, 2, 3, 0, [[0], [0]]))).toThrow(/colour type 0 with bit depth 3/);
    expect(() => decodePng(handmadePng(2, 1, 8, 3, [[0, 1]]))).toThrow(/without a valid PLTE/);
    expect(() => decodePng(handmadePng(2, 1, 8, 3, [[0, 5]], [['PLTE', new Uint8Array(6)]]))).toThrow(ParseError);
  });

  it('refuses images the encoder cannot write faithfully', () => {
    expect(() => encodePng({ width: 2, height: 1, channels: 1, palette: new Uint8Array(6), data: Uint8Array.of(0, 2) })).toThrow(/index 2/);
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(/3 samples/);
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(RangeError);
  });
});
