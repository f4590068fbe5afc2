import { describe, expect, it } from 'vitest';
import { createContext, ParseError } from '@annoconv/core';
import { encodePng, MemorySink, MemoryTree } from '@annoconv/io';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';
import { detectKitti } from './detect.js';
import { box, datasetWith } from '@annoconv/testing';

async function parseError(files: Record<string, string | Uint8Array>): Promise<ParseError> {
  const error = await readKitti(new MemoryTree(files), {}, createContext()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

const row = 'Car 0.0 0 -1 0 1 2 3 -1 -1 -1 -1 -1 -1 -1';

describe('KITTI bad input', () => {
  it('names file and line for a wrong column count', async () => {
    const error = await parseError({ 'training/label_2/a.txt': `${row}\n\nCar 0.0 0 -1 0 1 2 3 -1 -1 -1 -1 -1 -1\n` });
    expect(error.where).toEqual({ file: 'training/label_2/a.txt', line: 3 });
    expect(error.message).toMatch(/got 14/);
  });
  it('cannot read a class name with a space: its second word lands in the truncated column', async () => {
    const error = await parseError({ 'label_2/a.txt': 'Traffic sign 0.0 0 -1 0 1 2 3 -1 -1 -1 -1 -1 -1 -1\n' });
    expect(error.message).toMatch(/truncated is not a number: 'sign'/);
  });
  it('names file and line of a column that is not a number', async () => {
    const error = await parseError({ 'label_2/a.txt': 'Car 0.0 zero -1 0 1 2 3 -1 -1 -1 -1 -1 -1 -1' });
    expect(error.where).toEqual({ file: 'label_2/a.txt', line: 1 });
    expect(error.message).toMatch(/occluded is not a number/);
  });
  it('names file, row and column of a 16-bit value whose class is not a label', async () => {
    const png = encodePng({ width: 2, height: 2, channels: 1, bitDepth: 16, data: Uint16Array.from([257, 257, 257, 3 * 256 + 1]) });
    const error = await parseError({ 'training/instance/a.png': png, 'label_colors.txt': '0 0 0 background\n10 10 10 car\n20 20 20 bus\n' });
    expect(error.where).toEqual({ file: 'training/instance/a.png', line: 2, column: 2 });
    expect(error.message).toMatch(/class 3 is not in the label list \(3 classes in label_colors.txt\)/);
  });
  it('refuses a label_colors.txt line of five tokens and a label defined twice', async () => {
    const png = encodePng({ width: 1, height: 1, channels: 1, bitDepth: 16, data: [0] });
    expect((await parseError({ 'instance/a.png': png, 'label_colors.txt': '0 0 0 background\n1 2 3 traffic sign\n' })).where).toEqual({ file: 'label_colors.txt', line: 2 });
    expect((await parseError({ 'instance/a.png': png, 'label_colors.txt': '1 1 1 a\n# comment\n2 2 2 a\n' })).where).toEqual({ file: 'label_colors.txt', line: 3 });
  });
  it('reports the alpha and 3D fields it cannot keep', async () => {
    const readContext = createContext();
    await readKitti(new MemoryTree({ 'label_2/a.txt': 'Car 0.5 2 1.57 0 1 2 3 1.5 1.6 3.9 1 2 30 -1.5 0.9\n' }), {}, readContext);
    expect(readContext.diagnostics.items.map((item) => item.code)).toEqual(['field-ignored']);
  });
});

describe('KITTI writer', () => {
  it('puts the black label first and the others by code point, as CVAT passes its colour map to Datumaro', async () => {
    const dataset = datasetWith(['car', 'Bus', 'Asphalt'], [{ name: 'a.png', width: 4, height: 4 }]);
    dataset.labels[0]!.color = '#112233';
    dataset.labels[2]!.color = '#000000';
    dataset.annotations.shapes = [box({ label_id: 1, frame: 0, points: [0, 0, 2, 2], rotation: 10 })];
    const sink = new MemorySink();
    await writeKitti(dataset, sink, {}, createContext());
    const lines = new TextDecoder().decode(sink.files.get('label_colors.txt')).split('\n');
    // CVAT adds background (0, 0, 0); after sorting, Datumaro moves the first black class (here Asphalt) to index 0.
    expect(lines.map((line) => line.split(' ').pop())).toEqual(['Asphalt', 'Bus', 'background', 'car', '']);
    expect(lines[3]).toBe('17 34 51 car');
  });
  it('reports a rotated box leaving label_2 and a label name with a space', async () => {
    const dataset = datasetWith(['traffic sign'], [{ name: 'a.png', width: 4, height: 4 }]);
    dataset.annotations.shapes = [box({ label_id: 1, frame: 0, points: [0, 0, 2, 2] }), box({ label_id: 1, frame: 0, points: [0, 0, 2, 2], rotation: 30 })];
    const writeContext = createContext();
    await writeKitti(dataset, new MemorySink(), {}, writeContext);
    expect(writeContext.diagnostics.items.map((item) => item.code)).toEqual(['invalid-value', 'shape-converted', 'shape-unsupported', 'data-unsupported', 'field-dropped', 'invalid-value']);
  });
});

describe('KITTI detection', () => {
  it('gives reasons when nothing matches and for foreign text files', async () => {
    expect(await detectKitti(new MemoryTree({ 'a.txt': 'x' }), createContext())).toEqual({ confidence: 0, reasons: ['no label_2/*.txt and no instance/*.png'] });
    const foreign = await detectKitti(new MemoryTree({ 'label_2/a.txt': '0 0.5 0.5 0.1 0.1' }), createContext());
    expect(foreign.confidence).toBeLessThan(0.5);
  });
});

describe('abort', () => {
  it('stops reading and writing when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = { ...createContext(), signal: controller.signal };
    await expect(readKitti(new MemoryTree({ 'label_2/a.txt': row }), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
    await expect(writeKitti(datasetWith(['Car'], [{ name: 'a.png' }]), new MemorySink(), {}, aborted)).rejects.toMatchObject({ code: 'aborted' });
  });
});
