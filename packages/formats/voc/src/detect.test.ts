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
    expect(none).toEqual({ confidence: 0, reasons: ['no ImageSets/Main|Segmentation|Layout|Action/*.txt list and no Annotations/*.xml'] });
  });
});

describe('readVoc without lists', () => {
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
