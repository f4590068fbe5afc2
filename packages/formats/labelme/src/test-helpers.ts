// Test helpers: folders read into memory (the shared samples, located relative to the repository), contexts and
// hand-built datasets.
import { createContext, emptyDataset, type Dataset, type FormatContext, type Shape, type Track } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { cvatMaskToBitmap, rasterizeShape, tracksToShapes } from '@annoconv/geometry';
import * as path from 'node:path';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const samplesRoot = path.resolve(repoRoot, '../shared/samples');
export const testDataRoot = path.resolve(repoRoot, 'test-data');

export function treeOfFolder(folder: string): MemoryTree {
  const files: Record<string, Uint8Array> = {};
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name !== 'LICENSE') files[path.relative(folder, full).split(path.sep).join('/')] = new Uint8Array(readFileSync(full));
    }
  };
  walk(folder);
  return new MemoryTree(files, folder);
}

export function folderExists(folder: string): boolean {
  return existsSync(folder);
}

export function context(): FormatContext {
  return createContext();
}

export function box(fields: Partial<Shape> & Pick<Shape, 'label_id' | 'frame' | 'points'>): Shape {
  return { id: null, group: 0, source: 'manual', attributes: [], type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], ...fields };
}

export function track(labelId: number, keyframes: Array<{ frame: number; points: number[]; outside?: boolean; type?: Shape['type'] }>): Track {
  return {
    id: null, label_id: labelId, frame: keyframes[0]!.frame, group: 0, source: 'manual', attributes: [], elements: [],
    shapes: keyframes.map((keyframe) => ({ id: null, frame: keyframe.frame, type: keyframe.type ?? 'rectangle', occluded: false, outside: keyframe.outside ?? false, z_order: 0, rotation: 0, points: keyframe.points, attributes: [] })),
  };
}

export function datasetWith(labels: string[], frames: Array<{ name: string; width?: number; height?: number; subset?: string }>): Dataset {
  const dataset = emptyDataset();
  dataset.labels = labels.map((name, index) => ({ id: index + 1, name, color: '', type: 'any', sublabels: [], attributes: [] }));
  dataset.frames = frames.map((frame, index) => ({ index, name: frame.name, subset: frame.subset ?? '', ...(frame.width ? { width: frame.width } : {}), ...(frame.height ? { height: frame.height } : {}) }));
  return dataset;
}

/** Files of a sink as text, for golden comparisons. */
export function sinkText(files: Map<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries([...files].filter(([file]) => !file.endsWith('.png')).map(([file, bytes]) => [file, new TextDecoder().decode(bytes)]).sort());
}

/** What each label covers on each frame (tracks expanded per frame, outside dropped), as sorted pixel indices. */
export function trackPixels(dataset: Dataset): Record<string, number[]> {
  return pixelsOf(dataset, tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length }).filter((shape) => !shape.outside));
}

/** What each label's plain shapes cover on each frame, as sorted pixel indices. */
export function shapePixels(dataset: Dataset): Record<string, number[]> {
  return pixelsOf(dataset, dataset.annotations.shapes);
}

function pixelsOf(dataset: Dataset, shapes: ReadonlyArray<{ frame: number; label_id: number; type: string; points: number[]; rotation?: number }>): Record<string, number[]> {
  const names = new Map(dataset.labels.map((label) => [label.id, label.name]));
  const sets = new Map<string, Set<number>>();
  for (const shape of shapes) {
    const frame = dataset.frames[shape.frame]!;
    const bitmap = shape.type === 'mask' ? cvatMaskToBitmap(shape.points, frame.height!, frame.width!) : rasterizeShape(shape, frame.height!, frame.width!);
    const key = `${frame.subset}/${frame.name}:${names.get(shape.label_id)}`;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    bitmap.forEach((value, index) => {
      if (value) set.add(index);
    });
  }
  return Object.fromEntries([...sets].filter(([, set]) => set.size > 0).map(([key, set]) => [key, [...set].sort((a, b) => a - b)]).sort());
}

/**
 * A dataset's shapes in a form that survives LabelMe: per shape its frame, label, type, geometry (masks as pixel
 * lists), occluded, attributes by name, and its group as the sorted labels of its members.
 */
export function canonicalShapes(dataset: Dataset, options: { skipAttributes?: string[] } = {}): string[] {
  const labelOf = new Map(dataset.labels.map((label) => [label.id, label]));
  const groups = new Map<string, string[]>();
  for (const shape of dataset.annotations.shapes) {
    if (!shape.group) continue;
    const key = `${shape.frame}:${shape.group}`;
    groups.set(key, [...(groups.get(key) ?? []), labelOf.get(shape.label_id)!.name].sort());
  }
  return dataset.annotations.shapes.map((shape) => {
    const frame = dataset.frames[shape.frame]!;
    const label = labelOf.get(shape.label_id)!;
    const geometry = shape.type === 'mask'
      ? [...cvatMaskToBitmap(shape.points, frame.height!, frame.width!).entries()].filter(([, value]) => value).map(([index]) => index).join(',')
      : shape.points.map((value) => value.toFixed(2)).join(',');
    const attributes = shape.attributes
      .map((attribute) => [label.attributes.find((spec) => spec.id === attribute.spec_id)!.name, attribute.value] as const)
      .filter(([name]) => !options.skipAttributes?.includes(name))
      .map(([name, value]) => `${name}=${value}`).sort().join(';');
    const group = shape.group ? groups.get(`${shape.frame}:${shape.group}`)!.join('+') : '';
    return `${frame.subset || 'default'}/${frame.name}|${label.name}|${shape.type}|${geometry}|${shape.occluded}|${shape.rotation}|${attributes}|${group}`;
  }).sort();
}
