// Regressions of "CVAT for video" found by the interoperability suite: frame sizes in every mode and a dataset of
// several subsets, both of which used to come back unreadable or without sizes.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset, Shape } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { writeCvat } from './write.js';
import { readCvat } from './read.js';

function box(frame: number, points: number[]): Shape {
  return { id: null, label_id: 1, frame, group: 0, source: 'manual', attributes: [], type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points, score: 1, elements: [] };
}

function dataset(frames: Dataset['frames'], mode: 'annotation' | 'interpolation', shapes: Shape[]): Dataset {
  return {
    labels: [{ id: 1, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] }],
    frames,
    meta: { name: 'n', mode, startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes, tracks: [] },
  };
}

async function videoRoundTrip(data: Dataset) {
  const sink = new MemorySink();
  const context = createContext();
  await writeCvat(data, sink, 'video', {}, context);
  const xml = new TextDecoder().decode(sink.files.get('annotations.xml')!);
  const back = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, createContext());
  return { xml, diagnostics: context.diagnostics.items, back };
}

const frame = (index: number, width: number, height: number, subset = '') => ({ index, name: `f${index}.jpg`, width, height, subset });

describe('"CVAT for video" regressions', () => {
  it('original_size is written in annotation mode and every frame reads back with it', async () => {
    const { xml, diagnostics, back } = await videoRoundTrip(dataset([frame(0, 20, 10), frame(1, 20, 10), frame(2, 20, 10)], 'annotation', [box(0, [1, 1, 5, 5])]));
    expect(xml).toContain('<original_size>\n        <width>20</width>\n        <height>10</height>\n      </original_size>');
    expect(diagnostics.filter((item) => item.code === 'field-dropped' || item.code === 'image-size-unknown')).toEqual([]);
    expect(back.frames.map((item) => [item.width, item.height])).toEqual([[20, 10], [20, 10], [20, 10]]);
  });

  it('frames of different sizes are reported by name and read back with the one task size', async () => {
    const { diagnostics, back } = await videoRoundTrip(dataset([frame(0, 20, 10), frame(1, 30, 10), frame(2, 20, 10)], 'interpolation', [box(0, [1, 1, 5, 5])]));
    const reported = diagnostics.filter((item) => item.code === 'field-dropped');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain("'f1.jpg' (30x10)");
    expect(reported[0]!.where).toEqual({ frame: 1, frameName: 'f1.jpg' });
    expect(back.frames.map((item) => item.width)).toEqual([20, 20, 20]);
  });

  it('frames without any size are reported', async () => {
    const { diagnostics, xml } = await videoRoundTrip(dataset([{ index: 0, name: 'f0.jpg', subset: '' }], 'annotation', []));
    expect(xml).not.toContain('original_size');
    expect(diagnostics.map((item) => item.code)).toContain('image-size-unknown');
  });

  it('frames in several subsets are written as one readable task, the subsets reported', async () => {
    const { xml, diagnostics, back } = await videoRoundTrip(
      dataset([frame(0, 20, 20, 'train'), frame(1, 20, 20, 'val')], 'interpolation', [box(0, [1, 1, 5, 5]), box(1, [2, 2, 6, 6])]),
    );
    expect(xml).not.toContain('<project>');
    expect(diagnostics.some((item) => item.code === 'field-dropped' && item.message.includes('train, val'))).toBe(true);
    expect(back.frames.map((item) => item.name)).toEqual(['frame_000000', 'frame_000001']);
    expect(back.annotations.tracks.map((track) => track.shapes[0]!.frame).sort()).toEqual([0, 1]);
  });

  it('the images flavour still writes a project for several subsets', async () => {
    const sink = new MemorySink();
    await writeCvat(dataset([frame(0, 20, 20, 'train'), frame(1, 20, 20, 'val')], 'annotation', []), sink, 'images', {}, createContext());
    expect(new TextDecoder().decode(sink.files.get('annotations.xml')!)).toContain('<project>');
  });
});
