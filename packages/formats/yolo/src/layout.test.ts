// Layout details: subset naming, list prefixes, Roboflow folders, CRLF and backslashes, names mappings, images.
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { ultralyticsDetectionPlugin, ultralyticsPosePlugin, yoloPlugin } from './index.js';
import { shape } from '@annoconv/testing';
import { writeToMemory } from './test-helpers.js';

function dataset(subsets: string[]): Dataset {
  return {
    labels: [{ id: 1, name: 'cat', color: '', type: 'any', attributes: [], sublabels: [] }],
    frames: subsets.map((subset, index) => ({ index, name: `f${index}.jpg`, width: 10, height: 10, subset, image: { path: `f${index}.jpg`, read: async () => new Uint8Array([index]) } })),
    meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], tracks: [], shapes: [shape({ type: 'rectangle', label_id: 1, frame: 0, points: [0, 0, 5, 5] })] },
  };
}

describe('layout', () => {
  it('writes the empty, default and Train subsets as one train subset, and copies images', async () => {
    const { sink } = await writeToMemory(ultralyticsDetectionPlugin, dataset(['', 'default', 'Train', 'val']), { saveImages: true });
    expect(sink.text('train.txt')).toBe('data/images/train/f0.jpg\ndata/images/train/f1.jpg\ndata/images/train/f2.jpg\n');
    expect(sink.text('val.txt')).toBe('data/images/val/f3.jpg\n');
    expect([...sink.files.get('images/val/f3.jpg')!]).toEqual([3]);
    expect(sink.text('labels/val/f3.txt')).toBe('');
  });

  it('refuses subsets named like config keys, as CVAT does', async () => {
    await expect(writeToMemory(yoloPlugin, dataset(['names']))).rejects.toThrow(/reserved key/);
    await expect(writeToMemory(ultralyticsDetectionPlugin, dataset(['kpt_shape']))).rejects.toThrow(/reserved key/);
  });

  it('pathPrefix: false writes list lines relative to the dataset root, and they read back', async () => {
    const { sink, tree } = await writeToMemory(yoloPlugin, dataset(['']), { pathPrefix: false });
    expect(sink.text('obj.data')).toBe('classes = 1\ntrain = train.txt\nnames = obj.names\nbackup = backup/\n');
    expect(sink.text('train.txt')).toBe('obj_train_data/f0.jpg\n');
    const back = await yoloPlugin.read!(tree, {}, createContext());
    expect(back.annotations.shapes.map((item) => item.points)).toEqual([[0, 0, 5, 5]]);
  });

  it("reads Roboflow's <subset>/images layout with ../ paths and extra keys", async () => {
    const context = createContext();
    const tree = new MemoryTree({
      'data.yaml': "train: ../train/images\nval: ../valid/images\nnc: 1\nnames: ['cat']\nroboflow:\n  workspace: w\n  version: 3\n",
      'train/images/a.jpg': 'x',
      'train/labels/a.txt': '0 0.5 0.5 0.5 0.5\n',
      'valid/images/b.jpg': 'x',
      'images.meta': 'a 10 20\nb 10 20\n',
    });
    const read = await ultralyticsDetectionPlugin.read!(tree, {}, context);
    expect(read.frames.map((frame) => [frame.subset, frame.name, frame.width, frame.height])).toEqual([
      ['train', 'a.jpg', 20, 10],
      ['val', 'b.jpg', 20, 10],
    ]);
    expect(read.annotations.shapes.map((item) => item.points)).toEqual([[5, 2.5, 15, 7.5]]);
    expect(context.diagnostics.items).toEqual([]);
  });

  it('reads CRLF lists, backslashes and a names mapping with gaps', async () => {
    const darknet = new MemoryTree({
      'obj.data': 'classes = 1\r\ntrain = data\\train.txt\r\nnames = data/obj.names\r\n',
      'obj.names': 'cat\r\n',
      'train.txt': 'data\\obj_train_data\\a\\b.jpg\r\n',
      'obj_train_data/a/b.txt': '0 0.5 0.5 1 1\r\n',
      'images.meta': 'a/b 4 8\n',
    });
    const read = await yoloPlugin.read!(darknet, {}, createContext());
    expect(read.frames.map((frame) => [frame.name, frame.subset])).toEqual([['a/b.jpg', 'train']]);
    expect(read.annotations.shapes[0]!.points).toEqual([0, 0, 8, 4]);

    const mapping = new MemoryTree({ 'data.yaml': 'names: {5: b, 0: a}\ntrain: [images/train/x.png]\n', 'images.meta': 'x 10 10\n', 'labels/train/x.txt': '5 0.5 0.5 0.2 0.2\n' });
    const mapped = await ultralyticsDetectionPlugin.read!(mapping, {}, createContext());
    expect(mapped.labels.map((label) => label.name)).toEqual(['a', 'b']);
    expect(mapped.annotations.shapes[0]!.label_id).toBe(mapped.labels[1]!.id);
  });

  it('Pose with kpt_shape [K, 2] and flip_idx', async () => {
    const context = createContext();
    const tree = new MemoryTree({
      'data.yaml': 'names: [hand]\nkpt_shape: [2, 2]\nflip_idx: [1, 0]\ntrain: train.txt\n',
      'train.txt': 'images/train/h.jpg\n',
      'images.meta': 'h 100 100\n',
      'labels/train/h.txt': '0 0.5 0.5 0.2 0.2 0.4 0.4 0.6 0.6\n',
    });
    const read = await ultralyticsPosePlugin.read!(tree, {}, context);
    expect(read.labels[0]!.sublabels.map((sublabel) => sublabel.name)).toEqual(['hand_point_0', 'hand_point_1']);
    expect(read.annotations.shapes[0]!.elements.map((item) => [item.points, item.outside])).toEqual([[[40, 40], false], [[60, 60], false]]);
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['field-ignored']);
  });

  it('renames a second item with the same id in one subset, as CVAT does', async () => {
    const data = dataset(['', '']);
    data.frames[1]!.name = 'f0.png';
    data.annotations.shapes.push(shape({ type: 'rectangle', label_id: 1, frame: 1, points: [5, 5, 10, 10] }));
    const { sink, context, tree } = await writeToMemory(ultralyticsDetectionPlugin, data);
    expect(sink.text('train.txt')).toBe('data/images/train/f0.jpg\ndata/images/train/f0_1.png\n');
    expect(sink.text('labels/train/f0_1.txt')).toBe('0 0.750000 0.750000 0.500000 0.500000\n');
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['duplicate']);
    const back = await ultralyticsDetectionPlugin.read!(tree, {}, createContext());
    expect(back.frames.map((frame) => frame.name)).toEqual(['f0.jpg', 'f0_1.png']);
  });

  it('an image listed twice is read once, with a diagnostic', async () => {
    const context = createContext();
    const tree = new MemoryTree({
      'obj.data': 'train = train.txt\nnames = obj.names\n',
      'obj.names': 'cat\n',
      'train.txt': 'obj_train_data/a.jpg\nobj_train_data/a.jpg\n',
      'obj_train_data/a.txt': '0 0.5 0.5 1 1\n',
      'images.meta': 'a 4 8\n',
    });
    const read = await yoloPlugin.read!(tree, {}, context);
    expect(read.frames).toHaveLength(1);
    expect(read.annotations.shapes).toHaveLength(1);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.line])).toEqual([['duplicate', 2]]);
  });

  it('quotes class names a YAML 1.1 reader would not read back as strings', async () => {
    const data = dataset(['']);
    data.labels = ['yes', 'on', 'null', '1.0', 'a: b', 'plain name'].map((name, index) => ({ id: index + 1, name, color: '', type: 'any', attributes: [], sublabels: [] }));
    const { sink, tree } = await writeToMemory(ultralyticsDetectionPlugin, data);
    expect(sink.text('data.yaml')).toBe('names:\n  0: "yes"\n  1: "on"\n  2: "null"\n  3: "1.0"\n  4: "a: b"\n  5: plain name\npath: .\ntrain: train.txt\n');
    const back = await ultralyticsDetectionPlugin.read!(tree, {}, createContext());
    expect(back.labels.map((label) => label.name)).toEqual(data.labels.map((label) => label.name));
  });

  it('Pose pads shorter skeletons to kpt_shape[0] with the literal 0.0 0.0 0, as Datumaro does', async () => {
    const data = dataset(['']);
    data.labels = [
      { id: 1, name: 'one', color: '', type: 'skeleton', attributes: [], sublabels: [{ id: 2, name: 'a', color: '', type: 'points', attributes: [], parent_id: 1 }] },
      { id: 3, name: 'two', color: '', type: 'skeleton', attributes: [], sublabels: [{ id: 4, name: 'a', color: '', type: 'points', attributes: [], parent_id: 3 }, { id: 5, name: 'b', color: '', type: 'points', attributes: [], parent_id: 3 }] },
    ];
    const point = (label_id: number, points: number[]) => {
      const { elements, ...rest } = shape({ type: 'points', label_id, frame: 0, points });
      void elements;
      return rest;
    };
    data.annotations.shapes = [shape({ type: 'skeleton', label_id: 1, frame: 0, elements: [point(2, [5, 5])] })];
    const { sink } = await writeToMemory(ultralyticsPosePlugin, data);
    expect(sink.text('data.yaml')).toContain('kpt_shape:\n- 2\n- 3\n');
    expect(sink.text('labels/train/f0.txt')).toBe('0 0.500000 0.500000 0.000000 0.000000 0.500000 0.500000 2 0.0 0.0 0\n');
  });
});
