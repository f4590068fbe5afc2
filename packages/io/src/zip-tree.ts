// A FileTree over a zip archive: jszip for archives that fit in memory, yauzl streaming from disk above a size
// threshold. Names and declared sizes are checked on open; entries inflate lazily, with their bytes counted.
import type { FileEntry, FileTree } from '@annoconv/core';
import { IoError, LimitExceededError, ParseError } from '@annoconv/core';
import { constants as bufferConstants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { openJsZip } from './jszip-backend.js';
import type { ArchiveLimits } from './limits.js';
import { resolveLimits } from './limits.js';
import { openYauzl } from './yauzl-backend.js';
import type { ZipBackend } from './zip-backend.js';
import { readZipEntryCount } from './zip-end-record.js';
import type { ZipFileRecord } from './zip-index.js';
import { checkEntryCount, guardInflation, indexZipEntries, resolveLinkTarget } from './zip-index.js';

/** Archives larger than this (bytes on disk) are read with the streaming reader instead of being loaded whole. */
export const DEFAULT_STREAMING_THRESHOLD = 256 * 1024 ** 2;

export interface ZipTreeOptions {
  limits?: Partial<ArchiveLimits>;
  /** Size on disk above which the streaming reader is used; default 256 MiB. */
  streamingThreshold?: number;
  /** Name used in messages; defaults to the file's path (or 'upload.zip' for bytes). */
  name?: string;
}

const decoder = new TextDecoder('utf-8');
/** Longest link target read from a symbolic-link entry; real targets are short paths. */
const MAX_LINK_TARGET_BYTES = 4096;
const MAX_LINK_HOPS = 8;
/** The largest buffer this runtime can allocate; bigger entries can only be streamed. */
const MAX_READ_BYTES = bufferConstants.MAX_LENGTH;

export class ZipTree implements FileTree {
  readonly kind = 'zip' as const;
  readonly name: string;
  private readonly backend: ZipBackend<unknown>;
  private readonly files: Map<string, ZipFileRecord<unknown>>;

  private constructor(name: string, backend: ZipBackend<unknown>, files: Map<string, ZipFileRecord<unknown>>) {
    this.name = name;
    this.backend = backend;
    this.files = files;
  }

  /** Opens a zip file on disk, choosing the reader by its size. */
  static async open(path: string, options: ZipTreeOptions = {}): Promise<ZipTree> {
    const name = options.name ?? path;
    const limits = resolveLimits(options.limits);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      throw new IoError(`cannot open archive: ${(error as Error).message}`, { where: { file: name }, cause: error });
    }
    if (size > (options.streamingThreshold ?? DEFAULT_STREAMING_THRESHOLD)) {
      return ZipTree.fromBackend(name, (await openYauzl(name, path, limits)) as ZipBackend<unknown>, limits);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new IoError(`cannot read archive: ${(error as Error).message}`, { where: { file: name }, cause: error });
    }
    return ZipTree.fromBytes(bytes, { ...options, name });
  }

  /** Opens a zip held in memory (an upload) with jszip. */
  static async fromBytes(bytes: Uint8Array, options: ZipTreeOptions = {}): Promise<ZipTree> {
    const name = options.name ?? 'upload.zip';
    const limits = resolveLimits(options.limits);
    // Count records before jszip lists them: listing a million entries is itself the cost we bound.
    checkEntryCount(name, readZipEntryCount(name, bytes), limits);
    return ZipTree.fromBackend(name, (await openJsZip(name, bytes)) as ZipBackend<unknown>, limits);
  }

  private static async fromBackend(name: string, backend: ZipBackend<unknown>, limits: ArchiveLimits): Promise<ZipTree> {
    try {
      const { files, links } = indexZipEntries(name, backend.records, limits);
      const tree = new ZipTree(name, backend, files);
      await tree.resolveLinks(links);
      return tree;
    } catch (error) {
      await backend.close();
      throw error;
    }
  }

  /** True when entries are read from disk on demand (the streaming reader). */
  get streaming(): boolean {
    return this.backend.streaming;
  }

  entries(): readonly FileEntry[] {
    return [...this.files.values()].map((record) => ({ path: record.path, size: record.uncompressedSize }));
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  async read(path: string): Promise<Uint8Array> {
    const record = this.record(path);
    if (record.uncompressedSize > MAX_READ_BYTES) {
      throw new LimitExceededError(`entry '${path}' (${record.uncompressedSize.toLocaleString('en-US')} bytes) is too large to read whole; stream it`, { file: this.name });
    }
    const data = new Uint8Array(record.uncompressedSize);
    let offset = 0;
    // The guard stops before a chunk could overflow the declared size, so `set` never writes out of bounds.
    for await (const chunk of this.inflate(record)) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return data;
  }

  async readText(path: string): Promise<string> {
    return decoder.decode(await this.read(path));
  }

  stream(path: string): AsyncIterable<Uint8Array> {
    const record = this.record(path);
    return this.inflate(record);
  }

  /** Releases the archive's file handle (streaming reader); reading afterwards fails. */
  async close(): Promise<void> {
    await this.backend.close();
  }

  private record(path: string): ZipFileRecord<unknown> {
    const record = this.files.get(path);
    if (!record) throw new IoError(`no such entry '${path}'`, { where: { file: this.name } });
    return record;
  }

  private inflate(record: ZipFileRecord<unknown>): AsyncIterable<Uint8Array> {
    return guardInflation(this.name, record.path, record.uncompressedSize, this.backend.inflate(record.handle));
  }

  /**
   * A symbolic-link entry becomes another name for the file it points at, when that file is in the archive;
   * a link that points outside the archive is refused (UnsafePathError); a link to a folder or nothing is left out.
   */
  private async resolveLinks(links: Map<string, ZipFileRecord<unknown>>): Promise<void> {
    const targets = new Map<string, string>();
    for (const [path, record] of links) {
      if (record.uncompressedSize > MAX_LINK_TARGET_BYTES) throw new ParseError(`symbolic link '${path}' has an implausibly long target`, { file: this.name });
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.inflate(record)) chunks.push(chunk);
      targets.set(path, resolveLinkTarget(this.name, path, decoder.decode(Buffer.concat(chunks))));
    }
    for (const [path, first] of targets) {
      let target = first;
      for (let hop = 0; hop < MAX_LINK_HOPS && targets.has(target); hop++) target = targets.get(target)!;
      const file = this.files.get(target);
      if (file) this.files.set(path, { ...file, path });
    }
  }
}

/** Opens an uploaded zip held in memory; the same checks as for a file on disk. */
export function openZipFromBytes(bytes: Uint8Array, options: ZipTreeOptions = {}): Promise<ZipTree> {
  return ZipTree.fromBytes(bytes, options);
}

