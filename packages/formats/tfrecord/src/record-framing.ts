// TFRecord framing: each record is `uint64 LE length · uint32 LE masked CRC of the length bytes · data ·
// uint32 LE masked CRC of the data`, with no file header. Reading is record by record over a byte stream, so a file
// of several gigabytes never sits in memory whole.
import { ParseError } from '@annoconv/core';
import { maskedCrc32c } from './crc32c.js';

export interface TfRecord {
  /** 0-based position of the record in its file. */
  index: number;
  /** Byte offset of the record's length field in its file. */
  offset: number;
  data: Uint8Array;
}

/** Records larger than this are refused as corrupt rather than allocated (TFRecord records are per image). */
export const MAX_RECORD_BYTES = 1 << 30;

/** Splits a stream of chunks into records, checking both CRCs of each; errors name the record and its offset. */
export async function* readRecords(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<TfRecord> {
  let buffer = new Uint8Array(0);
  let start = 0;
  let fileOffset = 0;
  let index = 0;
  let ended = false;
  const iterator = chunks[Symbol.asyncIterator]();
  // Ensures `count` bytes are available from `start`; false at end of stream.
  const fill = async (count: number): Promise<boolean> => {
    while (buffer.length - start < count && !ended) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const rest = buffer.length - start;
      const merged = new Uint8Array(rest + next.value.length);
      merged.set(buffer.subarray(start), 0);
      merged.set(next.value, rest);
      buffer = merged;
      start = 0;
    }
    return buffer.length - start >= count;
  };
  for (;;) {
    if (!(await fill(1))) return;
    const where = { file, jsonPath: `record ${index} at byte ${fileOffset}` };
    if (!(await fill(12))) throw new ParseError('truncated record header (file cut short?)', where);
    const view = new DataView(buffer.buffer, buffer.byteOffset + start, 12);
    const lengthLow = view.getUint32(0, true);
    const lengthHigh = view.getUint32(4, true);
    if (view.getUint32(8, true) !== maskedCrc32c(buffer, start, start + 8)) throw new ParseError('length CRC mismatch (not a TFRecord file, or corrupt)', where);
    const length = lengthHigh * 2 ** 32 + lengthLow;
    if (length > MAX_RECORD_BYTES) throw new ParseError(`record length ${length} is beyond ${MAX_RECORD_BYTES} bytes`, where);
    if (!(await fill(12 + length + 4))) throw new ParseError(`truncated record: ${length} data bytes announced (file cut short?)`, where);
    const dataStart = start + 12;
    const data = buffer.slice(dataStart, dataStart + length);
    const dataCrc = new DataView(buffer.buffer, buffer.byteOffset + dataStart + length, 4).getUint32(0, true);
    if (dataCrc !== maskedCrc32c(data)) throw new ParseError('data CRC mismatch (corrupt record)', where);
    yield { index, offset: fileOffset, data };
    start = dataStart + length + 4;
    fileOffset += 12 + length + 4;
    index++;
  }
}

/** Frames one record: header, data and trailer in a single buffer. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const framed = new Uint8Array(12 + data.length + 4);
  const view = new DataView(framed.buffer);
  view.setUint32(0, data.length >>> 0, true);
  view.setUint32(4, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(8, maskedCrc32c(framed, 0, 8), true);
  framed.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return framed;
}
