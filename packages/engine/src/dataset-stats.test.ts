import { describe, expect, it } from 'vitest';
import { emptyDataset, type Dataset } from '@annoconv/core';
import { datasetStats, labelStats } from './dataset-stats.js';

function shape(type: Dataset['annotations']['shapes'][number]['type'], frame = 0): Dataset['annotations']['shapes'][number] {
  return { id: null, label_id: 1, frame, group: 0, source: 'manual', attributes: [], type, occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 1, 1], score: 1, elements: [] };
}

describe('datasetStats', () => {
  it('counts frames per subset, shapes and tracks per type, keyframes and tags', () => {
    const dataset = emptyDataset();
    dataset.labels.push({ id: 1, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] });
    dataset.frames.push({ index: 0, name: 'a.jpg', subset: 'train' }, { index: 1, name: 'b.jpg', subset: '' }, { index: 2, name: 'c.jpg', subset: 'train' });
    dataset.annotations.shapes.push(shape('rectangle'), shape('polygon'), shape('rectangle', 2));
    dataset.annotations.tags.push({ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [] });
    const keyframe = { id: null, frame: 0, attributes: [], type: 'points' as const, occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 1] };
    dataset.annotations.tracks.push({ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [], elements: [], shapes: [keyframe, { ...keyframe, frame: 2, outside: true }] });
    dataset.annotations.tracks.push({ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [], elements: [], shapes: [] });
    const stats = datasetStats(dataset);
    expect(stats).toEqual({
      frames: 3,
      subsets: { default: 1, train: 2 },
      labels: ['car'],
      tags: 1,
      shapes: { polygon: 1, rectangle: 2 },
      tracks: { empty: 1, points: 1 },
      trackedShapes: 2,
    });
    expect(Object.keys(stats)).toEqual(['frames', 'subsets', 'labels', 'tags', 'shapes', 'tracks', 'trackedShapes']);
  });
});

describe('labelStats', () => {
  it('counts shapes, tracks, tags and frames per label, and the frames without any annotation', () => {
    const dataset = emptyDataset();
    dataset.labels.push({ id: 1, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] }, { id: 2, name: 'bus', color: '', type: 'any', attributes: [], sublabels: [] });
    dataset.frames.push(...['a', 'b', 'c', 'd'].map((name, index) => ({ index, name: `${name}.jpg`, subset: '' })));
    dataset.annotations.shapes.push(shape('rectangle', 0), shape('polygon', 0), shape('rectangle', 1));
    dataset.annotations.tags.push({ id: null, label_id: 2, frame: 1, group: 0, source: 'manual', attributes: [] });
    dataset.annotations.tracks.push({
      id: null, label_id: 2, frame: 2, group: 0, source: 'manual', attributes: [], elements: [],
      shapes: [{ id: null, frame: 2, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 1, 1], attributes: [] }],
    });
    expect(labelStats(dataset)).toEqual({
      byLabel: { car: { shapes: 3, tracks: 0, tags: 0, frames: 2 }, bus: { shapes: 0, tracks: 1, tags: 1, frames: 1 } },
      framesWithoutAnnotations: 1,
    });
  });
});
