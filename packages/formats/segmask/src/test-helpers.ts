// Test helpers: datasets built by hand, folders read into memory, and masks compared as pixel sets per label.
import { createContext, emptyDataset, type Dataset, type FormatContext, type Shape } from '@annoconv/core';
import { cvatMaskToBitmap, rasterizeShape } from '@annoconv/geometry';
import { MemoryTree } from '@annoconv/io';
import * as path from 'node:path';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const samplesRoot = path.resolve(repoRoot, '../shared/samples');

export function treeOfFolder(folder: string): MemoryTree {
  const files: Record<string, Uint8Array> = {};
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(folder, full).split(path.sep).join('/')] = new Uint8Array(readFileSync(full));
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

export function shape(fields: Partial<Shape> & Pick<Shape, 'type' | 'label_id' | 'frame' | 'points'>): Shape {
  return { id: null, group: 0, source: 'manual', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], ...fields };
}

export function datasetWith(labels: Array<{ name: string; color: string }>, frames: Array<{ name: string; width?: number; height?: number; subset?: string }>): Dataset {
  const dataset = emptyDataset();
  dataset.labels = labels.map((label, index) => ({ id: index + 1, name: label.name, color: label.color, type: 'any', sublabels: [], attributes: [] }));
  dataset.frames = frames.map((frame, index) => ({ index, name: frame.name, subset: frame.subset ?? '', ...(frame.width ? { width: frame.width } : {}), ...(frame.height ? { height: frame.height } : {}) }));
  return dataset;
}

/** What each label covers, per frame: the union of its shapes' pixels, as sorted pixel indices. */
export function labelPixels(dataset: Dataset, options: { skipLabels?: string[] } = {}): Record<string, number[]> {
  const names = new Map(dataset.labels.map((label) => [label.id, label.name]));
  const sets = new Map<string, Set<number>>();
  for (const item of dataset.annotations.shapes) {
    const name = names.get(item.label_id)!;
    if (options.skipLabels?.includes(name)) continue;
    const frame = dataset.frames[item.frame]!;
    const bitmap = item.type === 'mask' ? cvatMaskToBitmap(item.points, frame.height!, frame.width!) : rasterizeShape(item, frame.height!, frame.width!);
    const key = `${frame.subset}/${frame.name}:${name}`;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    bitmap.forEach((value, index) => {
      if (value) set.add(index);
    });
  }
  return Object.fromEntries([...sets].filter(([, set]) => set.size > 0).map(([key, set]) => [key, [...set].sort((a, b) => a - b)]).sort());
}
