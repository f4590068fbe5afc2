// Opens what the engine reads from and writes to: a path (folder, .zip or single file, through @annoconv/io) or
// an already opened tree / sink (memory, server uploads).
import type { FileSink, FileTree } from '@annoconv/core';
import type { ArchiveLimits } from '@annoconv/io';
import { openSink, openTree } from '@annoconv/io';

/** A sink that may be transactional: written to a temporary place, then committed or aborted. */
export type OutputTarget = FileSink & { commit?(): Promise<void>; abort?(): Promise<void> };

export async function openInput(input: string | FileTree, limits?: Partial<ArchiveLimits>): Promise<FileTree> {
  if (typeof input !== 'string') return input;
  return openTree(input, limits ? { limits } : {});
}

export async function openOutput(output: string | OutputTarget, overwrite: boolean): Promise<OutputTarget> {
  if (typeof output !== 'string') return output;
  return openSink(output, { overwrite });
}

/** Releases a tree that holds resources (an open archive), if it has a way to. */
export async function closeInput(tree: FileTree): Promise<void> {
  const closable = tree as FileTree & { close?: () => Promise<void> | void };
  if (typeof closable.close === 'function') await closable.close();
}
