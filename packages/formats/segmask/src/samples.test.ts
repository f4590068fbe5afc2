import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { decodePng, MemorySink } from '@annoconv/io';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { shapePixels, sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

const sampleFolders = ['cvat-datumaro/voc_dataset', 'datumaro/voc_dataset'].flatMap((folder) =>
  ['voc_dataset1', 'voc_dataset2', 'voc_dataset3'].map((name) => path.join(sharedSamplesDir(), folder, name)),
);

describe.each(sampleFolders)('sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('imports its segmentation and round-trips it through class and instance PNGs', async () => {
    const tree = treeFromFolder(folder);
    const readContext = createContext();
    const dataset = await readSegmask(tree, { convMaskToPoly: false }, readContext);
    expect(dataset.frames.length).toBeGreaterThan(0);
    // Boxes and tags of these full VOC datasets are PASCAL VOC's business, and are reported as such.
    if (tree.entries().some((entry) => entry.path.startsWith('Annotations/'))) expect(readContext.diagnostics.countByCode().get('data-unsupported')).toBeGreaterThan(0);
    const sink = new MemorySink();
    await writeSegmask(dataset, sink, {}, createContext());
    const back = await readSegmask(sink.toTree(), { convMaskToPoly: false }, createContext());
    expect(shapePixels(back)).toEqual(shapePixels(dataset));
    for (const [file, bytes] of sink.files) {
      if (!file.startsWith('SegmentationClass/')) continue;
      // Byte-level check: the written instance PNG holds the same instances as the sample's.
      const written = decodePng(sink.files.get(file.replace('SegmentationClass/', 'SegmentationObject/'))!);
      const original = tree.has(file.replace('SegmentationClass/', 'SegmentationObject/')) ? decodePng(await tree.read(file.replace('SegmentationClass/', 'SegmentationObject/'))) : undefined;
      if (original) expect([...written.data]).toEqual([...original.data]);
      expect(decodePng(bytes).colorType).toBe('rgb');
    }
  });
});

const dataset1 = path.join(sharedSamplesDir(), 'cvat-datumaro/voc_dataset/voc_dataset1');
describe('voc_dataset1 as Segmentation mask', () => {
  it.skipIf(!existsSync(dataset1))('reads the one instance of the 20×10 mask, as masks or polygons', async () => {
    const tree = treeFromFolder(dataset1);
    const masks = await readSegmask(tree, { convMaskToPoly: false }, createContext());
    expect(shapePixels(masks)).toEqual({ 'train/2007_000001.jpg:bicycle': Array.from({ length: 200 }, (_, index) => index) });
    const polygons = await readSegmask(tree, {}, createContext());
    expect(polygons.annotations.shapes.map((shape) => [shape.type, shape.points])).toEqual([['polygon', expect.any(Array)]]);
    expect(shapePixels(polygons)).toEqual(shapePixels(masks));
  });
});
