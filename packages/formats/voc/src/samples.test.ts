import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { cvatMaskToBitmap, rasterizeShape } from '@annoconv/geometry';
import { MemorySink } from '@annoconv/io';
import type { Dataset } from '@annoconv/core';
import { detectVoc } from './detect.js';
import { readVoc } from './read.js';
import { writeVoc } from './write.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';
import { canonicalShapes, canonicalTags } from './test-helpers.js';

const sampleFolders = ['cvat-datumaro/voc_dataset', 'datumaro/voc_dataset'].flatMap((folder) =>
  ['voc_dataset1', 'voc_dataset2', 'voc_dataset3'].map((name) => path.join(sharedSamplesDir(), folder, name)),
);

/** Every mask of a dataset as a full-image bitmap per frame and label, so masks compare pixel by pixel. */
function maskPixels(dataset: Dataset): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  const names = new Map(dataset.labels.map((label) => [label.id, label.name]));
  for (const shape of dataset.annotations.shapes) {
    if (shape.type !== 'mask' && shape.type !== 'polygon') continue;
    const frame = dataset.frames[shape.frame]!;
    const bitmap = shape.type === 'mask' ? cvatMaskToBitmap(shape.points, frame.height!, frame.width!) : rasterizeShape(shape, frame.height!, frame.width!);
    const key = `${frame.subset}/${frame.name}:${names.get(shape.label_id)}`;
    const pixels = result[key] ?? (result[key] = []);
    bitmap.forEach((value, index) => {
      if (value) pixels.push(index);
    });
  }
  for (const key of Object.keys(result)) result[key]!.sort((a, b) => a - b);
  return result;
}

describe.each(sampleFolders)('sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('is detected, imports and round-trips', async () => {
    const tree = treeFromFolder(folder);
    const detected = await detectVoc(tree, createContext());
    expect(detected.confidence).toBeGreaterThanOrEqual(0.9);
    for (const convMaskToPoly of [false, true]) {
      const readContext = createContext();
      const dataset = await readVoc(tree, { convMaskToPoly }, readContext);
      expect(dataset.frames.length).toBeGreaterThan(0);
      const sink = new MemorySink();
      const writeContext = createContext();
      await writeVoc(dataset, sink, {}, writeContext);
      const back = await readVoc(sink.toTree(), { convMaskToPoly }, createContext());
      expect(back.frames.map((frame) => [frame.name, frame.subset])).toEqual(dataset.frames.map((frame) => [frame.name, frame.subset]));
      expect(canonicalShapes(back, back.annotations.shapes.filter((shape) => shape.type === 'rectangle'))).toEqual(
        canonicalShapes(dataset, dataset.annotations.shapes.filter((shape) => shape.type === 'rectangle')),
      );
      expect(canonicalTags(back)).toEqual(canonicalTags(dataset));
      if (convMaskToPoly) {
        // CVAT's VOC export has no place for polygons: each one is reported, and none comes back.
        const polygons = dataset.annotations.shapes.filter((shape) => shape.type === 'polygon').length;
        expect(writeContext.diagnostics.items.filter((item) => item.code === 'shape-unsupported')).toHaveLength(polygons);
        expect(back.annotations.shapes.filter((shape) => shape.type === 'polygon')).toEqual([]);
      } else {
        expect(maskPixels(back)).toEqual(maskPixels(dataset));
      }
    }
  });
});

const dataset1 = path.join(sharedSamplesDir(), 'cvat-datumaro/voc_dataset/voc_dataset1');
describe('voc_dataset1 content', () => {
  it.skipIf(!existsSync(dataset1))('has the boxes, part, actions, tags and masks Datumaro reads', async () => {
    const readContext = createContext();
    const dataset = await readVoc(treeFromFolder(dataset1), { convMaskToPoly: false }, readContext);
    expect(dataset.frames.map((frame) => [frame.name, frame.subset, frame.width, frame.height])).toEqual([
      ['2007_000002.jpg', 'test', 20, 10],
      ['2007_000001.jpg', 'train', 20, 10],
    ]);
    // The default VOC map: 21 classes + ignored, and person's parts as labels.
    expect(dataset.labels.slice(0, 3).map((label) => label.name)).toEqual(['background', 'aeroplane', 'bicycle']);
    expect(dataset.labels.map((label) => label.name)).toEqual(expect.arrayContaining(['ignored', 'head', 'hand', 'foot']));
    const boxes = canonicalShapes(dataset, dataset.annotations.shapes.filter((shape) => shape.type === 'rectangle'));
    expect(boxes.map(({ label, points, attributes }) => ({ label, points, attributes: Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== 'false' && value !== '')) }))).toEqual([
      { label: 'cat', points: [1, 2, 3, 4], attributes: { truncated: 'true', pose: 'Unspecified' } },
      { label: 'head', points: [5.5, 6, 7.5, 8], attributes: {} },
      { label: 'person', points: [4, 5, 6, 7], attributes: { other: 'true', phoning: 'true', reading: 'true', ridinghorse: 'true', takingphoto: 'true', walking: 'true' } },
    ]);
    // The person and its head part share a group.
    const person = dataset.annotations.shapes.find((shape) => dataset.labels.find((label) => label.id === shape.label_id)?.name === 'person')!;
    const head = dataset.annotations.shapes.find((shape) => dataset.labels.find((label) => label.id === shape.label_id)?.name === 'head')!;
    expect(person.group).not.toBe(0);
    expect(head.group).toBe(person.group);
    expect(canonicalTags(dataset)).toEqual(
      ['aeroplane', 'bird', 'bottle', 'car', 'chair', 'diningtable', 'horse', 'ignored', 'person', 'sheep', 'train'].map((name) => `train/2007_000001.jpg:${name}`),
    );
    const masks = dataset.annotations.shapes.filter((shape) => shape.type === 'mask');
    expect(masks.length).toBeGreaterThan(0);
    expect(masks.every((mask) => mask.frame === 1)).toBe(true);
  });
});

describe.each([
  ['voc_dataset2', 5, ['trainval'], 4, 0],
  ['voc_dataset3', 1, ['train'], 1, 0],
  ['voc_dataset1', 2, ['test', 'train'], 3, 11],
])('%s counts', (name, items, subsets, boxes, tags) => {
  const folder = path.join(sharedSamplesDir(), 'datumaro/voc_dataset', name);
  it.skipIf(!existsSync(folder))(`has ${items} items, ${boxes} boxes and ${tags} tags as Datumaro reads it`, async () => {
    const dataset = await readVoc(treeFromFolder(folder), {}, createContext());
    expect(dataset.frames).toHaveLength(items);
    expect([...new Set(dataset.frames.map((frame) => frame.subset))].sort()).toEqual(subsets);
    expect(dataset.annotations.shapes.filter((shape) => shape.type === 'rectangle')).toHaveLength(boxes);
    expect(dataset.annotations.tags).toHaveLength(tags);
  });
});
