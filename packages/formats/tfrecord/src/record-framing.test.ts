import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError } from '@annoconv/core';
import { crc32c, maskedCrc32c } from './crc32c.js';
import { frameRecord, readRecords } from './record-framing.js';

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

async function collect(data: Uint8Array, size = 7): Promise<Uint8Array[]> {
  const records: Uint8Array[] = [];
  for await (const record of readRecords(chunked(data, size), 'x.tfrecord')) records.push(record.data);
  return records;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

describe('CRC-32C', () => {
  it('matches the standard check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });
  it('agrees with a bitwise implementation on random data', () => {
    const bitwise = (data: Uint8Array): number => {
      let crc = 0xffffffff;
      for (const byte of data) {
        crc ^= byte;
        for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
      }
      return (crc ^ 0xffffffff) >>> 0;
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (data) => crc32c(data) === bitwise(data)));
  });
  it('masks as TFRecord does', () => {
    const crc = crc32c(new Uint8Array([1, 2, 3]));
    expect(maskedCrc32c(new Uint8Array([1, 2, 3]))).toBe((((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0);
  });
});

describe('record framing', () => {
  it('reads back what it frames, across any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.integer({ min: 1, max: 50 }), async (records, size) => {
        const read = await collect(concat(records.map(frameRecord)), size);
        expect(read).toEqual(records);
      }),
    );
  });
  it('names the record and byte offset of a flipped data byte', async () => {
    const file = concat([frameRecord(new Uint8Array([1, 2, 3])), frameRecord(new Uint8Array([4, 5, 6]))]);
    file[19 + 12] ^= 0xff; // the second record starts at byte 19
    await expect(collect(file)).rejects.toThrow(/record 1 at byte 19.*data CRC mismatch/);
  });
  it('refuses a flipped length CRC', async () => {
    const file = frameRecord(new Uint8Array([1, 2, 3]));
    file[9] ^= 1;
    await expect(collect(file)).rejects.toThrow(/length CRC mismatch/);
  });
  it('refuses a truncated record', async () => {
    const file = frameRecord(new Uint8Array(100)).subarray(0, 60);
    await expect(collect(file)).rejects.toBeInstanceOf(ParseError);
    await expect(collect(file)).rejects.toThrow(/truncated record/);
  });
});
