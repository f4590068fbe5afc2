// Track ids: Ultralytics files with a trailing track id import as CVAT-style tracks; Detection Track writes the
// 0-based track index after each per-frame box, plain Detection writes the boxes without identity.
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { ultralyticsDetectionPlugin, ultralyticsPosePlugin, ultralyticsTrackPlugin } from './index.js';
import { writeToMemory } from './test-helpers.js';

describe('tracks', () => {
  it('a trailing track id becomes a track with outside keyframes after gaps and at its end', async () => {
    const tree = new MemoryTree({
      'data.yaml': 'names: [car, dog]\ntrain: train.txt\n',
      'train.txt': [0, 1, 2, 3, 4].map((index) => `images/train/f${index}.jpg\n`).join(''),
      'images.meta': [0, 1, 2, 3, 4].map((index) => `f${index} 100 200\n`).join(''),
      'labels/train/f0.txt': '0 0.5 0.5 0.2 0.2 7\n',
      'labels/train/f1.txt': '0 0.55 0.5 0.2 0.2 7\n1 0.1 0.1 0.1 0.1\n',
      'labels/train/f3.txt': '0 0.6 0.5 0.2 0.2 7\n',
    });
    const dataset = await ultralyticsDetectionPlugin.read!(tree, {}, createContext());
    expect(dataset.annotations.shapes.map((shape) => [shape.frame, shape.label_id])).toEqual([[1, 2]]);
    expect(dataset.annotations.tracks).toHaveLength(1);
    const track = dataset.annotations.tracks[0]!;
    expect(track.label_id).toBe(1);
    expect(track.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([
      [0, false],
      [1, false],
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(track.shapes[0]!.points).toEqual([80, 40, 120, 60]);
  });

  it('Detection Track writes per-frame boxes with the track index; Detection drops the identity', async () => {
    const dataset: Dataset = {
      labels: [{ id: 1, name: 'car', color: '', type: 'rectangle', attributes: [], sublabels: [] }],
      frames: [0, 1, 2, 3, 4].map((index) => ({ index, name: `f${index}.jpg`, width: 200, height: 100, subset: '' })),
      meta: { name: '', mode: 'interpolation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations: {
        version: 0,
        tags: [],
        shapes: [],
        tracks: [
          {
            id: 1,
            label_id: 1,
            frame: 0,
            group: 0,
            source: 'manual',
            attributes: [],
            elements: [],
            shapes: [
              { id: null, frame: 0, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 20, 20], attributes: [] },
              { id: null, frame: 2, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [40, 0, 60, 20], attributes: [] },
              { id: null, frame: 4, type: 'rectangle', occluded: false, outside: true, z_order: 0, rotation: 0, points: [40, 0, 60, 20], attributes: [] },
            ],
          },
        ],
      },
    };
    const withIds = await writeToMemory(ultralyticsTrackPlugin, dataset);
    expect(withIds.sink.text('labels/train/f1.txt')).toBe('0 0.150000 0.100000 0.100000 0.200000 0\n');
    expect(withIds.sink.text('labels/train/f4.txt')).toBe('');
    const back = await ultralyticsDetectionPlugin.read!(withIds.tree, {}, createContext());
    expect(back.annotations.tracks).toHaveLength(1);
    expect(back.annotations.tracks[0]!.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([[0, false], [1, false], [2, false], [3, false], [4, true]]);

    const plain = await writeToMemory(ultralyticsDetectionPlugin, dataset);
    expect(plain.sink.text('labels/train/f1.txt')).toBe('0 0.150000 0.100000 0.100000 0.200000\n');
    expect(plain.context.diagnostics.items.filter((item) => item.code === 'track-flattened').map((item) => item.severity)).toEqual(['warning']);
  });

  it('a skeleton track is written by Pose on every frame it is visible, points interpolated', async () => {
    const keyframe = (frame: number, points: number[], outside = false) => ({ id: null, frame, type: 'points' as const, occluded: false, outside, z_order: 0, rotation: 0, points, attributes: [] });
    const dataset: Dataset = {
      labels: [
        {
          id: 1,
          name: 'person',
          color: '',
          type: 'skeleton',
          attributes: [],
          sublabels: [
            { id: 2, name: 'head', color: '', type: 'points', attributes: [], parent_id: 1 },
            { id: 3, name: 'foot', color: '', type: 'points', attributes: [], parent_id: 1 },
          ],
        },
      ],
      frames: [0, 1, 2].map((index) => ({ index, name: `f${index}.jpg`, width: 100, height: 100, subset: '' })),
      meta: { name: '', mode: 'interpolation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations: {
        version: 0,
        tags: [],
        shapes: [],
        tracks: [
          {
            id: null,
            label_id: 1,
            frame: 0,
            group: 0,
            source: 'manual',
            attributes: [],
            shapes: [{ id: null, frame: 0, type: 'skeleton', occluded: false, outside: false, z_order: 0, rotation: 0, points: [], attributes: [] }],
            elements: [
              { id: null, label_id: 2, frame: 0, group: 0, source: 'manual', attributes: [], shapes: [keyframe(0, [10, 10]), keyframe(2, [30, 10])] },
              { id: null, label_id: 3, frame: 0, group: 0, source: 'manual', attributes: [], shapes: [keyframe(0, [10, 50]), keyframe(1, [10, 50], true)] },
            ],
          },
        ],
      },
    };
    const { sink, context } = await writeToMemory(ultralyticsPosePlugin, dataset);
    expect(sink.text('labels/train/f0.txt')).toBe('0 0.100000 0.300000 0.000000 0.400000 0.100000 0.100000 2 0.100000 0.500000 2\n');
    expect(sink.text('labels/train/f1.txt')).toBe('0 0.200000 0.100000 0.000000 0.000000 0.200000 0.100000 2 0.100000 0.500000 0\n');
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['track-flattened']);
  });
});
