import { describe, expect, it } from 'vitest';
import { createContext, ParseError } from '@annoconv/core';
import { encodePng, MemoryTree } from '@annoconv/io';
import { readLabelMe } from './read.js';
import { detectLabelMe } from './detect.js';

async function parseError(files: Record<string, string | Uint8Array>): Promise<ParseError> {
  const error = await readLabelMe(new MemoryTree(files), {}, createContext()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

const object = (inner: string) => `<object><name>car</name><deleted>0</deleted>${inner}</object>`;
const doc = (objects: string) => `<annotation>\n<filename>a.jpg</filename><folder></folder>\n${objects}\n</annotation>`;

describe('LabelMe bad input', () => {
  it('names file and line of malformed XML', async () => {
    const error = await parseError({ 'default/a.xml': '<annotation>\n<filename>a.jpg</filename>\n<object></annotation>' });
    expect(error.where?.file).toBe('default/a.xml');
    expect(error.where?.line).toBe(3);
  });
  it('names file, element and line of an object without an integer id', async () => {
    const error = await parseError({ 'default/a.xml': doc(`${object('<id>0</id><polygon><pt><x>0</x><y>0</y></pt></polygon>')}\n${object('<id>x</id>')}`) });
    expect(error.where).toMatchObject({ file: 'default/a.xml', element: 'annotation/object[2]/id', line: 4 });
  });
  it('refuses a point that is not a number and a missing mask file', async () => {
    const point = await parseError({ 'a.xml': doc(object('<id>0</id><polygon><pt><x>1</x><y>2</y></pt><pt><x>one</x><y>2</y></pt></polygon>')) });
    expect(point.where).toMatchObject({ file: 'a.xml', line: 3, element: 'annotation/object[1]/polygon/pt[2]' });
    const mask = await parseError({ 'a.xml': doc(object('<id>0</id><segm><mask>m.png</mask></segm>')) });
    expect(mask.message).toMatch(/mask file 'Masks\/m.png' not found/);
  });
  it('refuses a grey mask PNG (Datumaro reads masks over their colour channels)', async () => {
    const png = encodePng({ width: 2, height: 2, channels: 1, data: [0, 1, 1, 0] });
    const error = await parseError({ 'a.xml': doc(object('<id>0</id><segm><mask>m.png</mask></segm>')), 'Masks/m.png': png });
    expect(error.message).toMatch(/RGB or RGBA/);
  });
  it('skips deleted objects, drops unlabeled and too short ones with diagnostics', async () => {
    const readContext = createContext();
    const xml = doc([
      object('<id>0</id><polygon><pt><x>0</x><y>0</y></pt><pt><x>4</x><y>0</y></pt><pt><x>4</x><y>4</y></pt></polygon>'),
      '<object><name>car</name><deleted>1</deleted><id>1</id><polygon><pt><x>0</x><y>0</y></pt></polygon></object>',
      '<object><name></name><id>2</id><polygon/></object>',
      object('<id>3</id><polygon><pt><x>0</x><y>0</y></pt><pt><x>4</x><y>0</y></pt></polygon>'),
    ].join('\n'));
    const dataset = await readLabelMe(new MemoryTree({ 'a.xml': xml }), {}, readContext);
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(readContext.diagnostics.items.map((item) => [item.code, item.where?.line])).toEqual([['label-unknown', 5], ['invalid-value', 6]]);
  });
  it('refuses a tree without LabelMe XML', async () => {
    expect((await parseError({ 'a.xml': '<annotations><version>1.1</version></annotations>' })).message).toMatch(/no LabelMe annotation XML/);
  });
});

describe('LabelMe detection', () => {
  it('tells LabelMe from VOC and gives reasons', async () => {
    expect((await detectLabelMe(new MemoryTree({ 'a.xml': doc(object('<id>0</id><polygon></polygon>')) }), createContext())).confidence).toBeGreaterThan(0.8);
    const voc = await detectLabelMe(new MemoryTree({ 'Annotations/a.xml': '<annotation><object><bndbox><xmin>1</xmin></bndbox></object></annotation>' }), createContext());
    expect(voc.confidence).toBeLessThan(0.1);
    expect(voc.reasons[0]).toMatch(/bndbox/);
    expect(await detectLabelMe(new MemoryTree({ 'a.txt': '' }), createContext())).toEqual({ confidence: 0, reasons: ['no *.xml file'] });
  });
});

describe('abort', () => {
  it('stops reading and writing when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = { ...createContext(), signal: controller.signal };
    await expect(readLabelMe(new MemoryTree({ 'a.xml': doc('') }), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
    const { writeLabelMe } = await import('./write.js');
    const { datasetWith } = await import('@annoconv/testing');
    const { MemorySink } = await import('@annoconv/io');
    await expect(writeLabelMe(datasetWith(['a'], [{ name: 'a.jpg' }]), new MemorySink(), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
  });
});
