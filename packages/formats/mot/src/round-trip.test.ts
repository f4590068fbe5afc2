import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import type { Dataset, Shape, Track } from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';
import { MemorySink } from '@annoconv/io';
import { readMot } from './read-mot.js';
import { writeMot } from './write-mot.js';
import { readMots } from './read-mots.js';
import { writeMots } from './write-mots.js';
import { pad6 } from './names.js';
import { createContext } from '@annoconv/core';
import { box, datasetWith, shapePixels, trackPixels } from '@annoconv/testing';

const coordinate = fc.double({ min: 0, max: 500, noNaN: true });
const boxPoints = fc.tuple(coordinate, coordinate, fc.double({ min: 0.5, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true })).map(([x, y, w, h]) => [x, y, x + w, y + h]);

/** A MOT-holdable dataset: boxes and box tracks on frames named 000001.jpg …, labels without attributes. */
const motDataset = fc.integer({ min: 1, max: 6 }).chain((frameCount) =>
  fc.record({
    labels: fc.uniqueArray(fc.stringMatching(/^[a-z]([a-z ]{0,7}[a-z])?$/), { minLength: 1, maxLength: 3 }),
    shapes: fc.array(fc.record({ label: fc.nat(2), frame: fc.nat(frameCount - 1), points: boxPoints, occluded: fc.boolean() }), { maxLength: 5 }),
    tracks: fc.array(
      fc.record({
        label: fc.nat(2),
        keyframes: fc.uniqueArray(fc.record({ frame: fc.nat(frameCount - 1), points: boxPoints, outside: fc.boolean(), occluded: fc.boolean() }), { minLength: 1, maxLength: 4, selector: (keyframe) => keyframe.frame }),
      }),
      { maxLength: 3 },
    ),
  }).map(({ labels, shapes, tracks }) => {
    const dataset = datasetWith(labels, Array.from({ length: frameCount }, (_, index) => ({ name: `${pad6(index + 1)}.jpg`, width: 640, height: 480 })));
    for (const frame of dataset.frames) frame.image = { path: frame.name, read: async () => new Uint8Array([1, 2, 3]) };
    const label = (index: number) => dataset.labels[index % labels.length]!.id;
    dataset.annotations.shapes = shapes.map((shape) => box({ label_id: label(shape.label), frame: shape.frame, points: shape.points, occluded: shape.occluded }));
    dataset.annotations.tracks = tracks.map((track): Track => {
      const keyframes = [...track.keyframes].sort((a, b) => a.frame - b.frame);
      return {
        id: null, label_id: label(track.label), frame: keyframes[0]!.frame, group: 0, source: 'manual', attributes: [], elements: [],
        shapes: keyframes.map((keyframe) => ({ id: null, frame: keyframe.frame, type: 'rectangle', occluded: keyframe.occluded, outside: keyframe.outside, z_order: 0, rotation: 0, points: keyframe.points, attributes: [] })),
      };
    });
    return dataset;
  }),
);

/** Per frame: every visible box (plain or from a track) as label, rounded corners, occluded and whether it is tracked. */
function visibleBoxes(dataset: Dataset): string[] {
  const name = (id: number) => dataset.labels.find((label) => label.id === id)!.name;
  const describe = (shape: Pick<Shape, 'frame' | 'label_id' | 'points' | 'occluded'>, tracked: boolean) =>
    `${shape.frame} ${name(shape.label_id)} ${shape.points.map((value) => value.toFixed(6)).join(',')} ${shape.occluded} ${tracked}`;
  return [
    ...dataset.annotations.shapes.map((shape) => describe(shape, false)),
    ...tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length }).filter((shape) => !shape.outside).map((shape) => describe(shape, true)),
  ].sort();
}

describe('MOT round trip', () => {
  it.prop([motDataset], { numRuns: 60 })('keeps every visible box per frame, its label, occlusion and whether it is tracked', async (dataset) => {
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeMot(dataset, sink, { saveImages: true }, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readMot(sink.toTree(), {}, createContext());
    expect(back.frames.map((frame) => frame.name)).toEqual(dataset.frames.map((frame) => frame.name));
    expect(visibleBoxes(back)).toEqual(visibleBoxes(dataset));
    // Written again, the read-back dataset gives the same rows: the format's fixed point.
    const again = new MemorySink();
    await writeMot(back, again, {}, createContext());
    // Rows of one frame may come in another order: tracks are read back in order of first appearance.
    const rows = (files: Map<string, Uint8Array>) => new TextDecoder().decode(files.get('gt/gt.txt')).split('\r\n').sort();
    expect(rows(again.files)).toEqual(rows(sink.files));
  });
});

/** A MOTS-holdable dataset: box and polygon tracks of integer corners on small frames, distinct labels per frame region. */
const motsDataset = fc.integer({ min: 1, max: 4 }).chain((frameCount) =>
  fc.record({
    labels: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 3 }),
    tracks: fc.array(
      fc.record({
        label: fc.nat(2),
        type: fc.constantFrom('rectangle' as const, 'polygon' as const),
        keyframes: fc.uniqueArray(fc.record({ frame: fc.nat(frameCount - 1), x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 12 }), w: fc.integer({ min: 2, max: 8 }), h: fc.integer({ min: 2, max: 6 }), outside: fc.boolean() }), { minLength: 1, maxLength: 3, selector: (keyframe) => keyframe.frame }),
      }),
      { maxLength: 4 },
    ),
  }).map(({ labels, tracks }) => {
    const dataset = datasetWith(labels, Array.from({ length: frameCount }, (_, index) => ({ name: `${index + 1}.jpg`, width: 30, height: 20, subset: index % 2 ? 'val' : 'train' })));
    dataset.annotations.tracks = tracks.map((track, index): Track => {
      const keyframes = [...track.keyframes].sort((a, b) => a.frame - b.frame);
      return {
        id: null, label_id: dataset.labels[track.label % labels.length]!.id, frame: keyframes[0]!.frame, group: 0, source: 'manual', attributes: [], elements: [],
        shapes: keyframes.map((keyframe) => ({
          id: null, frame: keyframe.frame, type: track.type, occluded: false, outside: keyframe.outside, z_order: index, rotation: 0, attributes: [],
          // Polygon keyframes keep the first keyframe's size: a moved rectangle stays one between keyframes, while
          // re-vectorising a slanted interpolated polygon may legitimately move border pixels.
          points: track.type === 'rectangle'
            ? [keyframe.x, keyframe.y, keyframe.x + keyframe.w, keyframe.y + keyframe.h]
            : [keyframe.x, keyframe.y, keyframe.x + keyframes[0]!.w, keyframe.y, keyframe.x + keyframes[0]!.w, keyframe.y + keyframes[0]!.h, keyframe.x, keyframe.y + keyframes[0]!.h],
        })),
      };
    });
    return dataset;
  }),
);

/** What the painted PNG holds: per frame, the label of every pixel after painting tracks in z order. */
function paintedLabels(dataset: Dataset): Record<string, string> {
  const pixels = trackPixels(dataset);
  // trackPixels unions per label; the painted image resolves overlaps, so compare the top label per pixel.
  const order = new Map<string, number>();
  tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length }).forEach((shape) => order.set(`${shape.frame}:${dataset.labels.find((label) => label.id === shape.label_id)!.name}`, shape.z_order));
  const top: Record<string, string> = {};
  for (const [key, list] of Object.entries(pixels)) {
    const [frame, label] = key.split(':') as [string, string];
    for (const pixel of list) top[`${frame}#${pixel}`] = top[`${frame}#${pixel}`] === undefined ? label : `${top[`${frame}#${pixel}`]}|${label}`;
  }
  return top;
}

describe('MOTS round trip', () => {
  it.prop([motsDataset], { numRuns: 15 })('keeps which label is painted on top at every pixel of every frame', async (dataset) => {
    const sink = new MemorySink();
    await writeMots(dataset, sink, {}, createContext());
    const painted = paintedLabels(dataset);
    // As masks, the file's pixels come back exactly: the label on top wherever labels overlapped.
    const masks = await readMots(sink.toTree(), { convMaskToPoly: false }, createContext());
    const maskLabels: Record<string, string> = {};
    for (const [key, list] of Object.entries(shapePixels(masks))) {
      const [frame, label] = key.split(':') as [string, string];
      for (const pixel of list) maskLabels[`${frame}#${pixel}`] = label;
    }
    expect(Object.keys(maskLabels).sort()).toEqual(Object.keys(painted).sort());
    for (const [pixel, label] of Object.entries(maskLabels)) expect(painted[pixel]!.split('|'), pixel).toContain(label);
    // As polygons (CVAT's default) pixels keep their labels, except on borders: simplifying a traced outline (as
    // CVAT's mask-to-polygon conversion does) may give a border pixel of one instance to its neighbour too, or drop
    // a sliver. Such border pixels stay a small share of the whole.
    const polygons = paintedLabels(await readMots(sink.toTree(), {}, createContext()));
    const moved = Object.entries(polygons).filter(([pixel, labels]) => labels.split('|').some((label) => !(painted[pixel]?.split('|') ?? []).includes(label)));
    expect(moved.length, moved.slice(0, 5).map(([pixel]) => pixel).join(', ')).toBeLessThanOrEqual(Math.max(3, Object.keys(painted).length * 0.03));
  });
});
