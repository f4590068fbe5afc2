import { describe, expect, it } from 'vitest';
import { AbortedError, createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { detectVoc } from './detect.js';
import { readVoc } from './read.js';

const box = '<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>';

describe('detectVoc', () => {
  it('is sure of ImageSets lists with Annotations, less of segmentation-only lists, weak on bare XML, and says why not', async () => {
    const full = await detectVoc(new MemoryTree({ 'voc/ImageSets/Main/train.txt': 'a\n', 'voc/Annotations/a.xml': '<annotation></annotation>' }), createContext());
    expect(full.confidence).toBe(0.9);
    expect(full.reasons.join(' ')).toContain("under 'voc/'");
    expect((await detectVoc(new MemoryTree({ 'ImageSets/Segmentation/train.txt': 'a\n' }), createContext())).confidence).toBe(0.6);
    expect((await detectVoc(new MemoryTree({ 'Annotations/a.xml': '<annotation><object/></annotation>' }), createContext())).confidence).toBe(0.4);
    const none = await detectVoc(new MemoryTree({ 'a.json': '{}' }), createContext());
    expect(none).toEqual({ confidence: 0, reasons: ['no ImageSets/Main|Segmentation|Layout|Action/*.txt list, no Annotations/*.xml and no *.xml files'] });
  });

  it('takes a flat folder of VOC XML files weakly, and not LabelMe or other XML', async () => {
    const flat = await detectVoc(new MemoryTree({ 'x/a.xml': `<annotation><size><width>4</width><height>3</height></size><object><name>cat</name>${box}</object></annotation>` }), createContext());
    expect(flat).toEqual({ confidence: 0.35, reasons: ["no VOC folders, but 'x/a.xml' is a VOC annotation (CVAT reads a flat upload of XML files as subset 'train')"] });
    const labelme = await detectVoc(new MemoryTree({ 'a.xml': '<annotation><object><name>cat</name><polygon><pt><x>1</x><y>1</y></pt></polygon></object><imagesize><nrows>3</nrows></imagesize></annotation>' }), createContext());
    expect(labelme.confidence).toBe(0);
    expect((await detectVoc(new MemoryTree({ 'a.xml': '<project><size>1</size></project>' }), createContext())).confidence).toBe(0);
  });
});

describe('readVoc without lists', () => {
  it('reads a flat folder of XML files as subset train by base name, with images found beside them', async () => {
    const context = createContext();
    const xml = (name: string): string => `<annotation><filename>${name}</filename><object><name>cat</name>${box}</object></annotation>`;
    const dataset = await readVoc(new MemoryTree({ 'a.xml': xml('a.png'), 'a.png': new Uint8Array([1]), 'deep/b.xml': xml('b.jpg'), 'other/b.xml': xml('b.jpg') }), {}, context);
    expect(dataset.frames.map((frame) => [frame.name, frame.subset])).toEqual([
      ['a.png', 'train'],
      ['b.jpg', 'train'],
    ]);
    expect(dataset.frames[0]!.image?.path).toBe('a.png');
    expect(dataset.annotations.shapes).toHaveLength(2);
    expect(context.diagnostics.items.map((item) => [item.code, item.message])).toEqual([
      ['duplicate', "'other/b.xml' has the same name as 'deep/b.xml'; only the first is read (CVAT would keep one of them)"],
      ['value-coerced', "no VOC folders: read 2 XML file(s) as subset 'train', as CVAT does with a flat upload"],
    ]);
  });

  it('reads a flat Annotations folder as subset train, as CVAT does', async () => {
    const readContext = createContext();
    const dataset = await readVoc(new MemoryTree({ 'Annotations/a.xml': `<annotation><filename>a.png</filename><object><name>cat</name>${box}</object></annotation>`, 'Annotations/sub/b.xml': '<annotation/>' }), {}, readContext);
    expect(dataset.frames.map((frame) => [frame.name, frame.subset])).toEqual([
      ['a.png', 'train'],
      ['sub/b.jpg', 'train'],
    ]);
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(readContext.diagnostics.items.map((item) => item.code)).toEqual(['value-coerced']);
  });

  it('stops when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readVoc(new MemoryTree({ 'ImageSets/Main/train.txt': 'a\n' }), {}, { ...createContext(), signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});
