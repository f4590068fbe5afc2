// Test helpers: a small dataset builder and a canonical view of a dataset for comparisons (labels by name,
// attributes by name with defaults filled, frames by name), so round trips compare meaning, not ids.
import { createContext, emptyDataset, indexAttributeSpecs, indexLabels, type Dataset, type FormatContext, type Shape } from '@annoconv/core';
import * as path from 'node:path';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryTree } from '@annoconv/io';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const samplesRoot = path.resolve(repoRoot, '../shared/samples');

/** A MemoryTree of a folder on disk (test data and samples). */
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

export function datasetWith(labels: Array<{ name: string; color?: string; attributes?: Array<{ name: string; input_type?: 'checkbox' | 'text' | 'number' | 'select' | 'radio'; default_value?: string; values?: string[]; mutable?: boolean }> }>, frames: Array<{ name: string; width?: number; height?: number; subset?: string }>): Dataset {
  const dataset = emptyDataset();
  let specId = 1;
  dataset.labels = labels.map((label, index) => ({
    id: index + 1,
    name: label.name,
    color: label.color ?? '',
    type: 'any',
    sublabels: [],
    attributes: (label.attributes ?? []).map((attribute) => ({
      id: specId++,
      name: attribute.name,
      mutable: attribute.mutable ?? false,
      input_type: attribute.input_type ?? 'text',
      default_value: attribute.default_value ?? (attribute.input_type === 'checkbox' ? 'false' : ''),
      values: attribute.values ?? (attribute.input_type === 'checkbox' ? ['false', 'true'] : []),
    })),
  }));
  dataset.frames = frames.map((frame, index) => ({ index, name: frame.name, subset: frame.subset ?? '', ...(frame.width ? { width: frame.width } : {}), ...(frame.height ? { height: frame.height } : {}) }));
  return dataset;
}

export interface CanonicalShape {
  frame: string;
  label: string;
  type: string;
  points: number[];
  occluded: boolean;
  rotation: number;
  attributes: Record<string, string>;
}

/** Every shape (tracks expanded by the caller if needed) as label names and attribute names. */
export function canonicalShapes(dataset: Dataset, shapes: readonly Shape[] = dataset.annotations.shapes, options: { attributes?: boolean } = {}): CanonicalShape[] {
  const labels = indexLabels(dataset.labels);
  const specs = indexAttributeSpecs(dataset.labels);
  const frames = new Map(dataset.frames.map((frame) => [frame.index, `${frame.subset}/${frame.name}`]));
  const result = shapes.map((item) => {
    const label = labels.get(item.label_id)!;
    const attributes: Record<string, string> = {};
    if (options.attributes !== false) {
      for (const spec of label.attributes) attributes[spec.name] = spec.default_value;
      for (const value of item.attributes) attributes[specs.get(value.spec_id)!.spec.name] = value.value;
    }
    return { frame: frames.get(item.frame)!, label: label.name, type: item.type, points: [...item.points], occluded: item.occluded, rotation: item.rotation, attributes };
  });
  return result.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export function canonicalTags(dataset: Dataset): string[] {
  const labels = indexLabels(dataset.labels);
  const frames = new Map(dataset.frames.map((frame) => [frame.index, `${frame.subset}/${frame.name}`]));
  return dataset.annotations.tags.map((tag) => `${frames.get(tag.frame)}:${labels.get(tag.label_id)!.name}`).sort();
}
