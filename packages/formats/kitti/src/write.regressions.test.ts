// Regressions of the KITTI writer found by the interoperability suite: a dataset without objects or without frames
// used to write nothing readable ("no label_2/*.txt or instance/*.png found").
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset, Shape } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { writeKitti } from './write.js';
import { readKitti } from './read.js';
import { detectKitti } from './detect.js';

function dataset(frames: Dataset['frames'], shapes: Shape[] = []): Dataset {
  return {
    labels: [{ id: 1, name: 'car', color: '#ff0000', type: 'any', attributes: [], sublabels: [] }],
    frames,
    meta: { name: 'n', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes, tracks: [] },
  };
}

function shape(frame: number, type: Shape['type'], points: number[]): Shape {
  return { id: null, label_id: 1, frame, group: 0, source: 'manual', attributes: [], type, occluded: false, outside: false, z_order: 0, rotation: 0, points, score: 1, elements: [] };
}

const frame = (index: number) => ({ index, name: `f${index}.png`, width: 10, height: 10, subset: '' });

async function roundTrip(data: Dataset) {
  const sink = new MemorySink();
  const context = createContext();
  await writeKitti(data, sink, {}, context);
  const files = Object.fromEntries(sink.files);
  const tree = new MemoryTree(files);
  return { files, diagnostics: context.diagnostics.items, tree, back: await readKitti(tree, {}, createContext()) };
}

describe('KITTI writer regressions', () => {
  it('frames without objects get empty label_2 files and read back', async () => {
    const { files, back } = await roundTrip(dataset([frame(0), frame(1)]));
    expect(Object.keys(files).sort()).toEqual(['default/label_2/f0.txt', 'default/label_2/f1.txt', 'label_colors.txt']);
    expect(back.frames.map((item) => item.name)).toEqual(['f0.png', 'f1.png']);
    expect(back.labels.map((label) => label.name)).toContain('car');
  });

  it('a frame without boxes beside a frame with boxes gets an empty label_2 file', async () => {
    const { files, back } = await roundTrip(dataset([frame(0), frame(1)], [shape(0, 'rectangle', [1, 1, 4, 4])]));
    expect(new TextDecoder().decode(files['default/label_2/f1.txt'])).toBe('');
    expect(back.frames.map((item) => item.name)).toEqual(['f0.png', 'f1.png']);
    expect(back.annotations.shapes).toHaveLength(1);
  });

  it('a segmentation export writes a background-only instance PNG for a bare frame, which reads back with its size', async () => {
    const { files, diagnostics, back } = await roundTrip(dataset([frame(0), frame(1)], [shape(0, 'polygon', [1, 1, 8, 1, 8, 8])]));
    expect(Object.keys(files).some((path) => path.includes('label_2/'))).toBe(false);
    expect(Object.keys(files)).toContain('default/instance/f1.png');
    expect(diagnostics.filter((item) => item.code !== 'shape-converted')).toEqual([]);
    expect(back.frames.map((item) => [item.name, item.width, item.height])).toEqual([['f0.png', 10, 10], ['f1.png', 10, 10]]);
    expect(back.annotations.shapes.map((item) => item.frame)).toEqual([0]);
  });

  it('a bare frame of unknown size in a segmentation export is reported by name', async () => {
    const { diagnostics, back } = await roundTrip(dataset([frame(0), { ...frame(1), width: undefined, height: undefined } as unknown as Dataset['frames'][number]], [shape(0, 'polygon', [1, 1, 8, 1, 8, 8])]));
    expect(diagnostics.filter((item) => item.code === 'annotation-unmatched').map((item) => item.where?.frameName)).toEqual(['f1.png']);
    expect(back.frames.map((item) => item.name)).toEqual(['f0.png']);
  });

  it('an export of boxes and masks gives every frame a label_2 file and reports, per frame, the masks import skips', async () => {
    const { files, diagnostics, back } = await roundTrip(dataset([frame(0), frame(1), frame(2)], [shape(0, 'rectangle', [1, 1, 4, 4]), shape(1, 'polygon', [1, 1, 8, 1, 8, 8])]));
    expect(Object.keys(files).filter((path) => path.includes('label_2/')).sort()).toEqual(['default/label_2/f0.txt', 'default/label_2/f1.txt', 'default/label_2/f2.txt']);
    expect(diagnostics.filter((item) => item.code === 'shape-unsupported').map((item) => item.where?.frameName)).toEqual(['f1.png']);
    expect(back.frames.map((item) => item.name)).toEqual(['f0.png', 'f1.png', 'f2.png']);
  });

  it('reports that label_2 keeps no image size', async () => {
    const { diagnostics, back } = await roundTrip(dataset([frame(0)], [shape(0, 'rectangle', [1, 1, 4, 4])]));
    expect(diagnostics.map((item) => item.code)).toEqual(['field-dropped']);
    expect(back.frames[0]!.width).toBeUndefined();
  });

  it('a dataset without frames writes an empty label_2/ folder and reads back as an empty dataset with its labels', async () => {
    const { files, tree, back } = await roundTrip(dataset([]));
    expect(Object.keys(files).sort()).toEqual(['default/label_2/.keep', 'label_colors.txt']);
    expect(back.frames).toEqual([]);
    expect(back.labels.map((label) => label.name)).toContain('car');
    expect((await detectKitti(tree, createContext())).confidence).toBeGreaterThan(0);
  });
});

describe('KITTI background class', () => {
  it('reports a label named background (class 0, not read back as a label) and its painted shapes', async () => {
    const data = dataset([frame(0)], [{ ...shape(0, 'polygon', [1, 1, 8, 1, 8, 8]), label_id: 2 }]);
    data.labels.push({ id: 2, name: 'background', color: '#000000', type: 'any', attributes: [], sublabels: [] });
    const { diagnostics, back } = await roundTrip(data);
    expect(diagnostics.filter((item) => item.where?.objectKind === 'label').map((item) => [item.code, item.where?.objectId])).toEqual([['field-dropped', 'background']]);
    expect(diagnostics.filter((item) => item.code === 'shape-unsupported').map((item) => item.where?.frameName)).toEqual(['f0.png']);
    expect(back.labels.map((label) => label.name)).toEqual(['car']);
    expect(back.annotations.shapes).toEqual([]);
  });
});
