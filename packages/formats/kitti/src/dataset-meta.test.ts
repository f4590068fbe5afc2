// Datumaro's dataset_meta.json in a KITTI dataset: read from the folder holding the subset folders, it gives the
// class list of instance PNGs (instead of label_colors.txt or the KITTI map) and the first labels of detection.
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset } from '@annoconv/core';
import { encodePng, MemoryTree } from '@annoconv/io';
import { readKitti } from './read.js';

// 2×1 instance mask: class 1 instance 1, class 2 instance 0.
const INSTANCE = encodePng({ width: 2, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.from([1 * 256 + 1, 2 * 256]) });
const LINE = (type: string) => `${type} 0.0 0 -1 1 2 5 6 -1 -1 -1 -1 -1 -1 -1 1.0\n`;

const shapeLabels = (dataset: Dataset) => dataset.annotations.shapes.map((shape) => dataset.labels.find((label) => label.id === shape.label_id)!.name);

describe('KITTI with dataset_meta.json', () => {
  it('classes instance pixels with its label list, label_colors.txt left unread', async () => {
    const tree = new MemoryTree({
      'training/instance/a.png': INSTANCE,
      'label_colors.txt': '0 0 0 background\n1 1 1 road\n2 2 2 car\n',
      'dataset_meta.json': JSON.stringify({ label_map: { '0': 'background', '1': 'tree', '2': 'truck' }, segmentation_colors: [[0, 0, 0], [0, 200, 0], [9, 9, 9]] }),
    });
    const context = createContext();
    const dataset = await readKitti(tree, { convMaskToPoly: false }, context);
    expect(dataset.labels.map((label) => [label.name, label.color])).toEqual([
      ['tree', '#00c800'],
      ['truck', '#090909'],
    ]);
    expect(shapeLabels(dataset)).toEqual(['tree', 'truck']);
    expect(context.diagnostics.items.some((item) => item.code === 'field-ignored' && item.where?.file === 'label_colors.txt')).toBe(true);
  });

  it('without it, the default KITTI map classes the same pixels', async () => {
    const dataset = await readKitti(new MemoryTree({ 'training/instance/a.png': INSTANCE }), { convMaskToPoly: false }, createContext());
    expect(shapeLabels(dataset)).toEqual(['egovehicle', 'rectificationborder']);
  });

  it('a class index past its labels is an error naming the file', async () => {
    const tree = new MemoryTree({ 'training/instance/a.png': INSTANCE, 'dataset_meta.json': '{"labels": ["background", "tree"]}' });
    await expect(readKitti(tree, {}, createContext())).rejects.toThrow(/class 2 is not in the label list \(2 classes in dataset_meta\.json\)/);
  });

  it('orders detection labels: its labels first, then new names as met', async () => {
    const tree = new MemoryTree({
      'data/training/label_2/a.txt': LINE('Van') + LINE('Car'),
      'data/dataset_meta.json': '{"labels": ["Pedestrian", "Car"]}',
    });
    const dataset = await readKitti(tree, {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['Pedestrian', 'Car', 'Van']);
    expect(shapeLabels(dataset)).toEqual(['Van', 'Car']);
  });

  it('is not looked for inside the subset folder', async () => {
    const tree = new MemoryTree({ 'training/label_2/a.txt': LINE('Car'), 'training/dataset_meta.json': '{"labels": ["Pedestrian"]}' });
    expect((await readKitti(tree, {}, createContext())).labels.map((label) => label.name)).toEqual(['Car']);
  });
});
