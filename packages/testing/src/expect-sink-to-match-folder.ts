// Asserts that a sink holds exactly the files of a folder, byte for byte; with ANNOCONV_UPDATE_GOLDEN=1 the folder
// is first rewritten from the sink (review the diff).
import path from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { MemorySink } from '@annoconv/io';
import { treeFromFolder } from './tree-from-folder.js';

/** Whether golden files are to be rewritten from the current output (`ANNOCONV_UPDATE_GOLDEN=1`). */
export function updatingGolden(): boolean {
  return process.env['ANNOCONV_UPDATE_GOLDEN'] === '1';
}

/** The same file names, and for each file the same bytes, in `sink` as in `dir`. */
export async function expectSinkToMatchFolder(sink: MemorySink, dir: string): Promise<void> {
  if (updatingGolden()) {
    rmSync(dir, { recursive: true, force: true });
    for (const [file, bytes] of sink.files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
  }
  const expected = treeFromFolder(dir);
  expect([...sink.files.keys()].sort()).toEqual(expected.entries().map((entry) => entry.path).sort());
  for (const [file, bytes] of sink.files) expect(Buffer.from(bytes).equals(Buffer.from(await expected.read(file))), file).toBe(true);
}
