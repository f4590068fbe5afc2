// A FileSink writing a zip archive: entries stream through ZipWriter into a temporary sibling file that
// `commit()` renames into place and `abort()` removes.
import { IoError } from '@annoconv/core';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import type { OutputSink } from './output-sink.js';
import { refuseExisting, swapIntoPlace, temporarySibling } from './output-swap.js';
import { normalizeEntryPath } from './safe-path.js';
import { ZipWriter } from './zip-writer.js';

const encoder = new TextEncoder();

export class ZipSink implements OutputSink {
  readonly kind = 'zip' as const;
  readonly path: string;
  readonly temporaryPath: string;
  private readonly overwrite: boolean;
  private readonly file: WriteStream;
  private readonly writer: ZipWriter;
  private readonly written = new Set<string>();
  private failure: Error | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(path: string, overwrite: boolean) {
    this.path = path;
    this.overwrite = overwrite;
    this.temporaryPath = temporarySibling(path, 'tmp');
    this.file = createWriteStream(this.temporaryPath);
    this.file.on('error', (error) => {
      this.failure ??= error;
    });
    this.writer = new ZipWriter(this.file);
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
    await this.run(entry, this.writer.addBytes(entry, typeof data === 'string' ? encoder.encode(data) : data));
  }

  /** Resolves once every chunk is written, so the caller may reuse what the chunks came from. */
  async writeStream(path: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    const entry = this.claim(path);
    await this.run(entry, this.writer.add(entry, toBytes(chunks)));
  }

  async commit(): Promise<void> {
    this.assertOpen();
    if (!this.failure) {
      try {
        await this.writer.finish();
      } catch (error) {
        this.failure ??= error as Error;
      }
    }
    if (this.failure) {
      const failure = this.failure;
      await this.abort();
      throw new IoError(`cannot write zip: ${failure.message}`, { where: { file: this.path }, cause: failure });
    }
    await swapIntoPlace(this.temporaryPath, this.path, this.overwrite);
    this.state = 'committed';
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.file.destroy();
    await finished(this.file).catch(() => {});
    await rm(this.temporaryPath, { force: true });
  }

  private async run(entry: string, writing: Promise<void>): Promise<void> {
    try {
      await writing;
    } catch (error) {
      // A half-written entry leaves the archive unusable: remember it so that commit fails.
      this.failure ??= error as Error;
      throw new IoError(`cannot write entry '${entry}': ${(error as Error).message}`, { where: { file: this.path }, cause: error });
    }
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

async function* toBytes(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}
