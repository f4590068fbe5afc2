// dataset_meta.json in a COCO dataset: read only beside `annotations/`, where it replaces the categories.
import { describe, expect, it } from 'vitest';
import { createContext, ParseError } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { datasetWith, shape } from '@annoconv/testing';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';

const annotations = (categoryId: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    categories: [{ id: 1, name: 'dog' }],
    images: [{ id: 1, width: 10, height: 10, file_name: 'a.jpg' }],
    annotations: [{ id: 1, image_id: 1, category_id: categoryId, bbox: [0, 0, 2, 2], area: 4, iscrowd: 0, segmentation: [], ...extra }],
  });

describe('COCO with dataset_meta.json', () => {
  it('refuses a category_id past the labels of the file, as Datumaro does', async () => {
    const tree = new MemoryTree({ 'data/annotations/instances_default.json': annotations(2), 'data/dataset_meta.json': '{"labels": ["cat"]}' });
    await expect(cocoPlugin.read!(tree, {}, createContext())).rejects.toThrow(ParseError);
    await expect(cocoPlugin.read!(tree, {}, createContext())).rejects.toThrow(/category_id 2 names no category/);
  });

  it('is read beside annotations/ only, not inside it', async () => {
    const files = { 'data/annotations/instances_default.json': annotations(1), 'data/annotations/dataset_meta.json': '{"labels": ["cat"]}' };
    const dataset = await cocoPlugin.read!(new MemoryTree(files), {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['dog']);
  });

  it('gives keypoints labels from the file, their points named <label>_<n> as without categories', async () => {
    const tree = new MemoryTree({
      'annotations/person_keypoints_default.json': annotations(1, { keypoints: [1, 1, 2, 3, 3, 2], num_keypoints: 2 }),
      'dataset_meta.json': '{"labels": ["person"]}',
    });
    const dataset = await cocoKeypointsPlugin.read!(tree, {}, createContext());
    expect(dataset.labels.map((label) => [label.name, label.sublabels.map((sublabel) => sublabel.name)])).toEqual([['person', ['person_1', 'person_2']]]);
  });

  it('refuses a malformed file with its JSON path', async () => {
    const tree = new MemoryTree({ 'annotations/instances_default.json': annotations(1), 'dataset_meta.json': '{"labels": [1]}' });
    await expect(cocoPlugin.read!(tree, {}, createContext())).rejects.toMatchObject({ where: { file: 'dataset_meta.json', jsonPath: '$.labels[0]' } });
  });
});

describe('COCO export with saveDatasetMeta', () => {
  it("writes Datumaro's file beside annotations/, which reads back to the same labels", async () => {
    const source = datasetWith([{ name: 'cat' }, { name: 'dog' }], [{ name: 'a.jpg', width: 10, height: 10 }]);
    source.annotations.shapes.push(shape({ type: 'rectangle', label_id: 2, frame: 0, points: [0, 0, 2, 2] }));
    const sink = new MemorySink();
    await cocoPlugin.write!(source, sink, { saveDatasetMeta: true }, createContext());
    expect(sink.text('dataset_meta.json')).toBe('{\n  "labels": [\n    "cat",\n    "dog"\n  ],\n  "label_categories": [\n    [\n      "cat",\n      ""\n    ],\n    [\n      "dog",\n      ""\n    ]\n  ]\n}');
    const context = createContext();
    const back = await cocoPlugin.read!(sink.toTree(), {}, context);
    expect(back.labels.map((label) => label.name)).toEqual(['cat', 'dog']);
    expect(back.annotations.shapes.map((item) => back.labels.find((label) => label.id === item.label_id)!.name)).toEqual(['dog']);
    expect(context.diagnostics.items.some((item) => item.code === 'field-ignored' && item.where?.jsonPath === 'categories')).toBe(true);
    const plain = new MemorySink();
    await cocoPlugin.write!(source, plain, {}, createContext());
    expect(plain.files.has('dataset_meta.json')).toBe(false);
  });
});
