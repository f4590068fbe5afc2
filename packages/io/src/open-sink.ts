// Opens the output the user named: a `.zip` archive when the name ends in `.zip` (any case), a folder otherwise.
import { FolderSink } from './folder-sink.js';
import type { OutputSink } from './output-sink.js';
import { ZipSink } from './zip-sink.js';

export interface OpenSinkOptions {
  /** Replace an existing output (atomically, on `commit()`); without it an existing output is an IoError. */
  overwrite?: boolean;
}

export async function openSink(path: string, options: OpenSinkOptions = {}): Promise<OutputSink> {
  return /\.zip$/i.test(path) ? ZipSink.create(path, options) : FolderSink.create(path, options);
}
