import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createContext, ParseError } from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { decodePng, encodePng, MemorySink, MemoryTree, vocPaletteColor } from '@annoconv/io';
import { detectSegmask } from './detect.js';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';
import { datasetWith, shape, shapePixels } from '@annoconv/testing';

function pixel(png: Uint8Array, x: number, y: number): number[] {
  const image = decodePng(png);
  const offset = (y * image.width + x) * image.channels;
  return [...image.data.slice(offset, offset + 3)];
}

const LABELS = [
  { name: 'person', color: '#fa3253' },
  { name: 'Dog', color: '#33ddff' },
  { name: 'car', color: '#00ff00' },
];

describe('writeSegmask', () => {
  it('writes an alphabetical label map with background, and paints by z_order with groups merged', async () => {
    const dataset = datasetWith(LABELS, [{ name: 'a/img1.jpg', width: 10, height: 6, subset: 'train' }, { name: 'empty.jpg', width: 4, height: 4 }, { name: 'tags-only.jpg', width: 4, height: 4 }]);
    dataset.annotations.shapes = [
      // z 1: a car box over the left part; z 2: a person polygon; z 0: a dog ellipse, under the others.
      shape({ type: 'rectangle', label_id: 3, frame: 0, points: [0, 0, 4, 6], z_order: 1 }),
      shape({ type: 'polygon', label_id: 1, frame: 0, points: [3, 0, 6, 0, 6, 3, 3, 3], z_order: 2 }),
      shape({ type: 'ellipse', label_id: 2, frame: 0, points: [8, 3, 9, 1] }),
      // A group: a big dog mask and a small person box; the group is one instance labelled dog (the larger).
      shape({ type: 'mask', label_id: 2, frame: 0, points: bitmapToCvatMask(Uint8Array.from({ length: 60 }, (_, index) => (index >= 50 && index % 10 >= 6 ? 1 : 0)), 6, 10), group: 5, z_order: 3 }),
      shape({ type: 'rectangle', label_id: 1, frame: 0, points: [9, 4, 10, 5], group: 5, z_order: 0 }),
      shape({ type: 'points', label_id: 1, frame: 0, points: [1, 1] }),
    ];
    dataset.annotations.tags = [{ id: null, label_id: 1, frame: 2, group: 0, source: 'manual', attributes: [] }];
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeSegmask(dataset, sink, {}, writeContext);
    expect(sink.text('labelmap.txt')).toBe('# label:color_rgb:parts:actions\nDog:51,221,255::\nbackground:0,0,0::\ncar:0,255,0::\nperson:250,50,83::\n');
    // The empty item is listed without PNGs; the item holding only a tag is neither listed nor painted.
    expect(sink.text('ImageSets/Segmentation/train.txt')).toBe('a/img1\n');
    expect(sink.text('ImageSets/Segmentation/default.txt')).toBe('empty\n');
    expect([...sink.files.keys()].filter((key) => key.endsWith('.png')).sort()).toEqual(['SegmentationClass/a/img1.png', 'SegmentationObject/a/img1.png']);
    const classPng = sink.files.get('SegmentationClass/a/img1.png')!;
    const instancePng = sink.files.get('SegmentationObject/a/img1.png')!;
    expect(pixel(classPng, 0, 0)).toEqual([0, 255, 0]);
    expect(pixel(classPng, 4, 1)).toEqual([250, 50, 83]);
    expect(pixel(classPng, 8, 2)).toEqual([51, 221, 255]);
    expect(pixel(classPng, 9, 4)).toEqual([51, 221, 255]);
    expect(pixel(classPng, 5, 5)).toEqual([0, 0, 0]);
    // Instances in painting order: ellipse (z 0) 1, car 2, person 3, the dog group (z 3 from its leader) 4.
    expect(pixel(instancePng, 8, 2)).toEqual(vocPaletteColor(1));
    expect(pixel(instancePng, 0, 0)).toEqual(vocPaletteColor(2));
    expect(pixel(instancePng, 4, 1)).toEqual(vocPaletteColor(3));
    expect(pixel(instancePng, 9, 4)).toEqual(vocPaletteColor(4));
    expect(pixel(instancePng, 7, 5)).toEqual(vocPaletteColor(4));
    const codes = writeContext.diagnostics.countByCode();
    expect(codes.get('shape-unsupported')).toBe(1);
    expect(codes.get('tag-unsupported')).toBe(1);
    expect(codes.get('group-merged')).toBe(1);
  });

  it('makes a background-labelled shape an eraser and warns about shared colours', async () => {
    const dataset = datasetWith([{ name: 'cat', color: '#ff0000' }, { name: 'background', color: '#000000' }, { name: 'fox', color: '#ff0000' }], [{ name: 'x.png', width: 4, height: 1 }]);
    dataset.annotations.shapes = [
      shape({ type: 'rectangle', label_id: 1, frame: 0, points: [0, 0, 4, 1] }),
      shape({ type: 'rectangle', label_id: 2, frame: 0, points: [1, 0, 2, 1], z_order: 1 }),
      shape({ type: 'rectangle', label_id: 3, frame: 0, points: [3, 0, 4, 1], z_order: 2 }),
    ];
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeSegmask(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.countByCode().get('label-color-collision')).toBe(1);
    expect(pixel(sink.files.get('SegmentationClass/x.png')!, 1, 0)).toEqual([0, 0, 0]);
    expect(pixel(sink.files.get('SegmentationObject/x.png')!, 1, 0)).toEqual([0, 0, 0]);
    expect(pixel(sink.files.get('SegmentationObject/x.png')!, 2, 0)).toEqual(vocPaletteColor(1));
    // The eraser still took number 2 in painting order, so the fox on top is instance 3.
    expect(pixel(sink.files.get('SegmentationObject/x.png')!, 3, 0)).toEqual(vocPaletteColor(3));
  });

  it('drops instances past the 255 the VOC palette can tell apart, with a diagnostic', async () => {
    const dataset = datasetWith(LABELS, [{ name: 'x.png', width: 300, height: 1 }]);
    dataset.annotations.shapes = Array.from({ length: 258 }, (_, x) => shape({ type: 'rectangle', label_id: 1, frame: 0, points: [x, 0, x + 1, 1] }));
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeSegmask(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.items.filter((item) => item.code === 'instance-overflow')).toHaveLength(1);
    const back = await readSegmask(sink.toTree(), { convMaskToPoly: false }, createContext());
    expect(back.annotations.shapes).toHaveLength(255);
  });
});

describe('writeSegmask → readSegmask', () => {
  test.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.infiniteStream(fc.integer({ min: 0, max: 5 })), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 })], { numRuns: 60 })(
    'keeps masks pixel-exact through the PNGs',
    async (width, height, values, classes) => {
      const iterator = values[Symbol.iterator]();
      const instanceMap = Array.from({ length: width * height }, () => iterator.next().value as number);
      const dataset = datasetWith(LABELS, [{ name: 'x.jpg', width, height, subset: 'train' }]);
      for (let instance = 1; instance <= 5; instance++) {
        const bitmap = Uint8Array.from(instanceMap, (value) => (value === instance ? 1 : 0));
        if (bitmap.includes(1)) dataset.annotations.shapes.push(shape({ type: 'mask', label_id: classes[instance - 1]!, frame: 0, points: bitmapToCvatMask(bitmap, height, width) }));
      }
      const sink = new MemorySink();
      await writeSegmask(dataset, sink, {}, createContext());
      const back = await readSegmask(sink.toTree(), { convMaskToPoly: false }, createContext());
      expect(shapePixels(back, { skipLabels: ['background'] })).toEqual(shapePixels(dataset));
      expect(back.labels.map((label) => [label.name, label.color])).toEqual([
        ['Dog', '#33ddff'],
        ['background', '#000000'],
        ['car', '#00ff00'],
        ['person', '#fa3253'],
      ]);
    },
  );

  // Boxes in separate 8×8 cells and at least 2 pixels thick: CVAT's mask → polygon step drops blobs whose border
  // has at most 2 points and simplifies staircase edges (Douglas–Peucker, 1 px), so only such boxes come back
  // pixel-exact as polygons; masks are exact with convMaskToPoly off (property above).
  const cellBox = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }));
  test.prop([fc.tuple(cellBox, cellBox, cellBox, cellBox)], { numRuns: 40 })('reads painted boxes back as polygons covering the same pixels', async (cells) => {
    const dataset = datasetWith(LABELS, [{ name: 'x.jpg', width: 16, height: 16, subset: 'train' }]);
    dataset.annotations.shapes = cells.map(([x, y, w, h, label], cell) => {
      const left = (cell % 2) * 8 + x;
      const top = Math.floor(cell / 2) * 8 + y;
      return shape({ type: 'rectangle', label_id: label, frame: 0, points: [left, top, left + w, top + h] });
    });
    const sink = new MemorySink();
    await writeSegmask(dataset, sink, {}, createContext());
    const back = await readSegmask(sink.toTree(), {}, createContext());
    expect(back.annotations.shapes.every((item) => item.type === 'polygon')).toBe(true);
    expect(shapePixels(back, { skipLabels: ['background'] })).toEqual(shapePixels(dataset));
  });
});

describe('readSegmask errors and detection', () => {
  const rgb = (...colors: number[][]) => encodePng({ width: colors.length, height: 1, channels: 3, data: Uint8Array.from(colors.flat()) });
  const tree = (files: Record<string, Uint8Array | string>) => new MemoryTree({ 'ImageSets/Segmentation/default.txt': 'x\n', 'labelmap.txt': 'background:0,0,0::\ncat:64,0,0::\n', ...files });

  it('rejects an undeclared colour naming the file and pixel', async () => {
    const error = await readSegmask(tree({ 'SegmentationClass/x.png': rgb([0, 0, 0], [9, 9, 9]) }), {}, createContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).where?.file).toBe('SegmentationClass/x.png');
    expect((error as ParseError).message).toContain('(9, 9, 9) at pixel (1, 0)');
  });

  it('rejects a mask whose size differs from its image', async () => {
    const image = encodePng({ width: 3, height: 1, channels: 3, data: new Uint8Array(9) });
    const error = await readSegmask(tree({ 'SegmentationClass/x.png': rgb([0, 0, 0], [64, 0, 0]), 'JPEGImages/x.png': image }), {}, createContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toContain("mask is 2×1 but image 'JPEGImages/x.png' is 3×1");
  });

  it('imports a class PNG without instance PNG as one object per class, background included', async () => {
    const dataset = await readSegmask(tree({ 'SegmentationClass/x.png': rgb([0, 0, 0], [64, 0, 0]), 'JPEGImages/x.png': encodePng({ width: 2, height: 1, channels: 3, data: new Uint8Array(6) }) }), { convMaskToPoly: false }, createContext());
    expect(dataset.frames[0]).toMatchObject({ name: 'x.png', width: 2, height: 1 });
    expect(shapePixels(dataset)).toEqual({ 'default/x.png:background': [0], 'default/x.png:cat': [1] });
  });

  it('detects its own layout and defers to VOC when Annotations are present', async () => {
    expect((await detectSegmask(tree({ 'SegmentationClass/x.png': rgb([0, 0, 0]) }), createContext())).confidence).toBeGreaterThanOrEqual(0.9);
    expect((await detectSegmask(tree({ 'Annotations/x.xml': '<annotation/>', 'ImageSets/Main/default.txt': 'x\n' }), createContext())).confidence).toBeLessThan(0.5);
    expect((await detectSegmask(new MemoryTree({ 'a.txt': '' }), createContext())).confidence).toBe(0);
  });
});
