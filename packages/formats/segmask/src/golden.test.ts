import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { datasetSchema } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';
import { context, labelPixels, repoRoot, treeOfFolder } from './test-helpers.js';

const goldenRoot = path.join(repoRoot, 'test-data/segmask');
// Set ANNOCONV_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (then review the diff).
const update = process.env.ANNOCONV_UPDATE_GOLDEN === '1';

describe.each(['basic'])('golden %s', (name) => {
  const folder = path.join(goldenRoot, name);
  const expectedFolder = path.join(folder, 'expected');

  it('writes exactly the expected files (XML, lists, label map, PNG bytes)', async () => {
    const dataset = datasetSchema.parse(JSON.parse(readFileSync(path.join(folder, 'dataset.json'), 'utf8')));
    const sink = new MemorySink();
    const writeContext = context();
    await writeSegmask(dataset, sink, {}, writeContext);
    if (update) {
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
  });

  it('reads the expected files back to what each label shows in the class PNG', async () => {
    const back = await readSegmask(treeOfFolder(expectedFolder), { convMaskToPoly: false }, context());
    const rewritten = new MemorySink();
    await writeSegmask(back, rewritten, {}, context());
    const expected = treeOfFolder(expectedFolder);
    // Reading and writing again reproduces every PNG byte for byte.
    for (const [file, bytes] of rewritten.files) if (file.endsWith('.png')) expect(Buffer.from(bytes).equals(Buffer.from(await expected.read(file))), file).toBe(true);
    expect(Object.keys(labelPixels(back)).sort()).toEqual(['train/b.jpg:Dog', 'train/scene/a.jpg:Dog', 'train/scene/a.jpg:car', 'train/scene/a.jpg:person']);
  });
});
