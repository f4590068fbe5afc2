// Bad input gets a typed error naming the file and line; doubtful but readable input gets a diagnostic.
import { describe, expect, it } from 'vitest';
import { AnnoconvError, createContext, type Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { ultralyticsDetectionPlugin, ultralyticsPosePlugin, ultralyticsSegmentationPlugin, yoloPlugin } from './index.js';
import { shape } from '@annoconv/testing';

const darknet = (label: string, extra: Record<string, string> = {}) =>
  new MemoryTree({
    'obj.data': 'classes = 2\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n',
    'obj.names': 'cat\ndog\n',
    'train.txt': 'data/obj_train_data/1.jpg\n',
    'images.meta': '1 10 20\n',
    'obj_train_data/1.txt': label,
    ...extra,
  });

const ultralytics = (label: string, extra: Record<string, string> = {}) =>
  new MemoryTree({
    'data.yaml': 'names: [cat, dog]\ntrain: train.txt\n',
    'train.txt': 'images/train/1.jpg\n',
    'images.meta': '1 10 20\n',
    'labels/train/1.txt': label,
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<AnnoconvError> {
  try {
    await promise;
  } catch (error) {
    if (AnnoconvError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a typed error');
}

describe('bad YOLO input', () => {
  it('a line with four fields names file and line', async () => {
    const error = await failure(yoloPlugin.read!(darknet('0 0.5 0.5 0.1 0.1\n\n1 0.5 0.5 0.2\n'), {}, createContext()));
    expect(error.code).toBe('parse');
    expect(error.where).toEqual({ file: 'obj_train_data/1.txt', line: 3 });
    expect(error.message).toContain('found 4');
  });

  it('a class id past the names', async () => {
    const error = await failure(ultralyticsDetectionPlugin.read!(ultralytics('2 0.5 0.5 0.1 0.1\n'), {}, createContext()));
    expect(error.where).toEqual({ file: 'labels/train/1.txt', line: 1 });
    expect(error.message).toMatch(/class id 2 is not in the class names/);
  });

  it('NaN and other non-numbers', async () => {
    for (const bad of ['0 nan 0.5 0.1 0.1', '0 0.5 NaN 0.1 0.1', '0 0.5 0.5 inf 0.1', '0 0.5 0.5 0.1 0x10', 'a 0.5 0.5 0.1 0.1']) {
      const error = await failure(yoloPlugin.read!(darknet(`${bad}\n`), {}, createContext()));
      expect(error.where).toEqual({ file: 'obj_train_data/1.txt', line: 1 });
    }
  });

  it('a label file with no image, in every layout', async () => {
    const strict = await failure(yoloPlugin.read!(darknet('', { 'obj_train_data/2.txt': '0 0.5 0.5 0.1 0.1\n' }), {}, createContext()));
    expect(strict.where?.file).toBe('obj_train_data/2.txt');
    expect(strict.message).toContain('label file has no image');
    const loose = await failure(yoloPlugin.read!(new MemoryTree({ 'obj.names': 'cat\n', 'labels/train/5.txt': '0 0.5 0.5 0.1 0.1\n' }), {}, createContext()));
    expect(loose.where).toEqual({ file: 'labels/train/5.txt', line: 1 });
    const modern = await failure(ultralyticsDetectionPlugin.read!(ultralytics('', { 'labels/train/9.txt': '0 0.5 0.5 0.1 0.1\n' }), {}, createContext()));
    expect(modern.where).toEqual({ file: 'labels/train/9.txt', line: 1 });
  });

  it('a listed image without its label file (YOLO 1.1 requires one, as CVAT does)', async () => {
    const withNames = new MemoryTree({ 'obj.data': 'train = train.txt\nnames = obj.names\n', 'obj.names': 'cat\n', 'train.txt': '\nobj_train_data/1.jpg\n' });
    const error = await failure(yoloPlugin.read!(withNames, {}, createContext()));
    expect(error.where).toEqual({ file: 'train.txt', line: 2 });
  });

  it('a label file with objects but no image size', async () => {
    const tree = new MemoryTree({ 'data.yaml': 'names: [cat]\ntrain: train.txt\n', 'train.txt': 'images/train/1.jpg\n', 'labels/train/1.txt': '0 0.5 0.5 0.1 0.1\n' });
    const error = await failure(ultralyticsDetectionPlugin.read!(tree, {}, createContext()));
    expect(error.where).toEqual({ file: 'labels/train/1.txt', line: 1 });
    expect(error.message).toContain('size');
  });

  it('wrong field counts per flavour', async () => {
    const segmentation = await failure(ultralyticsSegmentationPlugin.read!(ultralytics('0 0.1 0.1 0.2 0.2\n'), {}, createContext()));
    expect(segmentation.message).toContain('at least 7');
    const pose = new MemoryTree({ 'data.yaml': 'names: [person]\nkpt_shape: [2, 3]\ntrain: train.txt\n', 'train.txt': 'images/train/1.jpg\n', 'images.meta': '1 10 20\n', 'labels/train/1.txt': '0 0.5 0.5 0.2 0.2 0.1 0.1 2\n' });
    const error = await failure(ultralyticsPosePlugin.read!(pose, {}, createContext()));
    expect(error.where).toEqual({ file: 'labels/train/1.txt', line: 1 });
    expect(error.message).toContain('expected 11 fields');
  });

  it('a data.yaml that is not YAML, or has no names', async () => {
    const broken = await failure(ultralyticsDetectionPlugin.read!(new MemoryTree({ 'data.yaml': 'names: [cat\ntrain: [\n' }), {}, createContext()));
    expect(broken.where?.file).toBe('data.yaml');
    const noNames = await failure(ultralyticsDetectionPlugin.read!(new MemoryTree({ 'data.yaml': 'train: train.txt\n' }), {}, createContext()));
    expect(noNames.code).toBe('schema');
  });

  it('unknown data.yaml keys (nc, download, roboflow, an empty test) are ignored with a diagnostic', async () => {
    const context = createContext();
    const tree = ultralytics('1 0.5 0.5 0.1 0.1\n', {
      'data.yaml': 'nc: 2\ndownload: https://example.com/x.zip\nroboflow:\n  workspace: w\ntest:\nnames: [cat, dog]\ntrain: train.txt\nval: ../valid/images\n',
    });
    const dataset = await ultralyticsDetectionPlugin.read!(tree, {}, context);
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(context.diagnostics.items.filter((item) => item.code === 'field-ignored').map((item) => item.message)).toEqual([
      "data.yaml key 'test' ignored: no value",
      "data.yaml key 'val' ignored: '../valid/images' names no list file and no image folder in the dataset",
    ]);
  });

  it('exporting a frame with objects and no size is a schema error naming the frame', async () => {
    const dataset: Dataset = {
      labels: [{ id: 1, name: 'cat', color: '', type: 'any', attributes: [], sublabels: [] }],
      frames: [{ index: 0, name: 'a.jpg', subset: '' }],
      meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations: { version: 0, tags: [], tracks: [], shapes: [shape({ type: 'rectangle', label_id: 1, frame: 0, points: [0, 0, 1, 1] })] },
    };
    const { MemorySink } = await import('@annoconv/io');
    const error = await failure(yoloPlugin.write!(dataset, new MemorySink(), {}, createContext()));
    expect(error.code).toBe('schema');
    expect(error.message).toContain("image 'a.jpg' has no known size");
  });

  it('a Pose dataset read as Detection says which flavour it is', async () => {
    const tree = new MemoryTree({ 'data.yaml': 'names: [person]\nkpt_shape: [1, 3]\ntrain: train.txt\n', 'train.txt': '' });
    const error = await failure(ultralyticsDetectionPlugin.read!(tree, {}, createContext()));
    expect(error.where).toEqual({ file: 'data.yaml' });
    expect(error.message).toContain('ultralytics-pose');
  });
});
