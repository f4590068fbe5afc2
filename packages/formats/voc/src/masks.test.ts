import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bitmapToCvatMask, cvatMaskToBitmap, rasterizeShape } from '@annoconv/geometry';
import { decodePng, encodePng, MemorySink, MemoryTree, vocPaletteColor } from '@annoconv/io';
import { createContext, ParseError } from '@annoconv/core';
import { readVoc } from './read.js';
import { writeVoc } from './write.js';
import { datasetWith, shape } from '@annoconv/testing';

/** The RGB triple of a pixel of a PNG. */
function pixel(png: Uint8Array, x: number, y: number): number[] {
  const image = decodePng(png);
  const offset = (y * image.width + x) * image.channels;
  return [...image.data.slice(offset, offset + 3)];
}

describe('VOC masks', () => {
  test.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.infiniteStream(fc.integer({ min: 0, max: 4 })), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 })], { numRuns: 60 })(
    'round-trip pixel-exact through the PNGs',
    async (width, height, values, classes) => {
      const convMaskToPoly = false;
      const iterator = values[Symbol.iterator]();
      const instanceMap = Array.from({ length: width * height }, () => iterator.next().value as number);
      const dataset = datasetWith([{ name: 'a' }, { name: 'b' }, { name: 'c' }], [{ name: 'x.png', width, height, subset: 'train' }]);
      for (let instance = 1; instance <= 4; instance++) {
        const bitmap = Uint8Array.from(instanceMap, (value) => (value === instance ? 1 : 0));
        if (!bitmap.includes(1)) continue;
        dataset.annotations.shapes.push(shape({ type: 'mask', label_id: classes[instance - 1]!, frame: 0, points: bitmapToCvatMask(bitmap, height, width) }));
      }
      const sink = new MemorySink();
      await writeVoc(dataset, sink, {}, createContext());
      const back = await readVoc(sink.toTree(), { convMaskToPoly }, createContext());
      const pixelsOf = (source: typeof dataset) => {
        const byLabel = new Map<number, number[]>();
        for (const item of source.annotations.shapes) {
          const bitmap = item.type === 'mask' ? cvatMaskToBitmap(item.points, height, width) : rasterizeShape(item, height, width);
          const list = byLabel.get(item.label_id) ?? [];
          bitmap.forEach((value, index) => value && list.push(index));
          byLabel.set(item.label_id, list.sort((p, q) => p - q));
        }
        return [...byLabel].map(([labelId, list]) => [source.labels.find((label) => label.id === labelId)!.name, list]).sort();
      };
      expect(pixelsOf(back)).toEqual(pixelsOf(dataset));
      expect(back.annotations.shapes.every((item) => item.type === (convMaskToPoly ? 'polygon' : 'mask'))).toBe(true);
    },
  );

  it('imports masks as polygons that cover the same pixels (holes bridged)', async () => {
    const width = 7;
    const height = 6;
    // A 5×4 block with a 2×2 hole (CVAT drops holes and blobs of at most 2 border points).
    const ring = Uint8Array.from({ length: width * height }, (_, index) => {
      const x = index % width;
      const y = Math.floor(index / width);
      return x >= 1 && x <= 5 && y >= 1 && y <= 4 && !(x >= 2 && x <= 3 && y >= 2 && y <= 3) ? 1 : 0;
    });
    const dataset = datasetWith([{ name: 'a' }], [{ name: 'x.png', width, height }]);
    dataset.annotations.shapes = [shape({ type: 'mask', label_id: 1, frame: 0, points: bitmapToCvatMask(ring, height, width) })];
    const sink = new MemorySink();
    await writeVoc(dataset, sink, {}, createContext());
    const back = await readVoc(sink.toTree(), {}, createContext());
    expect(back.annotations.shapes).toHaveLength(1);
    expect(back.annotations.shapes[0]!.type).toBe('polygon');
    expect([...rasterizeShape(back.annotations.shapes[0]!, height, width)]).toEqual([...ring]);
  });

  it('paints by z_order, ellipses as masks, and background masks as erasers making no instance', async () => {
    const dataset = datasetWith([{ name: 'a' }, { name: 'b' }, { name: 'background' }], [{ name: 'x.jpg', width: 8, height: 4 }]);
    const full = bitmapToCvatMask(new Uint8Array(32).fill(1), 4, 8);
    dataset.annotations.shapes = [
      shape({ type: 'mask', label_id: 2, frame: 0, points: bitmapToCvatMask(Uint8Array.from({ length: 32 }, (_, index) => (index % 8 < 4 ? 1 : 0)), 4, 8), z_order: 2 }),
      shape({ type: 'mask', label_id: 1, frame: 0, points: full, z_order: 1 }),
      shape({ type: 'mask', label_id: 3, frame: 0, points: bitmapToCvatMask(Uint8Array.from({ length: 32 }, (_, index) => (index === 7 ? 1 : 0)), 4, 8), z_order: 3 }),
      shape({ type: 'ellipse', label_id: 2, frame: 0, points: [6, 2, 7, 1], z_order: 0 }),
    ];
    const sink = new MemorySink();
    const diagnostics = createContext();
    await writeVoc(dataset, sink, {}, diagnostics);
    expect(diagnostics.diagnostics.items.map((item) => item.code)).toEqual(['shape-converted']);
    const classPng = sink.files.get('SegmentationClass/x.png')!;
    const instancePng = sink.files.get('SegmentationObject/x.png')!;
    // The task's own `background` keeps its place, and colours follow positions (Datumaro's source label map).
    expect(sink.text('labelmap.txt')).toBe('# label:color_rgb:parts:actions\na:0,0,0::\nb:128,0,0::\nbackground:0,128,0::\n');
    expect(decodePng(classPng).colorType).toBe('rgb');
    // b (z 2) over a (z 1) on the left half; the ellipse (z 0) is covered by a; the background mask erased (7, 0).
    expect(pixel(classPng, 0, 0)).toEqual([128, 0, 0]);
    expect(pixel(classPng, 6, 2)).toEqual([0, 0, 0]);
    // Erased and uncovered pixels take the background label's colour.
    expect(pixel(classPng, 7, 0)).toEqual([0, 128, 0]);
    // Instances are numbered in painting order: the ellipse (z 0) 1, a 2, b 3; the background mask none.
    expect(pixel(instancePng, 0, 0)).toEqual(vocPaletteColor(3));
    expect(pixel(instancePng, 6, 2)).toEqual(vocPaletteColor(2));
    expect(pixel(instancePng, 7, 0)).toEqual([0, 0, 0]);
    expect(sink.text('Annotations/x.xml')).toContain('<segmented>1</segmented>');
    expect(sink.text('ImageSets/Segmentation/default.txt')).toBe('x\n');
  });

  it('reports masks it cannot paint and more instances than the palette holds', async () => {
    const dataset = datasetWith([{ name: 'a' }], [{ name: 'big.jpg', width: 300, height: 1 }, { name: 'nosize.jpg' }]);
    for (let x = 0; x < 260; x++) {
      const bitmap = new Uint8Array(300);
      bitmap[x] = 1;
      dataset.annotations.shapes.push(shape({ type: 'mask', label_id: 1, frame: 0, points: bitmapToCvatMask(bitmap, 1, 300) }));
    }
    dataset.annotations.shapes.push(shape({ type: 'mask', label_id: 1, frame: 1, points: [0, 1, 0, 0, 0, 0] }));
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeVoc(dataset, sink, {}, writeContext);
    const codes = writeContext.diagnostics.countByCode();
    expect(codes.get('instance-overflow')).toBe(5);
    expect(codes.get('image-size-unknown')).toBe(1);
    const back = await readVoc(sink.toTree(), { convMaskToPoly: false }, createContext());
    expect(back.annotations.shapes.filter((item) => item.frame === 0)).toHaveLength(255);
  });
});

describe('VOC mask errors', () => {
  const xml = '<annotation><size><width>2</width><height>1</height></size></annotation>';
  const rgb = (...colors: number[][]) => encodePng({ width: colors.length, height: 1, channels: 3, data: Uint8Array.from(colors.flat()) });
  const tree = (files: Record<string, Uint8Array | string>) =>
    new MemoryTree({ 'ImageSets/Segmentation/train.txt': 'x\n', 'Annotations/x.xml': xml, 'labelmap.txt': 'background:0,0,0::\ncat:64,0,0::\n', ...files });

  async function readError(files: Record<string, Uint8Array | string>): Promise<ParseError> {
    try {
      await readVoc(tree(files), {}, createContext());
    } catch (error) {
      if (error instanceof ParseError) return error;
      throw error;
    }
    throw new Error('expected a ParseError');
  }

  it('rejects a class colour missing from the label map, naming file and pixel', async () => {
    const error = await readError({ 'SegmentationClass/x.png': rgb([0, 0, 0], [1, 2, 3]) });
    expect(error.where?.file).toBe('SegmentationClass/x.png');
    expect(error.message).toContain('undeclared class colour (1, 2, 3) at pixel (1, 0)');
  });

  it('rejects an instance colour outside the VOC palette', async () => {
    const error = await readError({ 'SegmentationClass/x.png': rgb([64, 0, 0], [64, 0, 0]), 'SegmentationObject/x.png': rgb([128, 0, 0], [5, 5, 5]) });
    expect(error.where?.file).toBe('SegmentationObject/x.png');
    expect(error.message).toContain('undeclared instance colour (5, 5, 5)');
  });

  it('rejects a mask whose size differs from its image, and class/instance masks of different sizes', async () => {
    const wrongSize = await readError({ 'SegmentationClass/x.png': rgb([0, 0, 0], [0, 0, 0], [0, 0, 0]) });
    expect(wrongSize.message).toContain("mask is 3×1 but image 'x.jpg' is 2×1");
    const pair = await readError({ 'SegmentationClass/x.png': rgb([0, 0, 0], [0, 0, 0]), 'SegmentationObject/x.png': rgb([0, 0, 0]) });
    expect(pair.where?.file).toBe('SegmentationObject/x.png');
  });

  it('rejects grey class values past the label map and undecodable PNGs', async () => {
    const grey = encodePng({ width: 2, height: 1, channels: 1, data: Uint8Array.from([1, 7]) });
    expect((await readError({ 'SegmentationClass/x.png': grey })).message).toContain('undeclared label index 7');
    expect((await readError({ 'SegmentationClass/x.png': Uint8Array.from([1, 2, 3]) })).where?.file).toBe('SegmentationClass/x.png');
  });

  it('reads palette PNGs through their colours, as OpenCV expands them', async () => {
    const palette = encodePng({ width: 2, height: 1, channels: 1, palette: [0, 0, 0, 64, 0, 0], data: Uint8Array.from([0, 1]) });
    const dataset = await readVoc(tree({ 'SegmentationClass/x.png': palette }), { convMaskToPoly: false }, createContext());
    expect(dataset.annotations.shapes.map((item) => [dataset.labels.find((label) => label.id === item.label_id)!.name, cvatMaskToBitmap(item.points, 1, 2).join('')])).toEqual([
      ['background', '10'],
      ['cat', '01'],
    ]);
  });
});

describe('VOC list and label map errors', () => {
  it('names the file and line of a bad label map or class list line', async () => {
    await expect(readVoc(new MemoryTree({ 'ImageSets/Main/train.txt': 'x\n', 'labelmap.txt': 'a:1,2::\n' }), {}, createContext())).rejects.toMatchObject({ where: { file: 'labelmap.txt', line: 1 } });
    await expect(readVoc(new MemoryTree({ 'ImageSets/Main/train.txt': 'x\n', 'ImageSets/Main/cat_train.txt': 'x 1\ny 5\n' }), {}, createContext())).rejects.toMatchObject({
      where: { file: 'ImageSets/Main/cat_train.txt', line: 2 },
    });
  });

  it('names the XML element of a bad object', async () => {
    const tree = new MemoryTree({ 'ImageSets/Main/train.txt': 'x\n', 'Annotations/x.xml': '<annotation>\n<object>\n<name>cat</name>\n<truncated>2</truncated>\n<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>\n</object>\n</annotation>' });
    await expect(readVoc(tree, {}, createContext())).rejects.toMatchObject({ where: { file: 'Annotations/x.xml', element: 'annotation/object[1]/truncated', line: 2 } });
  });

  it('reports unknown labels, unlisted XML files, undeclared actions and subset names with "_"', async () => {
    const readContext = createContext();
    const dataset = await readVoc(
      new MemoryTree({
        'ImageSets/Main/train.txt': 'x\n',
        'ImageSets/Main/my_set.txt': 'x\n',
        'Annotations/x.xml': '<annotation><object><name>zebra</name><actions><jumping>1</jumping></actions><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>',
        'Annotations/y.xml': '<annotation></annotation>',
      }),
      {},
      readContext,
    );
    expect(dataset.labels.at(-1)!.name).toBe('zebra');
    expect([...readContext.diagnostics.countByCode()].sort()).toEqual([
      ['annotation-unmatched', 1],
      ['data-unsupported', 1],
      ['field-ignored', 1],
      ['label-created', 1],
    ]);
  });
});
