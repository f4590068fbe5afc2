// Import of the shared samples, golden output, round trips and bad input for the TFRecord format.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DatasetBuilder, ParseError, createContext, type Dataset } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { readTfRecord } from './read.js';
import { writeTfRecord } from './write.js';
import { detectTfRecord } from './detect.js';
import { frameRecord } from './record-framing.js';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

const samples = sharedSamplesDir();

function boxes(dataset: Dataset): Array<[string, string, number[]]> {
  return dataset.annotations.shapes.map((shape) => [dataset.frames[shape.frame]!.name, dataset.labels.find((label) => label.id === shape.label_id)!.name, shape.points]);
}

function smallDataset(): Dataset {
  const builder = new DatasetBuilder();
  const cat = builder.label('cat');
  const dog = builder.label('dog');
  const a = builder.frame('a.jpg', { width: 100, height: 50 });
  builder.frame('b.png', { width: 20, height: 20, subset: 'val' });
  const base = { id: null, frame: a.index, group: 0, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [] };
  builder.dataset.annotations.shapes.push(
    { ...base, label_id: cat.id, type: 'rectangle', points: [10, 5, 50, 25] },
    { ...base, label_id: dog.id, type: 'rectangle', points: [0, 0, 100, 50] },
    { ...base, label_id: dog.id, type: 'polygon', points: [0, 0, 10, 0, 10, 10] },
  );
  return builder.build();
}

describe.skipIf(!fs.existsSync(samples))('TFRecord samples', () => {
  for (const flavour of ['cvat-datumaro', 'datumaro']) {
    it(`reads ${flavour}/tf_detection_api_dataset`, async () => {
      const tree = treeFromFolder(path.join(samples, flavour, 'tf_detection_api_dataset'));
      expect((await detectTfRecord(tree)).confidence).toBeGreaterThan(0.9);
      const context = createContext();
      const dataset = await readTfRecord(tree, { saveImages: true }, context);
      expect(dataset.frames.map((frame) => [frame.subset, frame.name, frame.width, frame.height])).toEqual([
        ['test', '3.jpg', 4, 5],
        ['train', '1.jpg', 16, 16],
        ['val', '2.jpg', 8, 8],
      ]);
      expect(dataset.labels.map((label) => label.name)).toEqual(Array.from({ length: 10 }, (_, index) => `label_${index}`));
      expect(boxes(dataset)).toEqual([
        ['1.jpg', 'label_2', [0, 4, 4, 12]],
        ['1.jpg', 'label_3', [0, 4, 4, 8]],
        ['2.jpg', 'label_3', [1, 2, 5, 4]],
      ]);
      expect(context.diagnostics.countByCode().get('label-unknown')).toBe(1);
      expect((await dataset.frames[1]!.image!.read()).length).toBe(631);
    });
  }
});

describe('TFRecord export', () => {
  it('writes boxes as CVAT does, drops what it cannot hold, and reads them back', async () => {
    const sink = new MemorySink();
    const context = createContext();
    await writeTfRecord(smallDataset(), sink, {}, context);
    expect([...sink.files.keys()].sort()).toEqual(['default.tfrecord', 'label_map.pbtxt', 'val.tfrecord']);
    expect(sink.text('label_map.pbtxt')).toBe("item {\n\tid: 1\n\tname: 'cat'\n}\n\nitem {\n\tid: 2\n\tname: 'dog'\n}\n\n");
    expect(context.diagnostics.countByCode().get('shape-unsupported')).toBe(1);
    const back = await readTfRecord(sink.toTree(), {}, createContext());
    expect(boxes(back)).toEqual([
      ['a.jpg', 'cat', [10, 5, 50, 25]],
      ['a.jpg', 'dog', [0, 0, 100, 50]],
    ]);
    expect(back.frames.map((frame) => [frame.subset, frame.name])).toEqual([['default', 'a.jpg'], ['val', 'b.png']]);
  });

  it('round-trips boxes within float32 precision', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6399 }), fc.integer({ min: 0, max: 4799 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 8 }),
        async (raw) => {
          const builder = new DatasetBuilder();
          const label = builder.label('thing');
          const frame = builder.frame('f.jpg', { width: 640, height: 480 });
          for (const [x, y, w, h] of raw) {
            builder.dataset.annotations.shapes.push({ id: null, label_id: label.id, frame: frame.index, group: 0, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], type: 'rectangle', points: [x / 10, y / 10, Math.min(x / 10 + w, 640), Math.min(y / 10 + h, 480)] });
          }
          const sink = new MemorySink();
          await writeTfRecord(builder.build(), sink, {}, createContext());
          const back = await readTfRecord(sink.toTree(), {}, createContext());
          const expected = builder.build().annotations.shapes.map((shape) => shape.points);
          back.annotations.shapes.forEach((shape, index) => shape.points.forEach((value, axis) => expect(value).toBeCloseTo(expected[index]![axis]!, 2)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('embeds images with their SHA-256 when saving images', async () => {
    const dataset = smallDataset();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    dataset.frames[0]!.image = { path: 'a.jpg', read: async () => bytes };
    const sink = new MemorySink();
    await writeTfRecord(dataset, sink, { saveImages: true }, createContext());
    const back = await readTfRecord(sink.toTree(), { saveImages: true }, createContext());
    expect(await back.frames[0]!.image!.read()).toEqual(bytes);
  });
});

describe('TFRecord bad input', () => {
  it('reports protobuf garbage with the record and its offset', async () => {
    const tree = new MemoryTree({ 'x.tfrecord': frameRecord(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 1])) });
    await expect(readTfRecord(tree, {}, createContext())).rejects.toThrow(/x\.tfrecord.*record 0 at byte 0.*not a tf\.train\.Example/);
  });
  it('refuses a file that is not TFRecord', async () => {
    const tree = new MemoryTree({ 'x.tfrecord': 'definitely not a record file' });
    expect((await detectTfRecord(tree)).confidence).toBeLessThan(0.5);
    await expect(readTfRecord(tree, {}, createContext())).rejects.toBeInstanceOf(ParseError);
  });
});
