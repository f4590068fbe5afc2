// In-memory file trees and sinks: for tests, browsers and the server.
import type { FileEntry, FileSink, FileTree } from '@annoconv/core';
import { IoError } from '@annoconv/core';
import { normalizeEntryPath } from './safe-path.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A FileTree over a map of paths to bytes or text. */
export class MemoryTree implements FileTree {
  readonly name: string;
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, Uint8Array | string> | Map<string, Uint8Array | string> = {}, name = 'memory') {
    this.name = name;
    const pairs = files instanceof Map ? [...files] : Object.entries(files);
    for (const [path, data] of pairs) this.files.set(normalizeEntryPath(path), typeof data === 'string' ? encoder.encode(data) : data);
  }

  entries(): readonly FileEntry[] {
    return [...this.files].map(([path, data]) => ({ path, size: data.byteLength }));
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  async read(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    if (!data) throw new IoError(`no such file '${path}' in ${this.name}`, { where: { file: path } });
    return data;
  }

  async readText(path: string): Promise<string> {
    return decoder.decode(await this.read(path));
  }

  async *stream(path: string): AsyncIterable<Uint8Array> {
    const data = await this.read(path);
    const chunk = 1 << 20;
    for (let offset = 0; offset < data.byteLength; offset += chunk) yield data.subarray(offset, offset + chunk);
  }
}

/** A FileSink that keeps what is written; `toTree()` reads it back. */
export class MemorySink implements FileSink {
  readonly files = new Map<string, Uint8Array>();

  async write(path: string, data: Uint8Array | string): Promise<void> {
    this.files.set(normalizeEntryPath(path), typeof data === 'string' ? encoder.encode(data) : data);
  }

  async writeStream(path: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      parts.push(bytes);
      length += bytes.byteLength;
    }
    const data = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      data.set(part, offset);
      offset += part.byteLength;
    }
    this.files.set(normalizeEntryPath(path), data);
  }

  text(path: string): string | undefined {
    const data = this.files.get(path);
    return data ? decoder.decode(data) : undefined;
  }

  toTree(name = 'memory'): MemoryTree {
    return new MemoryTree(this.files, name);
  }
}
