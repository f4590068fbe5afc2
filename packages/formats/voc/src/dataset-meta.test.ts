// Datumaro's dataset_meta.json in a VOC dataset: it replaces labelmap.txt (label order, added labels, parts,
// actions and mask colours), read with the VOC importer's own rule.
import { describe, expect, it } from 'vitest';
import { cvatMaskToBitmap } from '@annoconv/geometry';
import { encodePng, MemorySink, MemoryTree } from '@annoconv/io';
import { datasetWith, shape } from '@annoconv/testing';
import { createContext, ParseError } from '@annoconv/core';
import { readVoc } from './read.js';
import { writeVoc } from './write.js';

/** A 4×2 RGB class mask: the left half `left`, the right half `right`. */
function classPng(left: number[], right: number[]): Uint8Array {
  const data = new Uint8Array(4 * 2 * 3);
  for (let pixel = 0; pixel < 8; pixel++) data.set(pixel % 4 < 2 ? left : right, pixel * 3);
  return encodePng({ width: 4, height: 2, channels: 3, data });
}

const XML = `<annotation><filename>a.jpg</filename><size><width>4</width><height>2</height></size>
<object><name>dog</name><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>
<actions><barking>1</barking></actions><part><name>paw</name><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>1</xmax><ymax>1</ymax></bndbox></part></object>
</annotation>`;

const META = JSON.stringify({
  labels: ['background', 'dog', 'cat'],
  // As Datumaro's VOC writer lists it: coloured labels only, colours packed in the same order.
  label_map: { '0': 'background', '1': 'dog', '2': 'cat', '3': 'bird' },
  segmentation_colors: [[0, 0, 0], [10, 20, 30], [200, 100, 50], [1, 2, 3]],
  parts: { '1': ['paw'] },
  actions: { '1': ['barking'] },
  background_label: 'background',
});

function dataset(files: Record<string, string | Uint8Array>): MemoryTree {
  return new MemoryTree({
    'ImageSets/Main/train.txt': 'a\n',
    'ImageSets/Segmentation/train.txt': 'a\n',
    'Annotations/a.xml': XML,
    // The right half is cat's colour in the meta file; labelmap.txt would call that colour undeclared.
    'SegmentationClass/a.png': classPng([0, 0, 0], [200, 100, 50]),
    ...files,
  });
}

describe('VOC with dataset_meta.json', () => {
  it('takes labels, parts, actions and mask colours from it and ignores labelmap.txt', async () => {
    const context = createContext();
    const result = await readVoc(dataset({ 'dataset_meta.json': META, 'labelmap.txt': 'background:0,0,0::\ndog:9,9,9::\n' }), { convMaskToPoly: false }, context);
    expect(result.labels.map((label) => [label.name, label.color])).toEqual([
      ['background', '#000000'],
      ['dog', '#0a141e'],
      ['cat', '#c86432'],
      ['bird', '#010203'],
      ['paw', expect.any(String)],
    ]);
    expect(result.labels[1]!.attributes.map((spec) => spec.name)).toEqual(['barking']);
    const nameOf = (id: number) => result.labels.find((label) => label.id === id)!.name;
    const boxes = result.annotations.shapes.filter((shape) => shape.type === 'rectangle').map((shape) => nameOf(shape.label_id));
    expect(boxes).toEqual(['dog', 'paw']);
    const masks = result.annotations.shapes.filter((shape) => shape.type === 'mask');
    expect(masks.map((shape) => nameOf(shape.label_id)).sort()).toEqual(['background', 'cat']);
    const cat = masks.find((shape) => nameOf(shape.label_id) === 'cat')!;
    expect([...cvatMaskToBitmap(cat.points, 2, 4)]).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(context.diagnostics.items.find((item) => item.code === 'field-ignored')?.where?.file).toBe('labelmap.txt');
    expect(context.diagnostics.items.some((item) => item.code === 'label-created')).toBe(false);
  });

  it('without it, keeps reading labelmap.txt (the cat colour is then undeclared)', async () => {
    const promise = readVoc(dataset({ 'labelmap.txt': 'background:0,0,0::\ndog:9,9,9:paw:barking\n' }), {}, createContext());
    await expect(promise).rejects.toThrow(/undeclared class colour \(200, 100, 50\)/);
  });

  it('is read in the dataset root only, next to ImageSets', async () => {
    const nested = new MemoryTree({
      'voc/ImageSets/Main/train.txt': 'a\n',
      'voc/Annotations/a.xml': XML,
      'dataset_meta.json': '{"labels": ["cow"]}',
      'voc/dataset_meta.json': '{"labels": ["dog", "cat"]}',
    });
    const result = await readVoc(nested, {}, createContext());
    expect(result.labels.map((label) => label.name)).toEqual(['dog', 'cat', 'paw']);
  });

  it('refuses a malformed file with its JSON path', async () => {
    const promise = readVoc(dataset({ 'dataset_meta.json': '{"labels": ["a"], "parts": {"0": "paw"}}' }), {}, createContext());
    await expect(promise).rejects.toBeInstanceOf(ParseError);
    await expect(promise).rejects.toMatchObject({ where: { file: 'dataset_meta.json', jsonPath: '$.parts["0"]' } });
  });
});

describe('VOC export with saveDatasetMeta', () => {
  it("writes dataset_meta.json instead of labelmap.txt, as Datumaro's --save-dataset-meta, and reads it back", async () => {
    const source = datasetWith([{ name: 'cat' }, { name: 'dog' }], [{ name: 'a.jpg', width: 4, height: 2, subset: 'train' }]);
    source.annotations.shapes.push(shape({ type: 'rectangle', label_id: 2, frame: 0, points: [0, 0, 2, 2] }));
    const sink = new MemorySink();
    await writeVoc(source, sink, { saveDatasetMeta: true }, createContext());
    expect(sink.files.has('labelmap.txt')).toBe(false);
    expect(sink.text('dataset_meta.json')).toBe(
      '{"labels":["background","cat","dog"],"label_map":{"0":"background","1":"cat","2":"dog"},' +
        '"segmentation_colors":[[0,0,0],[128,0,0],[0,128,0]],"background_label":"background",' +
        '"parts":{"0":[],"1":[],"2":[]},"actions":{"0":[],"1":[],"2":[]}}',
    );
    const back = await readVoc(sink.toTree(), {}, createContext());
    expect(back.labels.map((label) => [label.name, label.color])).toEqual([
      ['background', '#000000'],
      ['cat', '#800000'],
      ['dog', '#008000'],
    ]);
    expect(back.annotations.shapes.map((item) => back.labels.find((label) => label.id === item.label_id)!.name)).toEqual(['dog']);
    const plain = new MemorySink();
    await writeVoc(source, plain, {}, createContext());
    expect([...plain.files.keys()].filter((path) => path.endsWith('.txt') && !path.startsWith('ImageSets'))).toEqual(['labelmap.txt']);
  });
});
