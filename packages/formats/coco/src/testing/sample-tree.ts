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
