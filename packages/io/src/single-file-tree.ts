// A FileTree holding one file from disk (a lone annotation file such as `instances.json`), named by its base name.
import type { FileEntry, FileTree } from '@annoconv/core';
import { IoError } from '@annoconv/core';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';

const decoder = new TextDecoder('utf-8');

export class SingleFileTree implements FileTree {
  readonly kind = 'file' as const;
  readonly name: string;
  /** The one entry's path: the file's base name. */
  readonly entryPath: string;
  private readonly absolute: string;
  private readonly size: number;
  private readonly chunkSize: number;

  private constructor(path: string, size: number, chunkSize: number) {
    this.name = path;
    this.absolute = path;
    this.entryPath = basename(path);
    this.size = size;
    this.chunkSize = chunkSize;
  }

  static async open(path: string, options: { chunkSize?: number } = {}): Promise<SingleFileTree> {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      return new SingleFileTree(path, info.size, options.chunkSize ?? 1 << 20);
    } catch (error) {
      throw new IoError(`cannot open file: ${(error as Error).message}`, { where: { file: path }, cause: error });
    }
  }

  entries(): readonly FileEntry[] {
    return [{ path: this.entryPath, size: this.size }];
  }

  has(path: string): boolean {
    return path === this.entryPath;
  }

  async read(path: string): Promise<Uint8Array> {
    this.check(path);
    try {
      return await readFile(this.absolute);
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.name }, cause: error });
    }
  }

  async readText(path: string): Promise<string> {
    return decoder.decode(await this.read(path));
  }

  async *stream(path: string): AsyncGenerator<Uint8Array> {
    this.check(path);
    const stream = createReadStream(this.absolute, { highWaterMark: this.chunkSize });
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.name }, cause: error });
    } finally {
      stream.destroy();
    }
  }

  /** Reads at most `length` bytes from the start of a file (for headers). */
  async readPrefix(path: string, length: number): Promise<Uint8Array> {
    this.check(path);
    let handle;
    try {
      handle = await open(this.absolute, 'r');
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.name }, cause: error });
    } finally {
      await handle?.close();
    }
  }

  async close(): Promise<void> {}

  private check(path: string): void {
    if (path !== this.entryPath) throw new IoError(`no such file '${path}'`, { where: { file: this.name } });
  }
}
