import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { MemorySink } from '@annoconv/io';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';
import { detectKitti } from './detect.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { shapePixels, sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

const sources = ['cvat-datumaro', 'datumaro'];

describe.each(sources.map((source) => path.join(sharedSamplesDir(), source, 'kitti_dataset/kitti_detection')))('KITTI detection sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('imports its five boxes with truncated and occluded, and round-trips them', async () => {
    const tree = treeFromFolder(folder);
    expect((await detectKitti(tree, createContext())).confidence).toBeGreaterThan(0.8);
    const dataset = await readKitti(tree, {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(['Truck', 'Van']);
    expect(dataset.frames.map((frame) => `${frame.subset}/${frame.name}`)).toEqual(['training/000030_10.png', 'training/000030_11.png']);
    const truncatedIn = (source: typeof dataset) => (shape: (typeof dataset.annotations.shapes)[number]) =>
      shape.attributes.find((attribute) => source.labels.some((label) => label.attributes.some((spec) => spec.id === attribute.spec_id && spec.name === 'truncated')))?.value;
    const truncated = truncatedIn(dataset);
    const name = (id: number) => dataset.labels.find((label) => label.id === id)!.name;
    expect(dataset.annotations.shapes.map((shape) => [shape.frame, name(shape.label_id), shape.points, truncated(shape), shape.occluded])).toEqual([
      [0, 'Truck', [0, 1, 2, 3], 'true', false],
      [0, 'Van', [0, 5, 1, 8], 'false', false],
      [1, 'Van', [0, 0, 2, 2], 'true', true],
      [1, 'Van', [4, 4, 6, 6], 'false', false],
      [1, 'Van', [6, 6, 7, 9], 'false', true],
    ].map(([frame, label, points, truncatedValue, occluded]) => [frame, label, points, truncatedValue, occluded]));
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeKitti(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readKitti(sink.toTree(), {}, createContext());
    expect(back.annotations.shapes.map((shape) => [shape.frame, shape.points, shape.occluded, truncatedIn(back)(shape)])).toEqual(dataset.annotations.shapes.map((shape) => [shape.frame, shape.points, shape.occluded, truncated(shape)]));
    expect(back.frames.map((frame) => frame.name)).toEqual(dataset.frames.map((frame) => frame.name));
  });
});

describe.each(sources.map((source) => path.join(sharedSamplesDir(), source, 'kitti_dataset/kitti_segmentation')))('KITTI segmentation sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('imports its six instance masks with the default KITTI classes and round-trips their pixels', async () => {
    const tree = treeFromFolder(folder);
    expect((await detectKitti(tree, createContext())).confidence).toBeGreaterThan(0.5);
    const dataset = await readKitti(tree, { convMaskToPoly: false }, createContext());
    expect(dataset.labels).toHaveLength(35);
    expect(dataset.labels.slice(0, 4).map((label) => label.name)).toEqual(['unlabeled', 'egovehicle', 'rectificationborder', 'outofroi']);
    const name = (id: number) => dataset.labels.find((label) => label.id === id)!.name;
    // 000030_10: 768 (outofroi, instance 0), 6913 and 6914 (truck 1 and 2); 000030_11: 768, 3073 (wall 1), 7937 (train 1).
    expect(dataset.annotations.shapes.map((shape) => [shape.frame, name(shape.label_id)])).toEqual([
      [0, 'outofroi'], [0, 'truck'], [0, 'truck'],
      [1, 'outofroi'], [1, 'wall'], [1, 'train'],
    ]);
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeKitti(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readKitti(sink.toTree(), { convMaskToPoly: false }, createContext());
    expect(shapePixels(back)).toEqual(shapePixels(dataset));
    // CVAT's default turns masks into polygons; these 1–2 pixel masks have none and are reported.
    const readContext = createContext();
    const polygons = await readKitti(tree, {}, readContext);
    expect(polygons.annotations.shapes).toEqual([]);
    expect(readContext.diagnostics.countByCode().get('shape-unsupported')).toBe(6);
  });
});
