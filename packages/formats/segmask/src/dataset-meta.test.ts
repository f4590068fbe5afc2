// Datumaro's dataset_meta.json in a Segmentation mask dataset: CVAT imports masks with Datumaro's `voc` importer,
// so the file replaces labelmap.txt — label order, added labels and the colours that classify mask pixels.
import { describe, expect, it } from 'vitest';
import { bitmapToCvatMask, cvatMaskToBitmap } from '@annoconv/geometry';
import { encodePng, MemorySink, MemoryTree, vocPaletteColor } from '@annoconv/io';
import { datasetWith, shape } from '@annoconv/testing';
import { createContext } from '@annoconv/core';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';

/** A 3×1 RGB image of the given pixel colours. */
function rgbPng(...pixels: number[][]): Uint8Array {
  return encodePng({ width: pixels.length, height: 1, channels: 3, data: Uint8Array.from(pixels.flat()) });
}

function tree(files: Record<string, string | Uint8Array>): MemoryTree {
  return new MemoryTree({
    'ImageSets/Segmentation/default.txt': 'a\n',
    // Pixel 0 background, pixel 1 colour 1,2,3, pixel 2 colour 4,5,6; instances 1 and 2 in the VOC palette.
    'SegmentationClass/a.png': rgbPng([0, 0, 0], [1, 2, 3], [4, 5, 6]),
    'SegmentationObject/a.png': rgbPng([0, 0, 0], vocPaletteColor(1), vocPaletteColor(2)),
    'labelmap.txt': 'background:0,0,0::\nroad:1,2,3::\ncar:4,5,6::\n',
    ...files,
  });
}

describe('Segmentation mask with dataset_meta.json', () => {
  it('remaps mask colours and label order from the file, labelmap.txt left unread', async () => {
    // The meta file swaps the two colours, lists `car` first and adds `sky` (common Datumaro layout, keys by index).
    const meta = JSON.stringify({
      labels: ['car', 'background', 'road', 'sky'],
      label_map: { '0': 'car', '1': 'background', '2': 'road', '3': 'sky' },
      segmentation_colors: [[1, 2, 3], [0, 0, 0], [4, 5, 6], [7, 8, 9]],
    });
    const context = createContext();
    const result = await readSegmask(tree({ 'dataset_meta.json': meta }), { convMaskToPoly: false }, context);
    expect(result.labels.map((label) => [label.name, label.color])).toEqual([
      ['car', '#010203'],
      ['background', '#000000'],
      ['road', '#040506'],
      ['sky', '#070809'],
    ]);
    const byLabel = Object.fromEntries(
      result.annotations.shapes.map((shape) => [result.labels.find((label) => label.id === shape.label_id)!.name, [...cvatMaskToBitmap(shape.points, 1, 3)]]),
    );
    expect(byLabel).toEqual({ car: [0, 1, 0], road: [0, 0, 1] });
    expect(context.diagnostics.items.map((item) => item.code)).toContain('field-ignored');
  });

  it('reads the same masks with the old labels when the file is absent', async () => {
    const result = await readSegmask(tree({}), { convMaskToPoly: false }, createContext());
    const names = result.annotations.shapes.map((shape) => result.labels.find((label) => label.id === shape.label_id)!.name);
    expect(names).toEqual(['road', 'car']);
  });
});

describe('Segmentation mask export with saveDatasetMeta', () => {
  it('writes the colour map as dataset_meta.json instead of labelmap.txt and reads the masks back through it', async () => {
    const source = datasetWith([{ name: 'road', color: '#010203' }, { name: 'car', color: '#040506' }], [{ name: 'a.jpg', width: 3, height: 1 }]);
    source.annotations.shapes.push(shape({ type: 'mask', label_id: 2, frame: 0, points: bitmapToCvatMask(Uint8Array.from([0, 1, 1]), 1, 3) }));
    const sink = new MemorySink();
    await writeSegmask(source, sink, { saveDatasetMeta: true }, createContext());
    expect(sink.files.has('labelmap.txt')).toBe(false);
    // Sorted by name with background added, as CVAT's colour map; colours of every label.
    expect(JSON.parse(sink.text('dataset_meta.json')!)).toEqual({
      labels: ['background', 'car', 'road'],
      label_map: { '0': 'background', '1': 'car', '2': 'road' },
      segmentation_colors: [[0, 0, 0], [4, 5, 6], [1, 2, 3]],
      background_label: 'background',
      parts: { '0': [], '1': [], '2': [] },
      actions: { '0': [], '1': [], '2': [] },
    });
    const back = await readSegmask(sink.toTree(), { convMaskToPoly: false }, createContext());
    const car = back.annotations.shapes.filter((item) => back.labels.find((label) => label.id === item.label_id)!.name === 'car');
    expect(car.map((item) => [...cvatMaskToBitmap(item.points, 1, 3)])).toEqual([[0, 1, 1]]);
  });
});
