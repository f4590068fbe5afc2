// Datumaro's dataset_meta.json in YOLO datasets: it replaces obj.names (YOLO 1.1, read in the names file's folder)
// and data.yaml's names (Ultralytics Detection / Segmentation / OBB / Pose, read beside data.yaml); Ultralytics
// Classification never reads it.
import { describe, expect, it } from 'vitest';
import { createContext, ParseError, type Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { ultralyticsClassificationPlugin, ultralyticsDetectionPlugin, ultralyticsPosePlugin, yoloPlugin } from './index.js';

const META = JSON.stringify({ labels: ['bird', 'dog', 'cat'] });

const darknet = (extra: Record<string, string> = {}, withNames = true) =>
  new MemoryTree({
    'obj.data': 'classes = 2\ntrain = data/train.txt\nnames = data/obj.names\n',
    ...(withNames ? { 'obj.names': 'cat\ndog\n' } : {}),
    'train.txt': 'data/obj_train_data/1.jpg\n',
    'images.meta': '1 10 20\n',
    'obj_train_data/1.txt': '0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.2 0.2\n',
    ...extra,
  });

const ultralytics = (names: string, label: string, extra: Record<string, string> = {}) =>
  new MemoryTree({
    'data.yaml': `names: ${names}\ntrain: train.txt\n`,
    'train.txt': 'images/train/1.jpg\n',
    'images.meta': '1 10 20\n',
    'labels/train/1.txt': label,
    ...extra,
  });

const shapeLabels = (dataset: Dataset) => dataset.annotations.shapes.map((shape) => dataset.labels.find((label) => label.id === shape.label_id)!.name);

describe('YOLO 1.1 with dataset_meta.json', () => {
  it('takes the class names from it instead of obj.names', async () => {
    const context = createContext();
    const dataset = await yoloPlugin.read!(darknet({ 'dataset_meta.json': META }), {}, context);
    expect(dataset.labels.map((label) => label.name)).toEqual(['bird', 'dog', 'cat']);
    expect(shapeLabels(dataset)).toEqual(['bird', 'cat']);
    expect(context.diagnostics.items.some((item) => item.code === 'field-ignored' && item.where?.file === 'obj.names')).toBe(true);
  });

  it('does not need obj.names then, and refuses class 2 without it', async () => {
    const withoutNames = darknet({ 'dataset_meta.json': META }, false);
    expect((await yoloPlugin.read!(withoutNames, {}, createContext())).labels).toHaveLength(3);
    await expect(yoloPlugin.read!(darknet(), {}, createContext())).rejects.toThrow(/class id 2/);
  });
});

describe('Ultralytics YOLO with dataset_meta.json', () => {
  it('names the classes from it; data.yaml only numbers them (a mapping by sorted key)', async () => {
    const tree = ultralytics('{5: five, 7: seven}', '7 0.5 0.5 0.1 0.1\n5 0.5 0.5 0.2 0.2\n', { 'dataset_meta.json': '{"labels": ["second", "first", "extra"]}' });
    const dataset = await ultralyticsDetectionPlugin.read!(tree, {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['second', 'first', 'extra']);
    // Key 5 is class 0, key 7 class 1.
    expect(shapeLabels(dataset)).toEqual(['first', 'second']);
    const unknown = ultralytics('[a, b]', '2 0.5 0.5 0.1 0.1\n', { 'dataset_meta.json': '{"labels": ["x", "y", "z"]}' });
    await expect(ultralyticsDetectionPlugin.read!(unknown, {}, createContext())).rejects.toThrow(/class id 2/);
  });

  it('reads Pose skeletons from label_categories and point_categories', async () => {
    const meta = JSON.stringify({
      labels: ['hand', 'body', 'head', 'tail', 'thumb'],
      label_categories: [['hand', ''], ['body', ''], ['head', 'body'], ['tail', 'body'], ['thumb', 'hand']],
      // Listed out of label order: class 0 is the skeleton with the lowest label index (hand), class 1 body.
      point_categories: [[1, ['head', 'tail'], [[1, 2]]], [0, ['thumb'], []]],
    });
    const tree = new MemoryTree({
      'data.yaml': 'names: [a, b]\nkpt_shape: [2, 3]\ntrain: train.txt\n',
      'train.txt': 'images/train/1.jpg\n',
      'images.meta': '1 10 20\n',
      'labels/train/1.txt': '1 0.5 0.5 0.2 0.2 0.1 0.1 2 0.2 0.2 1\n0 0.5 0.5 0.2 0.2 0.3 0.3 2 0 0 0\n',
      'dataset_meta.json': meta,
    });
    const dataset = await ultralyticsPosePlugin.read!(tree, {}, createContext());
    expect(dataset.labels.map((label) => [label.name, label.type, label.sublabels.map((sublabel) => sublabel.name)])).toEqual([
      ['hand', 'skeleton', ['thumb']],
      ['body', 'skeleton', ['head', 'tail']],
    ]);
    expect(shapeLabels(dataset)).toEqual(['body', 'hand']);
    expect(dataset.annotations.shapes.map((shape) => shape.elements.length)).toEqual([2, 1]);
  });

  it('refuses a Pose meta file without label_categories, as Datumaro does', async () => {
    const tree = new MemoryTree({
      'data.yaml': 'names: [a]\nkpt_shape: [1, 2]\ntrain: train.txt\n',
      'train.txt': 'images/train/1.jpg\n',
      'images.meta': '1 10 20\n',
      'dataset_meta.json': '{"labels": ["a"]}',
    });
    await expect(ultralyticsPosePlugin.read!(tree, {}, createContext())).rejects.toBeInstanceOf(ParseError);
  });

  it('is not read by Classification', async () => {
    const tree = new MemoryTree({ 'train/cat/1.jpg': new Uint8Array([0]), 'dataset_meta.json': META });
    const dataset = await ultralyticsClassificationPlugin.read!(tree, {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['cat']);
  });
});
