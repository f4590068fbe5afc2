// Masks and ellipses reach Ultralytics Segmentation as polygons (CVAT vectorizes them); the polygons read back
// cover the same pixels.
import { cvatMaskToBitmap, bitmapToCvatMask, rasterizeShape } from '@annoconv/geometry';
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset } from '@annoconv/core';
import { ultralyticsSegmentationPlugin } from './index.js';
import { shape } from '@annoconv/testing';
import { writeToMemory } from './test-helpers.js';

const W = 32;
const H = 24;

function ringAndDot(): Uint8Array {
  const bitmap = new Uint8Array(W * H);
  for (let y = 2; y < 12; y++) for (let x = 3; x < 15; x++) bitmap[y * W + x] = 1;
  for (let y = 5; y < 8; y++) for (let x = 6; x < 10; x++) bitmap[y * W + x] = 0; // a hole
  for (let y = 16; y < 20; y++) for (let x = 20; x < 26; x++) bitmap[y * W + x] = 1; // a second blob
  return bitmap;
}

describe('Segmentation conversions', () => {
  it('a mask with a hole and two blobs becomes two polygons covering the same pixels', async () => {
    const mask = ringAndDot();
    const dataset: Dataset = {
      labels: [{ id: 1, name: 'stuff', color: '', type: 'mask', attributes: [], sublabels: [] }],
      frames: [{ index: 0, name: 'm.png', width: W, height: H, subset: '' }],
      meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations: { version: 0, tags: [], tracks: [], shapes: [shape({ id: 7, type: 'mask', label_id: 1, frame: 0, points: bitmapToCvatMask(mask, H, W) })] },
    };
    const { sink, context, tree } = await writeToMemory(ultralyticsSegmentationPlugin, dataset);
    expect(sink.text('labels/train/m.txt')!.trim().split('\n')).toHaveLength(2);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.objectId])).toEqual([['shape-converted', 7]]);
    const back = await ultralyticsSegmentationPlugin.read!(tree, {}, createContext());
    expect(back.annotations.shapes.map((item) => item.type)).toEqual(['polygon', 'polygon']);
    const painted = new Uint8Array(W * H);
    for (const polygon of back.annotations.shapes) {
      const pixels = rasterizeShape({ type: 'polygon', points: polygon.points }, H, W);
      for (let index = 0; index < pixels.length; index++) painted[index] ||= pixels[index]!;
    }
    expect([...painted]).toEqual([...mask]);
    expect([...cvatMaskToBitmap(dataset.annotations.shapes[0]!.points, H, W)]).toEqual([...mask]);
  });

  it('an ellipse is rasterized and vectorized', async () => {
    const dataset: Dataset = {
      labels: [{ id: 1, name: 'ball', color: '', type: 'ellipse', attributes: [], sublabels: [] }],
      frames: [{ index: 0, name: 'e.png', width: W, height: H, subset: '' }],
      meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations: { version: 0, tags: [], tracks: [], shapes: [shape({ type: 'ellipse', label_id: 1, frame: 0, points: [16, 12, 24, 6], rotation: 20 })] },
    };
    const { context, tree } = await writeToMemory(ultralyticsSegmentationPlugin, dataset);
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['shape-converted']);
    const back = await ultralyticsSegmentationPlugin.read!(tree, {}, createContext());
    expect(back.annotations.shapes).toHaveLength(1);
    const ellipse = rasterizeShape({ type: 'ellipse', points: [16, 12, 24, 6], rotation: 20 }, H, W);
    const polygon = rasterizeShape({ type: 'polygon', points: back.annotations.shapes[0]!.points }, H, W);
    let differing = 0;
    let area = 0;
    for (let index = 0; index < ellipse.length; index++) {
      area += ellipse[index]!;
      if (ellipse[index] !== polygon[index]) differing++;
    }
    // Douglas–Peucker simplification (1 px) trims a few border pixels of a curved outline.
    expect(differing / area).toBeLessThan(0.1);
  });
});
