// The streaming zip reader (yauzl), for archives too large to hold in memory: it reads the central directory
// from disk and inflates one entry at a time, so memory stays flat whatever the archive's size.
import { AnnoconvError, IoError, LimitExceededError, ParseError } from '@annoconv/core';
import type * as yauzl from 'yauzl';
import type { ArchiveLimits } from './limits.js';
import type { ZipBackend } from './zip-backend.js';
import { UNIX_SYMLINK, UNIX_TYPE_MASK } from './zip-backend.js';
import type { RawZipEntry } from './zip-index.js';
import { checkEntryCount } from './zip-index.js';

export async function openYauzl(archive: string, path: string, limits: ArchiveLimits): Promise<ZipBackend<yauzl.Entry>> {
  let zipfile: yauzl.ZipFile;
  // Loaded on first use: only archives too big for memory need it.
  const yauzlModule = (await import('yauzl')) as typeof yauzl & { default?: typeof yauzl };
  const library = yauzlModule.default ?? yauzlModule;
  try {
    // decodeStrings: false so that yauzl does not reject unsafe names itself; we decode and judge them, to
    // raise UnsafePathError naming the entry instead of a generic failure.
    zipfile = await library.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    throw asZipError(archive, error);
  }
  const records: Array<RawZipEntry<yauzl.Entry>> = [];
  try {
    checkEntryCount(archive, zipfile.entryCount, limits);
    for await (const entry of zipfile.eachEntry()) {
      const name = library.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const madeOnUnix = entry.versionMadeBy >> 8 === 3;
      const mode = entry.externalFileAttributes >>> 16;
      records.push({
        name,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        isDirectory: name.endsWith('/'),
        isSymlink: madeOnUnix && (mode & UNIX_TYPE_MASK) === UNIX_SYMLINK,
        handle: entry,
      });
    }
  } catch (error) {
    zipfile.close();
    throw asZipError(archive, error);
  }
  return {
    streaming: true,
    records,
    inflate: (entry) => inflateYauzlEntry(archive, zipfile, entry),
    close: async () => zipfile.close(),
  };
}

async function* inflateYauzlEntry(archive: string, zipfile: yauzl.ZipFile, entry: yauzl.Entry): AsyncGenerator<Uint8Array> {
  try {
    const stream = await zipfile.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
    } finally {
      stream.destroy();
    }
  } catch (error) {
    throw asZipError(archive, error);
  }
}

/** Maps yauzl's plain errors to ours; its size check fires when an entry inflates past its declared size. */
function asZipError(archive: string, error: unknown): Error {
  if (AnnoconvError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/too many bytes in the stream/.test(message)) {
    return new LimitExceededError(`an entry inflates beyond its declared size (${message}); the archive is corrupt or a zip bomb`, { file: archive });
  }
  if (isSystemError(error)) return new IoError(`cannot read zip archive: ${message}`, { where: { file: archive }, cause: error });
  return new ParseError(`cannot read zip archive: ${message}`, { file: archive }, { cause: error });
}

function isSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
