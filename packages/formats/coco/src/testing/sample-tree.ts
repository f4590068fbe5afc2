// Test helpers: the shared sample datasets as in-memory trees, and a short summary of a dataset for assertions.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const samplesRoot = path.resolve(repoRoot, '../shared/samples');
export const hasSamples = existsSync(samplesRoot);

/** Every file below a folder, as a MemoryTree with POSIX paths relative to it. */
export function folderTree(folder: string): MemoryTree {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, new Uint8Array(readFileSync(full)));
    }
  };
  walk(folder, '');
  return new MemoryTree(files, path.basename(folder));
}

/** Shape counts by type, tags, tracks, frames by subset and label names: what the sample table lists. */
export function summary(dataset: Dataset): Record<string, unknown> {
  const shapes: Record<string, number> = {};
  for (const shape of dataset.annotations.shapes) shapes[shape.type] = (shapes[shape.type] ?? 0) + 1;
  const subsets: Record<string, number> = {};
  for (const frame of dataset.frames) subsets[frame.subset] = (subsets[frame.subset] ?? 0) + 1;
  return {
    frames: subsets,
    shapes,
    tags: dataset.annotations.tags.length,
    tracks: dataset.annotations.tracks.length,
    labels: dataset.labels.flatMap((label) => [label.name, ...label.sublabels.map((sublabel) => `${label.name}/${sublabel.name}`)]),
  };
}

/** The dataset as plain JSON (frames without their image readers), for golden files and equality checks. */
export function canonical(dataset: Dataset): Dataset {
  return JSON.parse(JSON.stringify({ ...dataset, frames: dataset.frames.map(({ image: _image, ...frame }) => frame) })) as Dataset;
}

/**
 * COCO (as CVAT writes it) cannot tell a missing attribute from one at its default, since every label attribute is
 * written with its default filled in. This fills defaults and orders attributes by spec id, for comparisons.
 */
export function withDefaultAttributes(dataset: Dataset): Dataset {
  const copy = canonical(dataset);
  const specs = new Map<number, Array<{ id: number; default_value: string }>>();
  for (const label of copy.labels) {
    specs.set(label.id, label.attributes);
    for (const sublabel of label.sublabels) specs.set(sublabel.id, sublabel.attributes);
  }
  const fill = (labelId: number, attributes: Array<{ spec_id: number; value: string }>, only?: Set<number>): Array<{ spec_id: number; value: string }> => {
    const values = new Map(attributes.map((attribute) => [attribute.spec_id, attribute.value]));
    for (const spec of specs.get(labelId) ?? []) if (!values.has(spec.id) && (!only || only.has(spec.id))) values.set(spec.id, spec.default_value);
    return [...values].sort((a, b) => a[0] - b[0]).map(([spec_id, value]) => ({ spec_id, value }));
  };
  for (const shape of copy.annotations.shapes) shape.attributes = fill(shape.label_id, shape.attributes);
  for (const tag of copy.annotations.tags) tag.attributes = fill(tag.label_id, tag.attributes);
  for (const track of copy.annotations.tracks) {
    // Imported specs are immutable, so values live on the track; the first shape's values stand in when absent.
    const first = track.shapes[0]?.attributes ?? [];
    const merged = [...track.attributes, ...first.filter((attribute) => !track.attributes.some((other) => other.spec_id === attribute.spec_id))];
    track.attributes = fill(track.label_id, merged);
    for (const shape of track.shapes) shape.attributes = [];
  }
  return copy;
}
