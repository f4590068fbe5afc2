// The in-memory zip reader (jszip), for archives small enough to hold in memory and for uploaded bytes.
import { ParseError } from '@annoconv/core';
import type JSZip from 'jszip';
import { Readable } from 'node:stream';
import type { ZipBackend } from './zip-backend.js';
import { UNIX_SYMLINK, UNIX_TYPE_MASK } from './zip-backend.js';
import type { RawZipEntry } from './zip-index.js';

/** jszip keeps the central directory's sizes on an internal object; it is not part of its typed API. */
interface CompressedSizes {
  compressedSize?: number;
  uncompressedSize?: number;
}

export async function openJsZip(archive: string, bytes: Uint8Array): Promise<ZipBackend<JSZip.JSZipObject>> {
  let zip: JSZip;
  try {
    // Loaded on first use, so that commands on folders start without it.
    const { default: jszip } = await import('jszip');
    zip = await jszip.loadAsync(bytes, { createFolders: false });
  } catch (error) {
    throw new ParseError(`cannot read zip archive: ${(error as Error).message}`, { file: archive }, { cause: error });
  }
  const records: Array<RawZipEntry<JSZip.JSZipObject>> = [];
  for (const [name, file] of Object.entries(zip.files)) {
    const sizes = (file as unknown as { _data?: CompressedSizes })._data;
    const permissions = typeof file.unixPermissions === 'number' ? file.unixPermissions : 0;
    records.push({
      // jszip rewrites unsafe names (drops `../`, leading `/`) and keeps the original; judge the original.
      name: file.unsafeOriginalName ?? name,
      compressedSize: sizes?.compressedSize ?? 0,
      uncompressedSize: sizes?.uncompressedSize ?? 0,
      isDirectory: file.dir,
      isSymlink: (permissions & UNIX_TYPE_MASK) === UNIX_SYMLINK,
      handle: file,
    });
  }
  return {
    streaming: false,
    records,
    inflate: (file) => inflateJsZipEntry(archive, file),
    close: async () => {},
  };
}

async function* inflateJsZipEntry(archive: string, file: JSZip.JSZipObject): AsyncGenerator<Uint8Array> {
  try {
    // jszip's stream is an old-style one without async iteration; wrapping it keeps backpressure.
    const stream = new Readable().wrap(file.nodeStream('nodebuffer'));
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
    } finally {
      stream.destroy();
    }
  } catch (error) {
    throw new ParseError(`cannot inflate entry '${file.name}': ${(error as Error).message}`, { file: archive }, { cause: error });
  }
}
