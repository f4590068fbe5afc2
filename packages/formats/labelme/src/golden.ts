// Golden-file harness for the tests: write a dataset.json through a writer and compare every file's bytes and the
// diagnostics with test-data/<format>/<case>/ (ANNOCONV_UPDATE_GOLDEN=1 rewrites them; review the diff).
import { expect } from 'vitest';
import * as path from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { datasetSchema, type Dataset, type FileSink, type FormatContext, type WriteOptions } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { context, testDataRoot, treeOfFolder } from './test-helpers.js';

const update = process.env.ANNOCONV_UPDATE_GOLDEN === '1';

export function goldenDataset(format: string, name: string): Dataset {
  return datasetSchema.parse(JSON.parse(readFileSync(path.join(testDataRoot, format, name, 'dataset.json'), 'utf8')));
}

export async function checkGolden(
  format: string,
  name: string,
  write: (dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext) => Promise<void>,
  options: WriteOptions = {},
): Promise<MemorySink> {
  const folder = path.join(testDataRoot, format, name);
  const expectedFolder = path.join(folder, 'expected');
  const sink = new MemorySink();
  const writeContext = context();
  await write(goldenDataset(format, name), sink, options, writeContext);
  if (update) {
    rmSync(expectedFolder, { recursive: true, force: true });
    for (const [file, bytes] of sink.files) {
      mkdirSync(path.dirname(path.join(expectedFolder, file)), { recursive: true });
      writeFileSync(path.join(expectedFolder, file), bytes);
    }
    writeFileSync(path.join(folder, 'diagnostics.json'), JSON.stringify(writeContext.diagnostics.items, null, 2) + '\n');
  }
  const expected = treeOfFolder(expectedFolder);
  expect([...sink.files.keys()].sort()).toEqual(expected.entries().map((entry) => entry.path).sort());
  for (const [file, bytes] of sink.files) expect(Buffer.from(bytes).equals(Buffer.from(await expected.read(file))), file).toBe(true);
  expect(writeContext.diagnostics.items).toEqual(JSON.parse(readFileSync(path.join(folder, 'diagnostics.json'), 'utf8')));
  return sink;
}
