// A minimal file-system tree and sink for benchmarks, so they measure this package and not an archive layer.
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { FileEntry, FileSink, FileTree } from '@annoconv/core';

export class FsTree implements FileTree {
  readonly name: string;
  private readonly list: FileEntry[] = [];
  constructor(private readonly root: string) {
    this.name = root;
    const walk = (dir: string, prefix: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        const stat = statSync(full);
        if (stat.isDirectory()) walk(full, `${prefix}${name}/`);
        else this.list.push({ path: `${prefix}${name}`, size: stat.size });
      }
    };
    walk(root, '');
  }
  entries(): readonly FileEntry[] {
    return this.list;
  }
  has(file: string): boolean {
    return this.list.some((entry) => entry.path === file);
  }
  async read(file: string): Promise<Uint8Array> {
    return new Uint8Array(readFileSync(path.join(this.root, file)));
  }
  async readText(file: string): Promise<string> {
    return readFileSync(path.join(this.root, file), 'utf8');
  }
  async *stream(file: string): AsyncIterable<Uint8Array> {
    for await (const chunk of createReadStream(path.join(this.root, file), { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
  }
}

export class FsSink implements FileSink {
  constructor(private readonly root: string) {}
  async write(file: string, data: Uint8Array | string): Promise<void> {
    await this.writeStream(file, (async function* () {
      yield data;
    })());
  }
  async writeStream(file: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    const target = path.join(this.root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    const stream = createWriteStream(target);
    for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
    stream.end();
    await once(stream, 'finish');
  }
}
