// A golden case folder (dataset.json, expected/, diagnostics.json): the dataset written through a writer must give
// exactly the expected files and diagnostics; ANNOCONV_UPDATE_GOLDEN=1 rewrites both (review the diff).
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createContext, datasetSchema, type Dataset, type FileSink, type FormatContext, type WriteOptions } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { expectSinkToMatchFolder, updatingGolden } from './expect-sink-to-match-folder.js';

/** The canonical dataset of a golden case folder (its dataset.json, parsed by the model schema). */
export function goldenDataset(caseDir: string): Dataset {
  return datasetSchema.parse(JSON.parse(readFileSync(path.join(caseDir, 'dataset.json'), 'utf8')));
}

/** Writes the case's dataset, checks the output against `expected/` and the diagnostics against diagnostics.json. */
export async function goldenCase(
  caseDir: string,
  write: (dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext) => Promise<void>,
  options: WriteOptions = {},
): Promise<MemorySink> {
  const sink = new MemorySink();
  const context = createContext();
  await write(goldenDataset(caseDir), sink, options, context);
  await expectSinkToMatchFolder(sink, path.join(caseDir, 'expected'));
  const diagnosticsFile = path.join(caseDir, 'diagnostics.json');
  if (updatingGolden()) writeFileSync(diagnosticsFile, JSON.stringify(context.diagnostics.items, null, 2) + '\n');
  expect(context.diagnostics.items).toEqual(JSON.parse(readFileSync(diagnosticsFile, 'utf8')));
  return sink;
}
