// Datumaro's dataset_meta.json in MOT and MOTS datasets: the label list before gt/labels.txt (MOT, read in the
// sequence folder) or instances/labels.txt (MOTS, read in each subset folder).
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset } from '@annoconv/core';
import { encodePng, MemoryTree } from '@annoconv/io';
import { readMot } from './read-mot.js';
import { readMots } from './read-mots.js';

const shapeLabels = (dataset: Dataset) =>
  [...dataset.annotations.shapes, ...dataset.annotations.tracks].map((item) => dataset.labels.find((label) => label.id === item.label_id)!.name).sort();

const GT = '1,-1,1,2,3,4,1,2,1\n1,-1,5,6,3,4,1,3,1\n';

describe('MOT with dataset_meta.json', () => {
  it('numbers classes by its label list, gt/labels.txt left unread', async () => {
    const context = createContext();
    const tree = new MemoryTree({ 'seq/gt/gt.txt': GT, 'seq/gt/labels.txt': 'a\nb\nc\n', 'seq/dataset_meta.json': '{"labels": ["car", "person", "bike"]}' });
    const dataset = await readMot(tree, {}, context);
    expect(dataset.labels.map((label) => label.name)).toEqual(['car', 'person', 'bike']);
    expect(shapeLabels(dataset)).toEqual(['bike', 'person']);
    expect(context.diagnostics.items.some((item) => item.code === 'field-ignored' && item.where?.file === 'seq/gt/labels.txt')).toBe(true);
  });

  it('without it, gt/labels.txt; a class past its labels is an error', async () => {
    const dataset = await readMot(new MemoryTree({ 'gt/gt.txt': GT, 'gt/labels.txt': 'a\nb\nc\n' }), {}, createContext());
    expect(shapeLabels(dataset)).toEqual(['b', 'c']);
    const short = new MemoryTree({ 'gt/gt.txt': GT, 'dataset_meta.json': '{"labels": ["car", "person"]}' });
    await expect(readMot(short, {}, createContext())).rejects.toThrow(/class 3 is not in the label list \(2 labels in dataset_meta\.json\)/);
  });
});

describe('MOTS with dataset_meta.json', () => {
  // 2×1: class 2 instance 1, class 1 instance 2.
  const png = encodePng({ width: 2, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.from([2001, 1002]) });

  it('takes the labels from the subset folder’s file', async () => {
    const tree = new MemoryTree({ 'train/instances/a.png': png, 'train/instances/labels.txt': 'x\ny\n', 'train/dataset_meta.json': '{"labels": ["pedestrian", "car"]}' });
    const dataset = await readMots(tree, { convMaskToPoly: false }, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['pedestrian', 'car']);
    expect(shapeLabels(dataset)).toEqual(['car', 'pedestrian']);
  });

  it('does not read one in the dataset root for a subset folder', async () => {
    const tree = new MemoryTree({ 'train/instances/a.png': png, 'train/instances/labels.txt': 'x\ny\n', 'dataset_meta.json': '{"labels": ["pedestrian", "car"]}' });
    const dataset = await readMots(tree, { convMaskToPoly: false }, createContext());
    expect(shapeLabels(dataset)).toEqual(['x', 'y']);
  });
});
