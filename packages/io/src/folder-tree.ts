// A FileTree over a folder on disk: lists every file below the root once, follows symbolic links that stay
// inside the root and refuses those that leave it; reads files whole or in chunks.
import type { FileEntry, FileTree } from '@annoconv/core';
import { IoError, LimitExceededError, UnsafePathError } from '@annoconv/core';
import { createReadStream } from 'node:fs';
import { open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ArchiveLimits } from './limits.js';
import { resolveLimits } from './limits.js';

export interface FolderTreeOptions {
  /** Only `maxEntries` applies to folders. */
  limits?: Partial<ArchiveLimits>;
  /** Chunk size of `stream`, in bytes; default 1 MiB. */
  chunkSize?: number;
}

const decoder = new TextDecoder('utf-8');

export class FolderTree implements FileTree {
  readonly kind = 'folder' as const;
  readonly name: string;
  private readonly root: string;
  private readonly files: Map<string, { absolute: string; size: number }>;
  private readonly chunkSize: number;

  private constructor(root: string, files: Map<string, { absolute: string; size: number }>, chunkSize: number) {
    this.name = root;
    this.root = root;
    this.files = files;
    this.chunkSize = chunkSize;
  }

  /** Walks the folder; `UnsafePathError` when a symbolic link leads outside it. */
  static async open(root: string, options: FolderTreeOptions = {}): Promise<FolderTree> {
    const limits = resolveLimits(options.limits);
    let realRoot: string;
    try {
      realRoot = await realpath(root);
      if (!(await stat(realRoot)).isDirectory()) throw new Error('not a folder');
    } catch (error) {
      throw new IoError(`cannot open folder: ${(error as Error).message}`, { where: { file: root }, cause: error });
    }
    const files = new Map<string, { absolute: string; size: number }>();
    const visited = new Set<string>([realRoot]);
    const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);

    const walk = async (directory: string, prefix: string): Promise<void> => {
      let children;
      try {
        children = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        throw new IoError(`cannot list folder: ${(error as Error).message}`, { where: { file: join(root, prefix) }, cause: error });
      }
      // Sorted so that entries() is the same on every file system.
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) {
        const path = prefix ? `${prefix}/${child.name}` : child.name;
        const absolute = join(directory, child.name);
        let real = absolute;
        let isDirectory = child.isDirectory();
        let isFile = child.isFile();
        if (child.isSymbolicLink()) {
          try {
            real = await realpath(absolute);
          } catch {
            continue; // a dangling link names nothing to read
          }
          if (!inside(real)) throw new UnsafePathError(path, { file: root });
          const info = await stat(real);
          isDirectory = info.isDirectory();
          isFile = info.isFile();
        }
        if (isDirectory) {
          // A link back up the tree would loop forever; each real folder is walked once.
          if (visited.has(real)) continue;
          visited.add(real);
          await walk(absolute, path);
        } else if (isFile) {
          if (files.size >= limits.maxEntries) {
            throw new LimitExceededError(`folder has more than ${limits.maxEntries.toLocaleString('en-US')} files (raise maxEntries to allow it)`, { file: root });
          }
          files.set(path, { absolute: real, size: (await stat(real)).size });
        }
      }
    };
    await walk(realRoot, '');
    return new FolderTree(root, files, options.chunkSize ?? 1 << 20);
  }

  entries(): readonly FileEntry[] {
    return [...this.files].map(([path, file]) => ({ path, size: file.size }));
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  async read(path: string): Promise<Uint8Array> {
    const file = this.file(path);
    try {
      return await readFile(file.absolute);
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.display(path) }, cause: error });
    }
  }

  async readText(path: string): Promise<string> {
    return decoder.decode(await this.read(path));
  }

  async *stream(path: string): AsyncGenerator<Uint8Array> {
    const file = this.file(path);
    const stream = createReadStream(file.absolute, { highWaterMark: this.chunkSize });
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.display(path) }, cause: error });
    } finally {
      stream.destroy();
    }
  }

  /** Reads at most `length` bytes from the start of a file (for headers). */
  async readPrefix(path: string, length: number): Promise<Uint8Array> {
    const file = this.file(path);
    let handle;
    try {
      handle = await open(file.absolute, 'r');
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } catch (error) {
      throw new IoError(`cannot read file: ${(error as Error).message}`, { where: { file: this.display(path) }, cause: error });
    } finally {
      await handle?.close();
    }
  }

  /** Nothing to release; present so that every tree from `openTree` can be closed the same way. */
  async close(): Promise<void> {}

  private file(path: string): { absolute: string; size: number } {
    const file = this.files.get(path);
    if (!file) throw new IoError(`no such file '${path}'`, { where: { file: this.root } });
    return file;
  }

  private display(path: string): string {
    return join(this.root, ...path.split('/'));
  }
}

