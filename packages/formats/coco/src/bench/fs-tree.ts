// A minimal file-system tree for benchmarks, so they measure this package and not an archive layer.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileEntry, FileTree } from '@annoconv/core';

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
