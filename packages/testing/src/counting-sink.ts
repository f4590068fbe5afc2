// A FileSink that only counts what it is given, so a write benchmark measures encoding, not storage.
import type { FileSink } from '@annoconv/core';

/** Counts the files written (one per write or writeStream call) and their bytes (string lengths for text). */
export class CountingSink implements FileSink {
  files = 0;
  bytes = 0;

  async write(_path: string, data: Uint8Array | string): Promise<void> {
    this.files++;
    this.bytes += typeof data === 'string' ? data.length : data.byteLength;
  }

  async writeStream(_path: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    this.files++;
    for await (const chunk of chunks) this.bytes += chunk.length;
  }
}
