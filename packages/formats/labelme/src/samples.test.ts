import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { MemorySink } from '@annoconv/io';
import { readLabelMe } from './read.js';
import { writeLabelMe } from './write.js';
import { detectLabelMe } from './detect.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';
import { canonicalShapes } from './test-helpers.js';

const samples = [
  { folder: path.join(sharedSamplesDir(), 'cvat-datumaro/labelme_dataset'), frame: 'default/example_folder/img1.png' },
  { folder: path.join(sharedSamplesDir(), 'datumaro/labelme_dataset'), frame: 'subset1/img1.png' },
];

describe.each(samples)('LabelMe sample $folder', ({ folder, frame }) => {
  it.skipIf(!existsSync(folder))('imports the MIT file (polygons, box, masks, parts, free-text attributes) and round-trips it', async () => {
    const tree = treeFromFolder(folder);
    expect((await detectLabelMe(tree, createContext())).confidence).toBeGreaterThan(0.8);
    const dataset = await readLabelMe(tree, { convMaskToPoly: false }, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['window', 'license plate', 'o1', 'q1', 'b1', 'm1', 'hg']);
    expect(dataset.frames.map((item) => `${item.subset}/${item.name} ${item.width}×${item.height} ${item.image ? 'image' : 'no image'}`)).toEqual([`${frame} 102×77 image`]);
    const name = (id: number) => dataset.labels.find((label) => label.id === id)!;
    const attributes = (shape: (typeof dataset.annotations.shapes)[number]) =>
      Object.fromEntries(shape.attributes.map((attribute) => [name(shape.label_id).attributes.find((spec) => spec.id === attribute.spec_id)!.name, attribute.value]));
    expect(dataset.annotations.shapes.map((shape) => [name(shape.label_id).name, shape.type, shape.occluded, shape.group, attributes(shape)])).toEqual([
      ['window', 'polygon', false, 0, { username: 'admin' }],
      ['license plate', 'mask', false, 0, { username: 'brussell' }],
      ['o1', 'polygon', true, 1, { a1: 'true', username: 'anonymous' }],
      ['q1', 'polygon', false, 1, { kj: 'true', username: 'anonymous' }],
      ['b1', 'rectangle', true, 1, { hg: 'true', username: 'anonymous' }],
      ['m1', 'mask', false, 2, { d: 'true', username: 'anonymous' }],
      ['hg', 'polygon', false, 2, { 'gfd lkj lkj hi': 'true', username: 'anonymous' }],
    ]);
    expect(dataset.annotations.shapes[4]!.points).toEqual([13, 19, 23, 30]);

    const sink = new MemorySink();
    const writeContext = createContext();
    await writeLabelMe(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readLabelMe(sink.toTree(), { convMaskToPoly: false }, createContext());
    // Written by CVAT's layout, an upstream (MIT) item lands in its subset folder.
    expect(canonicalShapes(back)).toEqual(canonicalShapes(dataset));
    expect(back.frames.map((item) => [item.subset, item.name, item.width, item.height])).toEqual(dataset.frames.map((item) => [item.subset, item.name, item.width, item.height]));

    // CVAT's default: masks become polygons of the same label, group and attributes.
    const polygons = await readLabelMe(tree, {}, createContext());
    expect(polygons.annotations.shapes.filter((shape) => shape.type === 'polygon').length).toBeGreaterThanOrEqual(6);
    expect(polygons.annotations.shapes.some((shape) => shape.type === 'mask')).toBe(false);
  });
});
