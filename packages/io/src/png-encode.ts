// PNG encoding for masks: palette (indexed), grey 8/16-bit, grey + alpha, RGB and RGBA. Written here rather
// than with pngjs because pngjs cannot write palette images; rows use filter None and deflate, so equal input
// gives equal bytes.
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, writePngChunk } from './png-chunks.js';

export interface PngImage {
  width: number;
  height: number;
  /** 1 (grey, or palette indices), 2 (grey + alpha), 3 (RGB), 4 (RGBA). */
  channels: 1 | 2 | 3 | 4;
  /** 8 (default) or 16; palette images are always 8. */
  bitDepth?: 8 | 16;
  /** RGB triples: makes an indexed image whose `data` are indices into it (at most 256 entries). */
  palette?: Uint8Array | ArrayLike<number>;
  /** Alpha per palette entry (tRNS). */
  paletteAlpha?: Uint8Array | ArrayLike<number>;
  /** Row-major samples, channels interleaved; Uint16Array (or numbers) for 16 bits. */
  data: Uint8Array | Uint16Array | ArrayLike<number>;
}

const COLOR_TYPE_BY_CHANNELS = { 1: 0, 2: 4, 3: 2, 4: 6 } as const;

export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new RangeError(`invalid PNG size ${width}×${height}`);
  const indexed = image.palette !== undefined;
  const bitDepth = indexed ? 8 : (image.bitDepth ?? 8);
  if (indexed && channels !== 1) throw new RangeError('a palette image has one channel of indices');
  if (bitDepth !== 8 && bitDepth !== 16) throw new RangeError(`unsupported bit depth ${bitDepth}`);
  const samples = width * height * channels;
  if (image.data.length !== samples) throw new RangeError(`PNG data has ${image.data.length} samples; ${width}×${height}×${channels} = ${samples} expected`);

  const chunks: Uint8Array[] = [PNG_SIGNATURE];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = indexed ? 3 : COLOR_TYPE_BY_CHANNELS[channels];
  chunks.push(writePngChunk('IHDR', header));

  if (indexed) {
    const palette = Uint8Array.from(image.palette!);
    const entries = palette.length / 3;
    if (!Number.isInteger(entries) || entries < 1 || entries > 256) throw new RangeError(`a palette holds 1 to 256 RGB triples, not ${palette.length} bytes`);
    for (let index = 0; index < samples; index++) {
      if (image.data[index] >= entries) throw new RangeError(`palette index ${image.data[index]} at pixel ${index} is beyond the ${entries}-entry palette`);
    }
    chunks.push(writePngChunk('PLTE', palette));
    if (image.paletteAlpha) chunks.push(writePngChunk('tRNS', Uint8Array.from(image.paletteAlpha)));
  }

  const rowBytes = width * channels * (bitDepth / 8);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  const data = image.data;
  for (let row = 0; row < height; row++) {
    let out = row * (rowBytes + 1) + 1; // the filter byte stays 0 (None)
    const start = row * width * channels;
    const end = start + width * channels;
    if (bitDepth === 8) {
      for (let index = start; index < end; index++) raw[out++] = data[index];
    } else {
      // 16-bit samples are big-endian (PNG §7.1).
      for (let index = start; index < end; index++) {
        const value = data[index];
        raw[out++] = value >>> 8;
        raw[out++] = value & 0xff;
      }
    }
  }
  chunks.push(writePngChunk('IDAT', deflateSync(raw)));
  chunks.push(writePngChunk('IEND', new Uint8Array(0)));
  return Buffer.concat(chunks);
}
