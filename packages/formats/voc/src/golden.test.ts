import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { readVoc } from './read.js';
import { writeVoc } from './write.js';
import { goldenCase, goldenDataset, testDataDir, treeFromFolder } from '@annoconv/testing';
import { createContext } from '@annoconv/core';
import { canonicalShapes, canonicalTags } from './test-helpers.js';

// Set ANNOCONV_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (then review the diff).
const goldenRoot = testDataDir('voc');

describe.each(['basic'])('golden %s', (name) => {
  const folder = path.join(goldenRoot, name);
  const expectedFolder = path.join(folder, 'expected');

  it('writes exactly the expected files (XML, lists, label map, PNG bytes)', async () => {
    await goldenCase(folder, writeVoc);
  });

  it('reads the expected files back to the same boxes, tags and rotation', async () => {
    const dataset = goldenDataset(folder);
    const back = await readVoc(treeFromFolder(expectedFolder), { convMaskToPoly: false }, createContext());
    const boxes = (source: typeof dataset) =>
      canonicalShapes(source, source.annotations.shapes.filter((shape) => shape.type === 'rectangle'), { attributes: false }).map(({ frame, ...rest }) => ({ ...rest, frame: frame.replace(/^\//, 'default/') }));
    expect(boxes(back)).toEqual(boxes(dataset).map((box) => ({ ...box, points: box.points.map((value) => Math.round(value * 100) / 100) })));
    expect(canonicalTags(back)).toEqual(canonicalTags(dataset));
  });
});
