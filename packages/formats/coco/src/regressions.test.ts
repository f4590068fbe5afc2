// Regression tests for bugs the interoperability suite found in COCO, each named after what broke: mask tracks
// rebuilt from per-frame masks, a group joining a track shape and a plain shape, attribute values lost along a
// track, and an Open Images dataset detected as COCO.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createContext, type Dataset, type Shape, type Track, type TrackedShape } from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';
import { folderTree, samplesRoot } from './testing/sample-tree.js';

const meta = { name: '', mode: 'annotation' as const, startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 };
const frames = [0, 1, 2].map((index) => ({ index, name: `f${index}.jpg`, width: 20, height: 20, subset: '' }));

function dataset(shapes: Shape[], tracks: Track[], attributes: Dataset['labels'][number]['attributes'] = []): Dataset {
  return { labels: [{ id: 1, name: 'car', color: '', type: 'any', attributes, sublabels: [] }], frames, meta, annotations: { version: 0, tags: [], shapes, tracks } };
}

function shape(frame: number, type: Shape['type'], points: number[], group = 0): Shape {
  return { id: null, label_id: 1, frame, group, source: 'manual', attributes: [], type, occluded: false, outside: false, z_order: 0, rotation: 0, points, score: 1, elements: [] };
}

function keyframe(frame: number, type: Shape['type'], points: number[], extra: Partial<TrackedShape> = {}): TrackedShape {
  return { id: null, frame, attributes: [], type, occluded: false, outside: false, z_order: 0, rotation: 0, points, ...extra };
}

function track(shapes: TrackedShape[], group = 0): Track {
  return { id: null, label_id: 1, frame: shapes[0]!.frame, group, source: 'manual', attributes: [], shapes, elements: [] };
}

async function roundTrip(input: Dataset): Promise<{ written: ReturnType<typeof createContext>; back: Dataset; read: ReturnType<typeof createContext>; tree: MemoryTree }> {
  const written = createContext();
  const sink = new MemorySink();
  await cocoPlugin.write!(input, sink, {}, written);
  const read = createContext();
  const tree = sink.toTree();
  const back = await cocoPlugin.read!(tree, {}, read);
  return { written, back, read, tree };
}

/** Every rebuilt track expands to per-frame shapes (what every writer does with it). */
function expandable(back: Dataset): void {
  expect(() => tracksToShapes(back.annotations.tracks, { endFrame: back.frames.length })).not.toThrow();
}

const cocoFile = (annotations: unknown[]): string =>
  JSON.stringify({ images: [{ id: 1, file_name: 'f0.jpg', width: 20, height: 20 }, { id: 2, file_name: 'f1.jpg', width: 20, height: 20 }], categories: [{ id: 1, name: 'car' }], annotations });

describe('mask track: masks with track_id stay per-frame masks', () => {
  it('an ellipse track written as per-frame RLE masks reads back as masks, not as a mask track', async () => {
    const input = dataset([], [track([keyframe(0, 'ellipse', [10, 10, 14, 7]), keyframe(1, 'ellipse', [10, 10, 15, 6])])]);
    const { back, read } = await roundTrip(input);
    expect(back.annotations.tracks).toEqual([]);
    expect(back.annotations.shapes.map((item) => [item.type, item.frame])).toEqual([['mask', 0], ['mask', 1], ['mask', 2]]);
    const flattened = read.diagnostics.items.filter((item) => item.code === 'track-flattened');
    expect(flattened).toHaveLength(3);
    expect(flattened.every((item) => item.severity === 'info' && item.where?.frameName !== undefined)).toBe(true);
    expandable(back);
  });
});

describe('coco group track: one track has one shape per frame', () => {
  it('a group joining a plain polygon and a track polygon is written as two annotations, only one with track_id', async () => {
    const input = dataset([shape(0, 'polygon', [0, 0, 4, 0, 4, 4], 1)], [track([keyframe(0, 'polygon', [0, 0.1, 0, 0, 2.9, 20.7])], 1)]);
    const { written, back, tree } = await roundTrip(input);
    const file = JSON.parse(new TextDecoder().decode(await tree.read('annotations/instances_default.json'))) as { annotations: Array<{ image_id: number; attributes: Record<string, unknown> }> };
    const onFrame0 = file.annotations.filter((annotation) => annotation.image_id === 1);
    expect(onFrame0).toHaveLength(2);
    expect(onFrame0.filter((annotation) => 'track_id' in annotation.attributes)).toHaveLength(1);
    expect(written.diagnostics.items.some((item) => item.code === 'group-dropped' && item.where?.frame === 0)).toBe(true);
    expect(back.annotations.tracks).toHaveLength(1);
    expect(back.annotations.tracks[0]!.shapes.filter((item) => item.frame === 0)).toHaveLength(1);
    expect(back.annotations.shapes.filter((item) => item.frame === 0)).toHaveLength(1);
    expandable(back);
  });

  it('the reader keeps the second part of a multi-part annotation with track_id as a plain shape, reported', async () => {
    const tree = new MemoryTree({
      'annotations/instances_default.json': cocoFile([
        { id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: [[0, 0, 4, 0, 4, 4], [10, 10, 14, 10, 14, 14]], bbox: [0, 0, 14, 14], area: 16, attributes: { track_id: 3, keyframe: true } },
      ]),
    });
    const context = createContext();
    const back = await cocoPlugin.read!(tree, {}, context);
    expect(back.annotations.tracks).toHaveLength(1);
    expect(back.annotations.tracks[0]!.shapes.filter((item) => item.frame === 0).map((item) => item.points)).toEqual([[0, 0, 4, 0, 4, 4]]);
    expect(back.annotations.shapes.map((item) => item.points)).toEqual([[10, 10, 14, 10, 14, 14]]);
    expect(context.diagnostics.items.some((item) => item.code === 'invalid-value' && item.where?.objectId === 1)).toBe(true);
    expandable(back);
  });

  it('the reader keeps a second annotation of one track on one frame as a plain shape, reported', async () => {
    const tree = new MemoryTree({
      'annotations/instances_default.json': cocoFile([
        { id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: [], bbox: [0, 0, 4, 4], area: 16, attributes: { track_id: 0, keyframe: true } },
        { id: 2, image_id: 1, category_id: 1, iscrowd: 0, segmentation: [], bbox: [5, 5, 4, 4], area: 16, attributes: { track_id: 0, keyframe: true } },
        { id: 3, image_id: 2, category_id: 1, iscrowd: 0, segmentation: [], bbox: [1, 1, 4, 4], area: 16, attributes: { track_id: 0, keyframe: true } },
      ]),
    });
    const context = createContext();
    const back = await cocoPlugin.read!(tree, {}, context);
    expect(back.annotations.tracks).toHaveLength(1);
    const keyframes = back.annotations.tracks[0]!.shapes.filter((item) => !item.outside).map((item) => [item.frame, item.points]);
    expect(keyframes).toEqual([[0, [0, 0, 4, 4]], [1, [1, 1, 5, 5]]]);
    expect(back.annotations.shapes.map((item) => [item.frame, item.points])).toEqual([[0, [5, 5, 9, 9]]]);
    expect(context.diagnostics.items.some((item) => item.code === 'invalid-value' && item.where?.objectId === 2)).toBe(true);
    expandable(back);
  });

  it('COCO Keypoints keeps the skeleton, not the grouped polygon, on the track', async () => {
    const tree = new MemoryTree({
      'annotations/person_keypoints_default.json': JSON.stringify({
        images: [{ id: 1, file_name: 'f0.jpg', width: 20, height: 20 }],
        categories: [{ id: 1, name: 'person', keypoints: ['nose'], skeleton: [] }],
        annotations: [{ id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: [[0, 0, 4, 0, 4, 4]], bbox: [0, 0, 4, 4], area: 8, keypoints: [2, 2, 2], num_keypoints: 1, attributes: { track_id: 0, keyframe: true } }],
      }),
    });
    const back = await cocoKeypointsPlugin.read!(tree, {}, createContext());
    expect(back.annotations.tracks.map((item) => item.shapes[0]!.type)).toEqual(['skeleton']);
    expect(back.annotations.shapes.map((item) => item.type)).toEqual(['polygon']);
  });
});

describe('coco mutable attributes: specs made from values are mutable', () => {
  it('an attribute that changes along a track keeps each keyframe value', async () => {
    const attributes = [{ id: 1, name: 'colour', mutable: true, input_type: 'text' as const, default_value: '', values: [] }];
    const input = dataset([], [track([keyframe(0, 'rectangle', [0, 0, 5, 5], { attributes: [{ spec_id: 1, value: 'red' }] }), keyframe(1, 'rectangle', [1, 1, 6, 6], { attributes: [{ spec_id: 1, value: 'blue' }] })])], attributes);
    const { back } = await roundTrip(input);
    const spec = back.labels[0]!.attributes.find((item) => item.name === 'colour')!;
    expect(spec.mutable).toBe(true);
    const perFrame = tracksToShapes(back.annotations.tracks, { endFrame: back.frames.length });
    const value = (frame: number) => perFrame.find((item) => item.frame === frame)?.attributes.find((attribute) => attribute.spec_id === spec.id)?.value;
    expect([value(0), value(1)]).toEqual(['red', 'blue']);
  });
});

describe('open images detected as COCO: a JSON under annotations/ needs COCO top-level keys', () => {
  const openImages = path.join(samplesRoot, 'datumaro/open_images_dataset/v6');

  it('a hierarchy JSON without images / annotations / categories is not COCO, with a reason', async () => {
    const tree = new MemoryTree({ 'annotations/bbox_labels_600_hierarchy.json': JSON.stringify({ LabelName: '/m/0bl9f', Subcategory: [{ LabelName: '/m/x' }] }), 'annotations/a.csv': 'ImageID\n' });
    for (const plugin of [cocoPlugin, cocoKeypointsPlugin]) {
      const result = await plugin.detect!(tree, createContext());
      expect(result.confidence).toBe(0);
      expect(result.reasons.join(' ')).toContain('bbox_labels_600_hierarchy.json');
    }
  });

  it('a JSON with categories but no images does not count either', async () => {
    const result = await cocoPlugin.detect!(new MemoryTree({ 'annotations/my_set.json': JSON.stringify({ categories: [], annotations: [] }) }), createContext());
    expect(result.confidence).toBe(0);
  });

  it.skipIf(!existsSync(openImages))('the Open Images v6 sample is not detected as COCO', async () => {
    const tree = folderTree(openImages);
    expect((await cocoPlugin.detect!(tree, createContext())).confidence).toBe(0);
    expect((await cocoKeypointsPlugin.detect!(tree, createContext())).confidence).toBe(0);
  });
});
