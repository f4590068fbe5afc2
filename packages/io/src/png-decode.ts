// PNG decoding for masks with pngjs, keeping what masks mean: palette images give their indices and palette
// (pngjs would expand them to colours), greys keep 16 bits, and absurd dimensions are refused before decoding.
import { LimitExceededError, ParseError } from '@annoconv/core';
// A static import (about 17 ms to load) rather than a require on first use: bundlers, the CLI's included,
// cannot follow a require made through createRequire, and decoding must stay synchronous.
import pngjs from 'pngjs';
import { DEFAULT_LIMITS } from './limits.js';
import { PNG_SIGNATURE, readPngChunks, writePngChunk } from './png-chunks.js';

export type PngColorType = 'grey' | 'grey-alpha' | 'rgb' | 'rgba' | 'palette';

export interface DecodedPng {
  width: number;
  height: number;
  /** Samples per pixel in `data`: 1 for grey and palette (indices), 2 grey + alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  /** Bits per sample as stored in the file (1, 2, 4, 8 or 16). */
  bitDepth: number;
  colorType: PngColorType;
  /** Palette images: the PLTE entries as RGB triples (3 bytes per entry). */
  palette?: Uint8Array;
  /** Palette images with a tRNS chunk: alpha per palette entry (may be shorter than the palette). */
  paletteAlpha?: Uint8Array;
  /**
   * Row-major samples, channels interleaved: palette indices, or sample values as stored (no rescaling: a 1-bit
   * grey image holds 0 and 1). Uint16Array when `bitDepth` is 16.
   */
  data: Uint8Array | Uint16Array;
}

export interface DecodePngOptions {
  /** Largest width × height accepted; default `DEFAULT_LIMITS.maxImagePixels`. */
  maxPixels?: number;
  /** The file's name, for messages. */
  name?: string;
}

const COLOR_TYPES: Record<number, { type: PngColorType; channels: 1 | 2 | 3 | 4; depths: number[] }> = {
  0: { type: 'grey', channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { type: 'rgb', channels: 3, depths: [8, 16] },
  3: { type: 'palette', channels: 1, depths: [1, 2, 4, 8] },
  4: { type: 'grey-alpha', channels: 2, depths: [8, 16] },
  6: { type: 'rgba', channels: 4, depths: [8, 16] },
};

export function decodePng(bytes: Uint8Array, options: DecodePngOptions = {}): DecodedPng {
  const file = options.name ?? 'PNG';
  const chunks = readPngChunks(bytes, file);
  const header = chunks[0];
  if (!header || header.type !== 'IHDR' || header.data.byteLength !== 13) throw new ParseError('PNG does not start with a valid IHDR chunk', { file });
  const view = new DataView(header.data.buffer, header.data.byteOffset, 13);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const bitDepth = header.data[8];
  const colorTypeCode = header.data[9];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw new ParseError(`PNG has invalid dimensions ${width}×${height}`, { file });
  const maxPixels = options.maxPixels ?? DEFAULT_LIMITS.maxImagePixels;
  // Checked from the header alone: decoding would allocate width × height × 4 samples first.
  if (width * height > maxPixels) {
    throw new LimitExceededError(`PNG claims ${width}×${height} = ${(width * height).toLocaleString('en-US')} pixels; the limit is ${maxPixels.toLocaleString('en-US')} (raise maxPixels to allow it)`, { file });
  }
  const kind = COLOR_TYPES[colorTypeCode];
  if (!kind || !kind.depths.includes(bitDepth)) throw new ParseError(`PNG has invalid colour type ${colorTypeCode} with bit depth ${bitDepth}`, { file });

  if (kind.type === 'palette') return decodePalette(bytes, chunks, width, height, bitDepth, file);

  const decoded = runPngjs(bytes, file, { skipRescale: true });
  const rgba = decoded.data as unknown as Uint8Array | Uint16Array;
  const pixels = width * height;
  const data = bitDepth === 16 ? new Uint16Array(pixels * kind.channels) : new Uint8Array(pixels * kind.channels);
  // pngjs always hands out RGBA; pick the stored channels back out (grey is repeated in R, G and B).
  const pick = kind.channels === 1 ? [0] : kind.channels === 2 ? [0, 3] : kind.channels === 3 ? [0, 1, 2] : [0, 1, 2, 3];
  for (let pixel = 0, out = 0; pixel < pixels; pixel++) {
    const base = pixel * 4;
    for (let index = 0; index < pick.length; index++) data[out++] = rgba[base + pick[index]];
  }
  return { width, height, channels: kind.channels, bitDepth, colorType: kind.type, data };
}

/**
 * pngjs replaces indices by colours, and two palette entries may share a colour (padded palettes often repeat
 * black), so colours cannot be mapped back. Instead the PLTE is swapped for one whose entry i is (i, 0, 0) and
 * tRNS is dropped; pngjs then does the unfiltering, unpacking and de-interlacing, and red is the index.
 */
function decodePalette(bytes: Uint8Array, chunks: ReturnType<typeof readPngChunks>, width: number, height: number, bitDepth: number, file: string): DecodedPng {
  const plte = chunks.find((chunk) => chunk.type === 'PLTE');
  if (!plte || plte.data.byteLength % 3 !== 0 || plte.data.byteLength === 0 || plte.data.byteLength > 768) {
    throw new ParseError('palette PNG without a valid PLTE chunk', { file });
  }
  const entries = plte.data.byteLength / 3;
  const trns = chunks.find((chunk) => chunk.type === 'tRNS');
  const synthetic = new Uint8Array(entries * 3);
  for (let entry = 0; entry < entries; entry++) synthetic[entry * 3] = entry;
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    if (chunk.type === 'tRNS') continue;
    if (chunk.type === 'PLTE') parts.push(writePngChunk('PLTE', synthetic));
    else parts.push(bytes.subarray(chunk.offset, chunk.offset + 12 + chunk.data.byteLength));
  }
  const decoded = runPngjs(Buffer.concat(parts), file, {});
  const rgba = decoded.data as unknown as Uint8Array;
  const pixels = width * height;
  const data = new Uint8Array(pixels);
  for (let pixel = 0; pixel < pixels; pixel++) data[pixel] = rgba[pixel * 4];
  return {
    width,
    height,
    channels: 1,
    bitDepth,
    colorType: 'palette',
    palette: Uint8Array.from(plte.data),
    ...(trns ? { paletteAlpha: Uint8Array.from(trns.data) } : {}),
    data,
  };
}

function runPngjs(bytes: Uint8Array, file: string, options: { skipRescale?: boolean }): pngjs.PNGWithMetadata {
  try {
    return pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options as pngjs.ParserOptions);
  } catch (error) {
    throw new ParseError(`cannot decode PNG: ${(error as Error).message}`, { file }, { cause: error });
  }
}
