// The MOT writer reports the frames it cannot give back: import numbers frames 1 … the last one of gt.txt, and
// CVAT writes no seqinfo.ini, so frames after the last box are lost unless their images are saved.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { box, datasetWith } from '@annoconv/testing';
import { readMot } from './read-mot.js';
import { writeMot } from './write-mot.js';

describe('MOT frames after the last box', () => {
  it('are reported by name and do not read back', async () => {
    const dataset = datasetWith(['car'], ['000001.jpg', '000002.jpg', '000003.jpg'].map((name) => ({ name, width: 8, height: 8 })));
    dataset.annotations.shapes = [box({ label_id: 1, frame: 0, points: [1, 1, 4, 4] })];
    const sink = new MemorySink();
    const context = createContext();
    await writeMot(dataset, sink, {}, context);
    const reported = context.diagnostics.items.filter((item) => item.code === 'field-dropped');
    expect(reported.map((item) => item.where?.frameName)).toEqual(['000002.jpg']);
    expect(reported[0]!.message).toMatch(/2 frame\(s\).*'000002.jpg', '000003.jpg'/);
    expect((await readMot(sink.toTree(), {}, createContext())).frames.map((frame) => frame.name)).toEqual(['000001.jpg']);
  });

  it('are not reported when their images are saved (img1/ brings them back)', async () => {
    const dataset = datasetWith(['car'], ['000001.jpg', '000002.jpg'].map((name) => ({ name, width: 8, height: 8 })));
    for (const frame of dataset.frames) frame.image = { path: frame.name, read: async () => new Uint8Array([1]) };
    const context = createContext();
    await writeMot(dataset, new MemorySink(), { saveImages: true }, context);
    expect(context.diagnostics.items.filter((item) => item.code === 'field-dropped')).toEqual([]);
  });
});
