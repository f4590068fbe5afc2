// Minimal reproductions of the integration bugs the interoperability suite found. Fixed ones are regression
// tests; open ones are `it.fails` (each names the bug and where it lives) and start failing once fixed — then
// turn them into plain tests and drop the matching workaround in known-bugs.ts.
import type { Dataset, Label, Shape, Track, TrackedShape } from '@annoconv/core';
import { describe, expect, it } from 'vitest';
import { detect } from '../detect.js';
import { findFormat } from '../find-format.js';
import { readDataset } from '../read-dataset.js';
import { flatObjects } from './flat-objects.js';
import { convertTree, readBack, writeDataset } from './run-conversion.js';

function label(id: number, name: string, attributes: Label['attributes'] = []): Label {
  return { id, name, color: '', type: 'any', attributes, sublabels: [] };
}

function dataset(parts: { labels?: Label[]; frames?: Dataset['frames']; shapes?: Shape[]; tracks?: Track[]; tags?: Dataset['annotations']['tags']; mode?: 'annotation' | 'interpolation' }): Dataset {
  return {
    labels: parts.labels ?? [label(1, 'car'), label(2, 'person')],
    frames: parts.frames ?? [0, 1, 2, 3].map((index) => ({ index, name: `f${index}.jpg`, width: 20, height: 20, subset: '' })),
    meta: { name: 'bugs', mode: parts.mode ?? 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: parts.tags ?? [], shapes: parts.shapes ?? [], tracks: parts.tracks ?? [] },
  };
}

function shape(frame: number, type: Shape['type'], points: number[], extra: Partial<Shape> = {}): Shape {
  return { id: null, label_id: 1, frame, group: 0, source: 'manual', type, occluded: false, outside: false, z_order: 0, rotation: 0, points, attributes: [], score: 1, elements: [], ...extra };
}

function keyframe(frame: number, type: TrackedShape['type'], points: number[], extra: Partial<TrackedShape> = {}): TrackedShape {
  return { id: null, frame, type, occluded: false, outside: false, z_order: 0, rotation: 0, points, attributes: [], ...extra };
}

function track(shapes: TrackedShape[], extra: Partial<Track> = {}): Track {
  return { id: null, label_id: 1, frame: shapes[0]!.frame, group: 0, source: 'manual', attributes: [], shapes, elements: [], ...extra };
}

const tag = (frame: number, labelId = 1) => ({ id: null, label_id: labelId, frame, group: 0, source: 'manual', attributes: [] });

async function roundTrip(input: Dataset, formatId: string) {
  const format = findFormat(formatId);
  const written = await writeDataset(input, format);
  return { written, back: await readBack(written.tree, format) };
}

describe('fixed: regression tests', () => {
  it('an Ultralytics Segmentation export of one 4-point polygon is detected as Segmentation, not OBB (format-yolo detect)', async () => {
    const { written } = await roundTrip(dataset({ shapes: [shape(0, 'polygon', [1, 1, 15, 2, 12, 14, 3, 9])] }), 'ultralytics-segmentation');
    expect((await detect(written.tree)).candidates[0]?.format).toBe('ultralytics-segmentation');
  });

  it('an Ultralytics OBB export of a rotated box is still detected as OBB', async () => {
    const { written } = await roundTrip(dataset({ shapes: [shape(0, 'rectangle', [4, 4, 12, 8], { rotation: 30 })] }), 'ultralytics-obb');
    expect((await detect(written.tree)).candidates[0]?.format).toBe('ultralytics-obb');
  });

  it('a second tag of one label on an image is reported by Ultralytics Classification (duplicate)', async () => {
    const { written } = await roundTrip(dataset({ tags: [tag(0), tag(0)] }), 'ultralytics-classification');
    expect(written.diagnostics.map((diagnostic) => diagnostic.code)).toContain('duplicate');
  });

  it('a mutable attribute that changes along a track survives Datumaro (specs made from values are mutable)', async () => {
    const labels = [label(1, 'car', [{ id: 1, name: 'colour', mutable: true, input_type: 'text', default_value: '', values: [] }])];
    const input = dataset({ labels, tracks: [track([keyframe(0, 'rectangle', [0, 0, 5, 5], { attributes: [{ spec_id: 1, value: 'red' }] }), keyframe(1, 'rectangle', [0, 0, 5, 5], { attributes: [{ spec_id: 1, value: 'blue' }] })])] });
    const { back } = await roundTrip(input, 'datumaro');
    expect(flatObjects(back.dataset).map((object) => `${object.frame}:${object.attributes.get('colour')}`)).toEqual(expect.arrayContaining(['0:red', '1:blue', '2:blue', '3:blue']));
  });

  it('an ellipse track read back from Datumaro (masks with track_id) converts further, its masks kept per frame', async () => {
    const input = dataset({ tracks: [track([keyframe(0, 'ellipse', [10, 10, 14, 7]), keyframe(1, 'ellipse', [10, 10, 15, 6])])] });
    const written = await writeDataset(input, findFormat('datumaro'));
    const converted = await convertTree(written.tree, findFormat('datumaro'), findFormat('cvat'));
    expect(converted.diagnostics.map((diagnostic) => diagnostic.code)).toContain('track-flattened');
    const back = await readBack(converted.tree, findFormat('cvat'));
    expect(back.dataset.annotations.shapes.filter((item) => item.type === 'mask').map((item) => item.frame)).toEqual([0, 1, 2, 3]);
  });

  it('a KITTI export of a dataset without frames, or of frames without objects, reads back', async () => {
    expect((await roundTrip(dataset({ frames: [] }), 'kitti')).back.dataset.frames).toEqual([]);
    expect((await roundTrip(dataset({}), 'kitti')).back.dataset.frames.map((frame) => frame.name)).toEqual(['f0.png', 'f1.png', 'f2.png', 'f3.png']);
  });

  it('a TFRecord export of a dataset without frames reads back with its labels', async () => {
    const { back } = await roundTrip(dataset({ frames: [] }), 'tfrecord');
    expect(back.dataset.labels.map((item) => item.name)).toEqual(['car', 'person']);
    expect(back.dataset.frames).toEqual([]);
  });
});

describe('open: reproductions', () => {
  // "mask track" — format-coco read (core/import shapesToTracks with geometry's tracksToShapes): an ellipse track
  // is written per frame as masks with track_id; the reader rebuilds one mask track with several keyframes, which
  // no writer can expand (GeometryError, an untyped error → exit 70).
  // Fixed: masks with track_id stay per-frame masks (track-flattened), as in Datumaro's reader.
  it('an ellipse track read back from coco can be converted further (mask track with 2 keyframes crashes writers)', async () => {
    const input = dataset({ tracks: [track([keyframe(0, 'ellipse', [10, 10, 14, 7]), keyframe(1, 'ellipse', [10, 10, 15, 6])])] });
    const written = await writeDataset(input, findFormat('coco'));
    await expect(convertTree(written.tree, findFormat('coco'), findFormat('voc'))).resolves.toBeDefined();
  });

  // "video sizes" — format-cvat write.ts: <original_size> is written only in interpolation mode (from the first
  // frame), so other datasets lose every frame size in "CVAT for video" and no diagnostic says so.
  it('"CVAT for video" keeps the frame size of a dataset in annotation mode (or says it does not)', async () => {
    const { written, back } = await roundTrip(dataset({ shapes: [shape(0, 'rectangle', [1, 1, 5, 5])] }), 'cvat-video');
    const reported = written.diagnostics.some((diagnostic) => diagnostic.code === 'image-size-unknown' || diagnostic.code === 'field-dropped');
    expect(reported || back.dataset.frames.every((frame) => frame.width === 20 && frame.height === 20)).toBe(true);
  });

  // "video project" — format-cvat write.ts: with frames in several subsets (project layout), track frames are
  // numbered across the dataset instead of per task; the reader then finds a track without a keyframe on its
  // task's frames and refuses the file. Fixed: written as one task, the subsets reported.
  it('"CVAT for video" of frames in two subsets reads back', async () => {
    const frames = [
      { index: 0, name: 'a.jpg', width: 20, height: 20, subset: 'train' },
      { index: 1, name: 'b.jpg', width: 20, height: 20, subset: 'val' },
    ];
    const { back } = await roundTrip(dataset({ frames, mode: 'interpolation', shapes: [shape(0, 'rectangle', [1, 1, 5, 5]), shape(1, 'rectangle', [2, 2, 6, 6])] }), 'cvat-video');
    expect(back.dataset.frames.map((frame) => frame.name).sort()).toEqual(['frame_000000', 'frame_000001']);
  });

  // "segmask empty" — format-segmask write.ts: a dataset whose frames hold only shapes it cannot paint lists no
  // frame, writes no ImageSets/Segmentation list, and its own reader refuses the output.
  it('a Segmentation mask export of a frame holding only a polyline reads back', async () => {
    const { back } = await roundTrip(dataset({ frames: [{ index: 0, name: 'f0.jpg', width: 20, height: 20, subset: '' }], shapes: [shape(0, 'polyline', [1, 1, 5, 5])] }), 'segmask');
    expect(back.dataset.annotations.shapes).toEqual([]);
  });

  // "empty dataset" — format-voc / format-segmask write.ts: a dataset with labels and no frames writes a label
  // map only, which the format's own reader refuses (TFRecord writes an empty record file instead).
  for (const formatId of ['voc', 'segmask']) {
    it(`a ${formatId} export of a dataset without frames reads back`, async () => {
      const { back } = await roundTrip(dataset({ frames: [] }), formatId);
      expect(back.dataset.frames).toEqual([]);
    });
  }

  // "voc duplicate tags" — format-voc write.ts: two tags of one label on a frame become one per-class list line,
  // with no diagnostic.
  it('PASCAL VOC reports a second tag of one label on a frame', async () => {
    const { written, back } = await roundTrip(dataset({ tags: [tag(0), tag(0)] }), 'voc');
    const reported = written.diagnostics.some((diagnostic) => diagnostic.code === 'duplicate' || diagnostic.code === 'tag-unsupported');
    expect(reported || back.dataset.annotations.tags.length === 2).toBe(true);
  });

  // "track end" — core/import/shapes-to-tracks.ts (CVAT's import_dm_annotations rule): a track whose last visible
  // frames are interpolated towards an outside keyframe is written per frame; the rebuild keeps only the keyframe
  // before them and closes the track with a copy of the last visible shape, so the interpolated frames move.
  for (const via of ['datumaro', 'coco', 'voc']) {
    it.fails(`the interpolated frame before an outside keyframe keeps its box through ${via}`, async () => {
      const input = dataset({ tracks: [track([keyframe(0, 'rectangle', [0, 0, 10, 10]), keyframe(2, 'rectangle', [10, 10, 20, 20], { outside: true })])] });
      const { back } = await roundTrip(input, via);
      const frame1 = flatObjects(back.dataset).find((object) => object.frame === 1);
      expect(frame1?.points).toEqual([5, 5, 15, 15]);
    });
  }

  // "mots masks" — format-mot read-mots.ts with convMaskToPoly false (CVAT itself imports only polygons): every
  // instance comes back as per-frame masks, since CVAT cannot interpolate a mask track of several keyframes, and a
  // MOTS export keeps only tracks (CVAT's KeepTracks), so a second export drops what the first one kept. This is
  // what the chains A → mots → A (coco, cvat-video, voc) list as unstable.
  it.fails('a track written as MOTS and read back with masks kept survives a second MOTS export', async () => {
    const input = dataset({ tracks: [track([keyframe(0, 'rectangle', [2, 2, 9, 9]), keyframe(1, 'rectangle', [3, 3, 10, 10])])] });
    const mots = findFormat('mots');
    const first = await writeDataset(input, mots);
    const once = await readDataset(first.tree, { from: mots, options: { convMaskToPoly: false } });
    expect(flatObjects(once.dataset).length).toBeGreaterThan(0);
    const second = await writeDataset(once.dataset, mots);
    const twice = await readDataset(second.tree, { from: mots, options: { convMaskToPoly: false } });
    expect(flatObjects(twice.dataset).length).toBe(flatObjects(once.dataset).length);
  });

  // "coco mutable attributes" — format-coco read.ts: attribute specs made from values are immutable, so a value
  // that changes along a track is replaced by the track's first value when tracks are rebuilt (Datumaro fixed).
  // Fixed: specs made from values are mutable.
  it('a mutable attribute that changes along a track survives COCO', async () => {
    const labels = [label(1, 'car', [{ id: 1, name: 'colour', mutable: true, input_type: 'text', default_value: '', values: [] }])];
    const input = dataset({ labels, tracks: [track([keyframe(0, 'rectangle', [0, 0, 5, 5], { attributes: [{ spec_id: 1, value: 'red' }] }), keyframe(1, 'rectangle', [0, 0, 5, 5], { attributes: [{ spec_id: 1, value: 'blue' }] })])] });
    const { back } = await roundTrip(input, 'coco');
    expect(flatObjects(back.dataset).find((object) => object.frame === 1)?.attributes.get('colour')).toBe('blue');
  });

  // "coco group track" — format-coco: a track polygon grouped with a plain polygon on a frame is written as one
  // multi-part annotation carrying the track's track_id; the reader turns both parts into keyframes of that track
  // on the same frame, and every writer after it fails with an untyped GeometryError ("two different keyframes
  // on frame 0"). Fixed: the writer splits such a group by track, the reader keeps one shape per track and frame.
  it('a COCO group that joins a track shape and a plain shape can be converted further', async () => {
    const input = dataset({ shapes: [shape(0, 'polygon', [0, 0, 0, 0, 0, 0], { group: 1 })], tracks: [track([keyframe(0, 'polygon', [0, 0.1, 0, 0, 2.9, 20.7])], { group: 1 })] });
    const written = await writeDataset(input, findFormat('coco'));
    await expect(convertTree(written.tree, findFormat('coco'), findFormat('cvat'))).resolves.toBeDefined();
  });
});
