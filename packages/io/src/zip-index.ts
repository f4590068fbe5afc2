// The checks every zip reader runs on the central directory before any entry is inflated: safe names, entry
// count, declared total size, compression ratio; and the resolution of symbolic-link entries inside the archive.
import { LimitExceededError, ParseError, UnsafePathError } from '@annoconv/core';
import type { ArchiveLimits } from './limits.js';
import { normalizeEntryPath } from './safe-path.js';

/** One central-directory record, as a zip backend reports it. */
export interface RawZipEntry<Handle> {
  /** The name as stored (after decoding), before any normalisation. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
  isSymlink: boolean;
  handle: Handle;
}

/** A checked file entry: its safe path, its declared size and the backend's handle to inflate it. */
export interface ZipFileRecord<Handle> {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
  handle: Handle;
}

const formatBytes = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`;

/** Refuses an archive whose central directory holds more records than allowed, before listing them. */
export function checkEntryCount(archive: string, count: number, limits: ArchiveLimits): void {
  if (count > limits.maxEntries) {
    throw new LimitExceededError(`archive has ${count.toLocaleString('en-US')} entries; the limit is ${limits.maxEntries.toLocaleString('en-US')} (raise maxEntries to allow it)`, { file: archive });
  }
}

/** Normalises an entry name, naming the archive and the entry when it is unsafe. */
export function safeEntryPath(archive: string, name: string): string {
  try {
    return normalizeEntryPath(name);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new UnsafePathError(name, { file: archive });
    throw error;
  }
}

/**
 * Checks the declared sizes of every file entry and returns the file records by path, plus the symbolic links
 * (path → raw record) for the caller to resolve once it can read their targets.
 */
export function indexZipEntries<Handle>(
  archive: string,
  raw: ReadonlyArray<RawZipEntry<Handle>>,
  limits: ArchiveLimits,
): { files: Map<string, ZipFileRecord<Handle>>; links: Map<string, ZipFileRecord<Handle>> } {
  checkEntryCount(archive, raw.length, limits);
  const files = new Map<string, ZipFileRecord<Handle>>();
  const links = new Map<string, ZipFileRecord<Handle>>();
  let total = 0;
  for (const entry of raw) {
    const path = safeEntryPath(archive, entry.name);
    if (entry.isDirectory) continue;
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new LimitExceededError(`archive declares more than ${formatBytes(limits.maxTotalBytes)} uncompressed (at entry '${entry.name}'); raise maxTotalBytes to allow it`, { file: archive });
    }
    if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
      const ratio = entry.compressedSize === 0 ? 'unbounded' : `${Math.round(entry.uncompressedSize / entry.compressedSize)}:1`;
      throw new LimitExceededError(`entry '${entry.name}' expands ${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)} (ratio ${ratio}); the limit is ${limits.maxCompressionRatio}:1 (raise maxCompressionRatio to allow it)`, { file: archive });
    }
    const record = { path, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, handle: entry.handle };
    if (files.has(path) || links.has(path)) throw new ParseError(`entry '${entry.name}' appears twice`, { file: archive });
    (entry.isSymlink ? links : files).set(path, record);
  }
  return { files, links };
}

/**
 * Resolves a link stored at `linkPath` with target text `target` to a path inside the archive. A target that is
 * absolute or climbs above the archive's root is refused: extracting such an entry is the classic "zip slip".
 */
export function resolveLinkTarget(archive: string, linkPath: string, target: string): string {
  const slashed = target.replace(/\\/g, '/');
  const refuse = (): never => {
    throw new UnsafePathError(`${linkPath} -> ${target}`, { file: archive });
  };
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) refuse();
  const segments = linkPath.split('/').slice(0, -1);
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) refuse();
      segments.pop();
    } else segments.push(segment);
  }
  if (segments.length === 0) refuse();
  return segments.join('/');
}

/**
 * Counts the bytes actually inflated from an entry and stops as soon as they pass the declared size, since
 * headers can lie and the declared size is what the limits approved; a short entry is a corrupt archive.
 */
export async function* guardInflation(archive: string, entry: string, declared: number, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > declared) {
      throw new LimitExceededError(`entry '${entry}' inflates beyond its declared ${formatBytes(declared)}; the archive is corrupt or a zip bomb`, { file: archive });
    }
    yield chunk;
  }
  if (seen < declared) throw new ParseError(`entry '${entry}' ends after ${formatBytes(seen)} of its declared ${formatBytes(declared)}; the archive is truncated or corrupt`, { file: archive });
}
