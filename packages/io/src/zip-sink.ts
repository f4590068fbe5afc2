// A FileSink writing a zip archive: entries stream through yazl into a temporary sibling file that `commit()`
// renames into place and `abort()` removes. Entries keep a fixed timestamp so equal input gives equal bytes.
import { IoError } from '@annoconv/core';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import * as yazl from 'yazl';
import type { OutputSink } from './output-sink.js';
import { refuseExisting, swapIntoPlace, temporarySibling } from './output-swap.js';
import { normalizeEntryPath } from './safe-path.js';

/** The timestamp written on every entry: DOS time has no time zone, so a fixed date keeps archives reproducible. */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

export class ZipSink implements OutputSink {
  readonly kind = 'zip' as const;
  readonly path: string;
  readonly temporaryPath: string;
  private readonly overwrite: boolean;
  private readonly zip = new yazl.ZipFile();
  private readonly file: WriteStream;
  private readonly written = new Set<string>();
  private failure: Error | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(path: string, overwrite: boolean) {
    this.path = path;
    this.overwrite = overwrite;
    this.temporaryPath = temporarySibling(path, 'tmp');
    this.file = createWriteStream(this.temporaryPath);
    const fail = (error: Error): void => {
      this.failure ??= error;
    };
    this.zip.on('error', fail);
    this.file.on('error', fail);
    this.zip.outputStream.on('error', fail);
    this.zip.outputStream.pipe(this.file);
  }

  /** Refuses an existing output unless `overwrite`; opens the temporary file (creating the target's parents). */
  static async create(path: string, options: { overwrite?: boolean } = {}): Promise<ZipSink> {
    const overwrite = options.overwrite ?? false;
    await refuseExisting(path, overwrite);
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      throw new IoError(`cannot create output folder: ${(error as Error).message}`, { where: { file: path }, cause: error });
    }
    return new ZipSink(path, overwrite);
  }

  async write(path: string, data: Uint8Array | string): Promise<void> {
    const entry = this.claim(path);
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf-8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.zip.addBuffer(buffer, entry, { mtime: ENTRY_TIME, mode: 0o100644, compress: true });
  }

  /** Resolves once yazl has consumed every chunk, so the caller may reuse what the chunks came from. */
  async writeStream(path: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    const entry = this.claim(path);
    const stream = Readable.from(toBuffers(chunks), { objectMode: false });
    this.zip.addReadStream(stream, entry, { mtime: ENTRY_TIME, mode: 0o100644, compress: true });
    try {
      await finished(stream);
    } catch (error) {
      this.failure ??= error as Error;
      throw new IoError(`cannot write entry '${entry}': ${(error as Error).message}`, { where: { file: this.path }, cause: error });
    }
  }

  async commit(): Promise<void> {
    this.assertOpen();
    this.zip.end();
    try {
      await finished(this.file);
    } catch (error) {
      this.failure ??= error as Error;
    }
    if (this.failure) {
      await this.abort();
      throw new IoError(`cannot write zip: ${this.failure.message}`, { where: { file: this.path }, cause: this.failure });
    }
    await swapIntoPlace(this.temporaryPath, this.path, this.overwrite);
    this.state = 'committed';
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.zip.outputStream.unpipe(this.file);
    this.file.destroy();
    await finished(this.file).catch(() => {});
    await rm(this.temporaryPath, { force: true });
  }

  private claim(path: string): string {
    this.assertOpen();
    if (this.failure) throw new IoError(`cannot write zip: ${this.failure.message}`, { where: { file: this.path }, cause: this.failure });
    const entry = normalizeEntryPath(path);
    // Two records with one name would make the archive ambiguous to every reader.
    if (this.written.has(entry)) throw new IoError(`entry '${entry}' written twice`, { where: { file: this.path } });
    this.written.add(entry);
    return entry;
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new IoError(`sink already ${this.state}`, { where: { file: this.path } });
  }
}

async function* toBuffers(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf-8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}
