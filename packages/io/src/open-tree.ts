// Opens whatever the user named as input: a folder, a `.zip` archive, or a single annotation file.
import type { FileTree } from '@annoconv/core';
import { IoError } from '@annoconv/core';
import { stat } from 'node:fs/promises';
import { FolderTree } from './folder-tree.js';
import type { ArchiveLimits } from './limits.js';
import { SingleFileTree } from './single-file-tree.js';
import { ZipTree } from './zip-tree.js';

/** A tree from `openTree`: close it when done (the streaming zip reader holds a file open). */
export interface OpenedTree extends FileTree {
  readonly kind: 'folder' | 'zip' | 'file';
  close(): Promise<void>;
}

export interface OpenTreeOptions {
  limits?: Partial<ArchiveLimits>;
  /** Zip archives larger than this many bytes are streamed from disk; default 256 MiB. */
  streamingThreshold?: number;
}

/** A folder becomes a FolderTree, a file ending in `.zip` (any case) a ZipTree, any other file a SingleFileTree. */
export async function openTree(path: string, options: OpenTreeOptions = {}): Promise<OpenedTree> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new IoError(`cannot open input: ${(error as Error).message}`, { where: { file: path }, cause: error });
  }
  if (isDirectory) return FolderTree.open(path, options.limits ? { limits: options.limits } : {});
  if (/\.zip$/i.test(path)) return ZipTree.open(path, options);
  return SingleFileTree.open(path);
}
