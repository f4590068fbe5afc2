import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { MemorySink } from '@annoconv/io';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';
import { goldenCase, shapePixels, testDataDir, treeFromFolder } from '@annoconv/testing';
import { createContext } from '@annoconv/core';

// Set ANNOCONV_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (then review the diff).
const goldenRoot = testDataDir('segmask');

describe.each(['basic'])('golden %s', (name) => {
  const folder = path.join(goldenRoot, name);
  const expectedFolder = path.join(folder, 'expected');

  it('writes exactly the expected files (XML, lists, label map, PNG bytes)', async () => {
    await goldenCase(folder, writeSegmask);
  });

  it('reads the expected files back to what each label shows in the class PNG', async () => {
    const back = await readSegmask(treeFromFolder(expectedFolder), { convMaskToPoly: false }, createContext());
    const rewritten = new MemorySink();
    await writeSegmask(back, rewritten, {}, createContext());
    const expected = treeFromFolder(expectedFolder);
    // Reading and writing again reproduces every PNG byte for byte.
    for (const [file, bytes] of rewritten.files) if (file.endsWith('.png')) expect(Buffer.from(bytes).equals(Buffer.from(await expected.read(file))), file).toBe(true);
    expect(Object.keys(shapePixels(back)).sort()).toEqual(['train/b.jpg:Dog', 'train/scene/a.jpg:Dog', 'train/scene/a.jpg:car', 'train/scene/a.jpg:person']);
  });
});
