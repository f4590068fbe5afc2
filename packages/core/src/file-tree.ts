// The file-tree interfaces formats read from and write to. Implementations (folder, zip, memory) live in
// @annoconv/io; formats never touch the real file system.

export interface FileEntry {
  /** POSIX path relative to the tree's root, without a leading `./` or `/`. */
  readonly path: string;
  /** Uncompressed size in bytes, when known. */
  readonly size?: number;
}

/** A read-only tree of files: a folder, an archive, a single file, or memory. Paths are case-sensitive. */
export interface FileTree {
  /** What the tree is, for messages: a folder path, an archive name. */
  readonly name: string;
  /** Every file (not directory) in the tree. */
  entries(): readonly FileEntry[];
  has(path: string): boolean;
  read(path: string): Promise<Uint8Array>;
  readText(path: string): Promise<string>;
  /** Reads a file chunk by chunk, for files too big to hold at once. */
  stream(path: string): AsyncIterable<Uint8Array>;
}

/** Where a writer puts its files. Paths are POSIX and relative; the sink decides the final location. */
export interface FileSink {
  write(path: string, data: Uint8Array | string): Promise<void>;
  /** Writes a file from chunks, so big outputs never become one huge string. */
  writeStream(path: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void>;
}
