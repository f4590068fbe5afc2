// PNG chunk framing: reading the chunk list (to inspect IHDR, PLTE and tRNS before any pixel is decoded) and
// writing chunks with their CRC (PNG specification §5.3).
import { ParseError } from '@annoconv/core';
import { crc32 } from 'node:zlib';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  data: Uint8Array;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

/** Lists the chunks up to and including IEND (or the end of the bytes); ParseError on broken framing. */
export function readPngChunks(bytes: Uint8Array, file: string): PngChunk[] {
  if (!hasPngSignature(bytes)) throw new ParseError('not a PNG file (bad signature)', { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < bytes.byteLength) {
    if (offset + 12 > bytes.byteLength) throw new ParseError(`truncated PNG: chunk header at byte ${offset}`, { file });
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > bytes.byteLength) throw new ParseError(`truncated PNG: ${type} chunk at byte ${offset} runs past the end`, { file });
    chunks.push({ type, offset, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** One chunk: length, type, data, CRC over type and data. */
export function writePngChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.byteLength);
  chunk.writeUInt32BE(data.byteLength, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.byteLength)), 8 + data.byteLength);
  return chunk;
}
