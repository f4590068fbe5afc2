import { describe, expect, it } from 'vitest';
import { AnnoconvError, createContext, ParseError } from '@annoconv/core';
import { encodePng, MemoryTree } from '@annoconv/io';
import { readMot } from './read-mot.js';
import { readMots } from './read-mots.js';
import { detectMot, detectMots } from './detect.js';

async function motError(gt: string, extra: Record<string, string> = {}): Promise<ParseError> {
  const error = await readMot(new MemoryTree({ 'gt/gt.txt': gt, 'gt/labels.txt': 'car\nperson', ...extra }), {}, createContext()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('MOT bad input', () => {
  it('names file and line for a wrong column count', async () => {
    const error = await motError('1,1,0,0,4,4,1,1,1.0\r\n2,1,0,0,4\r\n');
    expect(error.where).toEqual({ file: 'gt/gt.txt', line: 2 });
    expect(error.message).toContain('got 5');
  });
  it('refuses frame 0 (MOT frames are 1-based)', async () => {
    const error = await motError('\n0,1,0,0,4,4,1,1,1.0\n');
    expect(error.where).toEqual({ file: 'gt/gt.txt', line: 2 });
    expect(error.message).toMatch(/1-based/);
  });
  it('refuses a class beyond labels.txt and a non-number', async () => {
    expect((await motError('1,1,0,0,4,4,1,3,1.0')).message).toMatch(/class 3 is not in the label list/);
    expect((await motError('1,1,0,x,4,4,1,1,1.0')).message).toMatch(/bb_top is not a number/);
  });
  it('refuses a seqinfo.ini with a key outside the standard seven', async () => {
    const error = await motError('1,1,0,0,4,4,1,1,1.0', { 'seqinfo.ini': '[Sequence]\nname=a\nimDir=img1\nframeRate=1\nseqLength=1\nimWidth=4\nimHeight=4\nimExt=.jpg\ncolour=red\n' });
    expect(error.where).toEqual({ file: 'seqinfo.ini', line: 9 });
  });
  it('drops an unlabeled row with a diagnostic', async () => {
    const readContext = createContext();
    const dataset = await readMot(new MemoryTree({ 'gt/gt.txt': '1,-1,0,0,4,4,1,-1,1.0\n1,-1,0,0,4,4,1,1,1.0\n', 'gt/labels.txt': 'car' }), {}, readContext);
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(readContext.diagnostics.items.map((item) => [item.code, item.where?.line])).toEqual([['label-unknown', 1]]);
  });
  it('falls back to the MOT16 classes without labels.txt', async () => {
    const dataset = await readMot(new MemoryTree({ 'gt/gt.txt': '1,1,0,0,4,4,1,3,1.0\n' }), {}, createContext());
    expect(dataset.labels.find((label) => label.id === dataset.annotations.tracks[0]!.label_id)!.name).toBe('car');
  });
});

describe('MOTS bad input', () => {
  const png = (values: number[], width: number) => encodePng({ width, height: values.length / width, channels: 1, bitDepth: 16, data: Uint16Array.from(values) });
  it('names file, row and column of a pixel whose class is not a label', async () => {
    const tree = new MemoryTree({ 'instances/1.png': png([0, 1001, 0, 0, 0, 3007], 3), 'instances/labels.txt': 'a\nb' });
    const error = await readMots(tree, {}, createContext()).catch((caught: unknown) => caught);
    expect(AnnoconvError.isInstance(error) && error.code).toBe('parse');
    expect((error as ParseError).where).toEqual({ file: 'instances/1.png', line: 2, column: 3 });
    expect((error as ParseError).message).toMatch(/class 3 is not in the label list/);
  });
  it('reads class 10 as the "ignored" label with z_order 1 when fewer than 10 labels exist', async () => {
    const values = new Array<number>(36).fill(0);
    for (const pixel of [7, 8, 13, 14]) values[pixel] = 10005;
    const dataset = await readMots(new MemoryTree({ 'instances/1.png': png(values, 6), 'instances/labels.txt': 'a' }), {}, createContext());
    const [track] = dataset.annotations.tracks;
    expect(dataset.labels.find((label) => label.id === track!.label_id)!.name).toBe('ignored');
    expect(track!.shapes[0]!.z_order).toBe(1);
  });
  it('refuses an RGB instance PNG', async () => {
    const tree = new MemoryTree({ 'instances/1.png': encodePng({ width: 1, height: 1, channels: 3, data: [1, 2, 3] }) });
    await expect(readMots(tree, {}, createContext())).rejects.toThrow(/grey PNG/);
  });
});

describe('detection', () => {
  it('gives reasons when nothing matches', async () => {
    const tree = new MemoryTree({ 'a.txt': 'x' });
    expect(await detectMot(tree, createContext())).toEqual({ confidence: 0, reasons: ['no gt/gt.txt'] });
    expect(await detectMots(tree, createContext())).toEqual({ confidence: 0, reasons: ['no instances/*.png'] });
  });
  it('answers low for a gt.txt that is not MOT rows', async () => {
    const result = await detectMot(new MemoryTree({ 'seq/gt/gt.txt': 'frame id x\n' }), createContext());
    expect(result.confidence).toBeLessThan(0.5);
    expect(result.reasons.join(' ')).toMatch(/not 7\+ comma-separated numbers/);
  });
});

describe('abort', () => {
  it('stops reading and writing when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = { ...createContext(), signal: controller.signal };
    const png = encodePng({ width: 1, height: 1, channels: 1, bitDepth: 16, data: [1001] });
    await expect(readMots(new MemoryTree({ 'instances/1.png': png, 'instances/labels.txt': 'a' }), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
    const { writeMot } = await import('./write-mot.js');
    const dataset = (await import('@annoconv/testing')).datasetWith(['a'], [{ name: '000001.jpg' }]);
    await expect(writeMot(dataset, new (await import('@annoconv/io')).MemorySink(), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
  });
});
