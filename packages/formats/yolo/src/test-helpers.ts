// Helpers of this package's tests: skeleton elements with every field filled, whether the shared samples are there,
// a write → read round trip through memory and a dataset described by names for comparisons.
import { existsSync } from 'node:fs';
import type { Dataset, FormatPlugin, SubShape, WriteOptions } from '@annoconv/core';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { shape, sharedSamplesDir } from '@annoconv/testing';

export const haveSamples = existsSync(sharedSamplesDir());

export function element(init: Partial<SubShape> & Pick<SubShape, 'label_id' | 'frame'>): SubShape {
  const { elements, ...rest } = shape({ type: 'points', ...init });
  void elements;
  return rest;
}

export async function writeToMemory(plugin: FormatPlugin, dataset: Dataset, options: WriteOptions = {}) {
  const sink = new MemorySink();
  const context = createContext();
  await plugin.write!(dataset, sink, options, context);
  return { sink, context, tree: sink.toTree() };
}

/** A dataset's content keyed by names instead of ids, for comparing a dataset with its re-read copy. */
export function describeDataset(dataset: Dataset) {
  const names = new Map<number, string>();
  for (const label of dataset.labels) {
    names.set(label.id, label.name);
    label.sublabels.forEach((sublabel, index) => names.set(sublabel.id, `${label.name}#${index}`));
  }
  const frameKey = (index: number) => {
    const frame = dataset.frames[index]!;
    return `${frame.subset || 'train'}:${frame.name}`;
  };
  return {
    labels: dataset.labels.map((label) => ({ name: label.name, points: label.sublabels.length })),
    frames: dataset.frames.map((frame) => ({ key: frameKey(frame.index), width: frame.width, height: frame.height })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    shapes: dataset.annotations.shapes
      .map((item) => ({
        frame: frameKey(item.frame),
        label: names.get(item.label_id),
        type: item.type,
        rotation: item.rotation,
        points: item.points,
        elements: item.elements.map((sub) => ({ label: names.get(sub.label_id), points: sub.points, outside: sub.outside, occluded: sub.occluded })),
      }))
      .sort((a, b) => (a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0)),
    tags: dataset.annotations.tags.map((tag) => `${frameKey(tag.frame)}=${names.get(tag.label_id)}`).sort(),
    tracks: dataset.annotations.tracks.length,
  };
}

/** Largest absolute difference between two number arrays of equal length (Infinity when lengths differ). */
export function maxDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let index = 0; index < a.length; index++) max = Math.max(max, Math.abs(a[index]! - b[index]!));
  return max;
}
