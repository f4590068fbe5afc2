// A streaming zip writer: entries are deflated one after another straight to a writable stream, with a data
// descriptor after each, and zip64 records whenever a size, an offset or the entry count needs them (APPNOTE 4.3).
// Written here rather than with yazl because yazl's CRC dependency resolves to its ES-module build wherever the
// `import` export condition is active (as in this workspace's test runner), and then fails to load.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { constants, crc32, createDeflateRaw, deflateRaw, deflateRawSync } from 'node:zlib';

function deflateRawAsync(data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => deflateRaw(data, (error, result) => (error ? reject(error) : resolve(result))));
}

/** DOS date of 2000-01-01 (DOS time has no zone, so a fixed date keeps archives byte-for-byte reproducible). */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const MADE_BY_UNIX = 3 << 8;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
const REGULAR_FILE_MODE = 0o100644;
/** Entries at least this large are deflated on the thread pool instead of blocking the event loop. */
const ASYNC_DEFLATE_BYTES = 1 << 20;
/** Output is handed to the stream in pieces of about this size. */
const FLUSH_BYTES = 1 << 18;

interface WrittenEntry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

export class ZipWriter {
  private readonly output: Writable;
  private readonly entries: WrittenEntry[] = [];
  private offset = 0;
  private queue: Promise<void> = Promise.resolve();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(output: Writable) {
    this.output = output;
  }

  /** Adds one entry from chunks; entries are written in the order they are added, each before the next starts. */
  add(name: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    return this.enqueue(() => this.writeStreamedEntry(name, chunks));
  }

  /** Adds one entry held in memory; compressed in one call, far cheaper than a stream for small files. */
  addBytes(name: string, data: Uint8Array): Promise<void> {
    return this.enqueue(() => this.writeBytesEntry(name, data));
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.queue.then(write);
    // A failed entry fails its own promise; later entries still wait for it, then see the stream's state.
    this.queue = run.catch(() => {});
    return run;
  }

  /** Writes the central directory and the end records, then ends the output stream. */
  async finish(): Promise<void> {
    await this.queue;
    const directoryOffset = this.offset;
    for (const entry of this.entries) await this.emit(centralRecord(entry));
    const directorySize = this.offset - directoryOffset;
    const count = this.entries.length;
    if (count >= MAX_16 || directoryOffset >= MAX_32 || directorySize >= MAX_32) {
      const zip64EndOffset = this.offset;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
      record.writeUInt16LE(VERSION_ZIP64, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(directorySize), 40);
      record.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
      locator.writeUInt32LE(1, 16);
      await this.emit(record);
      await this.emit(locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX_16), 8);
    end.writeUInt16LE(Math.min(count, MAX_16), 10);
    end.writeUInt32LE(Math.min(directorySize, MAX_32), 12);
    end.writeUInt32LE(Math.min(directoryOffset, MAX_32), 16);
    await this.emit(end);
    await this.flush();
    this.output.end();
    await once(this.output, 'finish');
  }

  private async writeBytesEntry(name: string, data: Uint8Array): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf-8');
    const offset = this.offset;
    const compressed = data.byteLength < ASYNC_DEFLATE_BYTES ? deflateRawSync(data, smallDeflateOptions(data.byteLength)) : await deflateRawAsync(data);
    await this.emit(localHeader(nameBytes));
    await this.emit(compressed);
    await this.finishEntry(nameBytes, offset, crc32(data), compressed.byteLength, data.byteLength);
  }

  private async writeStreamedEntry(name: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf-8');
    const offset = this.offset;
    await this.emit(localHeader(nameBytes));

    let crc = 0;
    let uncompressedSize = 0;
    const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
    const pump = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) await this.emit(chunk);
    })();
    try {
      for await (const chunk of chunks) {
        crc = crc32(chunk, crc);
        uncompressedSize += chunk.byteLength;
        if (!deflate.write(chunk)) await once(deflate, 'drain');
      }
      deflate.end();
    } catch (error) {
      deflate.destroy();
      await pump.catch(() => {});
      throw error;
    }
    const dataStart = offset + 30 + nameBytes.length;
    await pump;
    await this.finishEntry(nameBytes, offset, crc, this.offset - dataStart, uncompressedSize);
  }

  /** Writes the data descriptor (zip64-sized when the entry needs it) and remembers the entry for the directory. */
  private async finishEntry(nameBytes: Buffer, offset: number, crc: number, compressedSize: number, uncompressedSize: number): Promise<void> {
    const zip64 = compressedSize >= MAX_32 || uncompressedSize >= MAX_32;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(uncompressedSize), 16);
    } else {
      descriptor.writeUInt32LE(compressedSize, 8);
      descriptor.writeUInt32LE(uncompressedSize, 12);
    }
    await this.emit(descriptor);
    this.entries.push({ name: nameBytes, crc, compressedSize, uncompressedSize, offset });
  }

  /** Collects small pieces into one write: one file-system write per entry costs more than the deflating. */
  private async emit(bytes: Uint8Array): Promise<void> {
    this.offset += bytes.byteLength;
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.output.write(data)) await once(this.output, 'drain');
  }
}

/**
 * A smaller window and hash for small entries: zlib allocates both in full for every call, which dominates the
 * cost of many tiny files; the output stays valid deflate, and the same input still gives the same bytes.
 */
function smallDeflateOptions(size: number): { windowBits?: number; memLevel?: number } {
  if (size >= 1 << 15) return {};
  return { windowBits: Math.max(9, Math.ceil(Math.log2(size + 262))), memLevel: size < 1024 ? 1 : 8 };
}

/** A local header; CRC and sizes follow the data, in the descriptor, since a stream's are unknown until written. */
function localHeader(nameBytes: Buffer): Buffer {
  const header = Buffer.alloc(30 + nameBytes.length);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_DEFAULT, 4);
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6);
  header.writeUInt16LE(METHOD_DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt16LE(nameBytes.length, 26);
  nameBytes.copy(header, 30);
  return header;
}

/** The central-directory record of one entry, with a zip64 extra field holding whichever values overflow. */
function centralRecord(entry: WrittenEntry): Buffer {
  const extra: bigint[] = [];
  if (entry.uncompressedSize >= MAX_32) extra.push(BigInt(entry.uncompressedSize));
  if (entry.compressedSize >= MAX_32) extra.push(BigInt(entry.compressedSize));
  if (entry.offset >= MAX_32) extra.push(BigInt(entry.offset));
  const extraField = Buffer.alloc(extra.length ? 4 + 8 * extra.length : 0);
  if (extra.length) {
    extraField.writeUInt16LE(0x0001, 0);
    extraField.writeUInt16LE(8 * extra.length, 2);
    extra.forEach((value, index) => extraField.writeBigUInt64LE(value, 4 + 8 * index));
  }
  const version = extra.length ? VERSION_ZIP64 : VERSION_DEFAULT;
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(MADE_BY_UNIX | version, 4);
  record.writeUInt16LE(version, 6);
  record.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8);
  record.writeUInt16LE(METHOD_DEFLATE, 10);
  record.writeUInt16LE(DOS_TIME, 12);
  record.writeUInt16LE(DOS_DATE, 14);
  record.writeUInt32LE(entry.crc, 16);
  record.writeUInt32LE(Math.min(entry.compressedSize, MAX_32), 20);
  record.writeUInt32LE(Math.min(entry.uncompressedSize, MAX_32), 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(extraField.length, 30);
  record.writeUInt32LE((REGULAR_FILE_MODE << 16) >>> 0, 38);
  record.writeUInt32LE(Math.min(entry.offset, MAX_32), 42);
  return Buffer.concat([record, entry.name, extraField]);
}
