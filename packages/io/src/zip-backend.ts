// What a zip reader must provide to ZipTree: the central directory's records and a way to inflate one entry.
import type { RawZipEntry } from './zip-index.js';

export interface ZipBackend<Handle> {
  /** True when entries are read from disk on demand rather than from bytes held in memory. */
  readonly streaming: boolean;
  readonly records: ReadonlyArray<RawZipEntry<Handle>>;
  /** Inflates one entry, unchecked; ZipTree counts the bytes. */
  inflate(handle: Handle): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Unix file type bits of a symbolic link, as zip tools store them in the high half of the external attributes. */
export const UNIX_TYPE_MASK = 0o170000;
export const UNIX_SYMLINK = 0o120000;
