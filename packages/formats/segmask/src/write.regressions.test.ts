// Regressions of the Segmentation mask writer found by the interoperability suite: every frame is listed (also one
// holding only shapes that cannot be painted), and a dataset without frames reads back as an empty dataset.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset, Shape } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { writeSegmask } from './write.js';
import { readSegmask } from './read.js';

function dataset(frames: Dataset['frames'], shapes: Shape[] = []): Dataset {
  return {
    labels: [{ id: 1, name: 'car', color: '#ff0000', type: 'any', attributes: [], sublabels: [] }],
    frames,
    meta: { name: 'n', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes, tracks: [] },
  };
}

const polyline: Shape = { id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [], type: 'polyline', occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 1, 5, 5], score: 1, elements: [] };

async function roundTrip(data: Dataset) {
  const sink = new MemorySink();
  const context = createContext();
  await writeSegmask(data, sink, {}, context);
  const files = Object.fromEntries(sink.files);
  const back = await readSegmask(new MemoryTree(files), {}, createContext());
  return { files, diagnostics: context.diagnostics.items, back };
}

describe('Segmentation mask writer regressions', () => {
  it('a frame holding only a polyline is listed, reported, and reads back without objects', async () => {
    const { files, diagnostics, back } = await roundTrip(dataset([{ index: 0, name: 'f0.jpg', width: 20, height: 20, subset: '' }], [polyline]));
    expect(new TextDecoder().decode(files['ImageSets/Segmentation/default.txt'])).toBe('f0\n');
    expect(diagnostics.map((item) => item.code)).toContain('shape-unsupported');
    expect(back.frames.map((frame) => frame.name)).toEqual(['f0.jpg']);
    expect(back.annotations.shapes).toEqual([]);
  });

  it('a dataset without frames writes an empty list and reads back as an empty dataset with its labels', async () => {
    const { files, back } = await roundTrip(dataset([]));
    expect(Object.keys(files).sort()).toEqual(['ImageSets/Segmentation/default.txt', 'labelmap.txt']);
    expect(back.frames).toEqual([]);
    expect(back.labels.map((label) => label.name)).toContain('car');
  });
});
