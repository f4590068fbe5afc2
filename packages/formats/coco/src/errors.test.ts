import { describe, expect, it } from 'vitest';
import { AnnoconvError, createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { readCoco } from './read.js';

const image = { id: 1, file_name: 'a.jpg', width: 10, height: 8 };
const category = { id: 1, name: 'a' };

function file(body: Record<string, unknown>): string {
  return JSON.stringify({ images: [image], categories: [category], annotations: [], ...body }, null, 1);
}

async function failure(text: string, streamThreshold = 1 << 30): Promise<AnnoconvError> {
  const tree = new MemoryTree({ 'annotations/instances_default.json': text });
  try {
    await readCoco(tree, { streamThreshold }, createContext(), 'instances');
  } catch (error) {
    if (AnnoconvError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

// Every case runs on both paths: whole-file parse and streaming.
describe.each([
  ['parsed whole', 1 << 30],
  ['streamed', 0],
])('bad input (%s)', (_name, threshold) => {
  it('a truncated file is a ParseError with the file and a line', async () => {
    const text = file({ annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], iscrowd: 0 }] });
    const error = await failure(text.slice(0, text.length - 20), threshold);
    expect(error.code).toBe('parse');
    expect(error.where?.file).toBe('annotations/instances_default.json');
    expect(error.where?.line ?? error.where?.jsonPath).toBeDefined();
  });

  it('a dangling image_id names the annotation and its JSON path', async () => {
    const error = await failure(file({ annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], iscrowd: 0 }, { id: 77, image_id: 9, category_id: 1, bbox: [0, 0, 1, 1], iscrowd: 0 }] }), threshold);
    expect(error.code).toBe('parse');
    expect(error.where).toMatchObject({ jsonPath: 'annotations[1].image_id', objectId: 77 });
    expect(error.message).toContain('annotation 77');
  });

  it('a dangling category_id names the annotation and its JSON path', async () => {
    const error = await failure(file({ annotations: [{ id: 5, image_id: 1, category_id: 4, bbox: [0, 0, 1, 1], iscrowd: 0 }] }), threshold);
    expect(error.where).toMatchObject({ jsonPath: 'annotations[0].category_id', objectId: 5 });
  });

  it('category_id 0 is "no label", as CVAT refuses it', async () => {
    const error = await failure(file({ annotations: [{ id: 5, image_id: 1, category_id: 0, bbox: [0, 0, 1, 1], iscrowd: 0 }] }), threshold);
    expect(error.message).toContain('no label');
  });

  it('wrong types are typed errors with paths', async () => {
    expect((await failure(file({ images: [{ id: '1', file_name: 'a.jpg' }] }), threshold)).where?.jsonPath).toBe('images[0].id');
    expect((await failure(file({ annotations: [{ id: 'x', image_id: 1, category_id: 1 }] }), threshold)).where?.jsonPath).toBe('annotations[0].id');
    expect((await failure(file({ annotations: [{ id: 2, image_id: 1, category_id: 1, bbox: [0, 'a', 1, 1], iscrowd: 0 }] }), threshold)).where?.jsonPath).toBe('annotations[0].bbox[1]');
    expect((await failure(file({ annotations: [{ id: 2, image_id: 1, category_id: 1, segmentation: 'x', iscrowd: 0 }] }), threshold)).where?.jsonPath).toBe('annotations[0].segmentation');
    expect((await failure(file({ categories: { id: 1 } }), threshold)).where?.jsonPath).toBe('categories');
    expect((await failure(file({ categories: [{ id: 1 }] }), threshold)).where?.jsonPath).toBe('categories[0].name');
  });

  it('a polygon with an odd or too short coordinate list is refused, as Datumaro does', async () => {
    const error = await failure(file({ annotations: [{ id: 3, image_id: 1, category_id: 1, segmentation: [[0, 0, 1, 1, 2]], iscrowd: 0 }] }), threshold);
    expect(error.where).toMatchObject({ jsonPath: 'annotations[0].segmentation[0]', objectId: 3 });
  });

  it('an uncompressed RLE whose size is not the image size is refused', async () => {
    const error = await failure(file({ annotations: [{ id: 3, image_id: 1, category_id: 1, segmentation: { counts: [0, 10, 30], size: [8, 5] }, iscrowd: 1 }] }), threshold);
    expect(error.where?.jsonPath).toBe('annotations[0].segmentation.size');
  });

  it('RLE counts that do not cover the image are refused', async () => {
    const error = await failure(file({ annotations: [{ id: 3, image_id: 1, category_id: 1, segmentation: { counts: [0, 10, 3], size: [8, 10] }, iscrowd: 1 }] }), threshold);
    expect(error.where?.jsonPath).toBe('annotations[0].segmentation.counts');
  });

  it('a top level that is not an object is refused', async () => {
    expect((await failure('[]', threshold)).where?.jsonPath).toBe('$');
  });
});

describe('lenient reading', () => {
  it('keeps images without annotations, reads missing iscrowd as 0 and needs no info / licenses', async () => {
    const tree = new MemoryTree({
      'annotations/instances_val.json': JSON.stringify({
        annotations: [{ id: 1, image_id: 2, category_id: 7, bbox: [1, 1, 2, 2] }],
        images: [image, { id: 2, file_name: 'b.jpg', width: 10, height: 8 }],
        categories: [{ id: 7, name: 'z' }],
      }),
    });
    const context = createContext();
    const dataset = await readCoco(tree, {}, context, 'instances');
    expect(dataset.frames.map((frame) => [frame.name, frame.subset])).toEqual([['a.jpg', 'val'], ['b.jpg', 'val']]);
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(dataset.annotations.shapes[0]).toMatchObject({ frame: 1, type: 'rectangle', points: [1, 1, 3, 3] });
    expect(context.diagnostics.items.map((item) => item.code)).toContain('value-coerced');
  });
});

describe.each([
  ['parsed whole', 1 << 30],
  ['streamed', 0],
])('a byte order mark (%s)', (_name, streamThreshold) => {
  it('is skipped on both paths alike', async () => {
    const tree = new MemoryTree({ 'annotations/instances_default.json': `\uFEFF${file({ annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], iscrowd: 0 }] })}` });
    const dataset = await readCoco(tree, { streamThreshold }, createContext(), 'instances');
    expect(dataset.annotations.shapes.map((shape) => shape.points)).toEqual([[0, 0, 1, 1]]);
  });
});
