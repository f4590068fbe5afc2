// A random split of the frames into subsets by ratio (train / val / test), as Datumaro's `random_split` transform:
// deterministic for a seed, with counts rounded so that they add up to the number of frames. Only the frames'
// subsets change; annotations stay on their frames.
import type { Dataset, FormatContext } from '@annoconv/core';
import { AnnoconvError } from '@annoconv/core';
import { randomGenerator } from '@annoconv/geometry';

export interface RandomSplitOptions {
  /** Subset name → share (any positive numbers; they are normalised to their sum). `default` means no subset. */
  subsets: Readonly<Record<string, number>>;
  /** The same seed gives the same split of the same frames (0 unless given). */
  seed?: number;
}

/** Frames per subset: floor of each share, the rest to the largest remainders (earlier subsets win ties). */
export function splitCounts(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    counts[index]!++;
    left--;
  }
  return counts;
}

export function randomSplit(dataset: Dataset, options: RandomSplitOptions, context: FormatContext): Dataset {
  const entries = Object.entries(options.subsets);
  if (entries.length === 0) throw new AnnoconvError('invalid-request', 'a split needs at least one subset');
  for (const [name, share] of entries)
    if (!name.trim() || !Number.isFinite(share) || share <= 0) throw new AnnoconvError('invalid-request', `split: subset '${name}' needs a positive share, got ${share}`);
  const names = entries.map(([name]) => (name.trim() === 'default' ? '' : name.trim()));
  const counts = splitCounts(dataset.frames.length, entries.map(([, share]) => share));

  const random = randomGenerator(options.seed ?? 0);
  const order = dataset.frames.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  const subsetOf = new Array<string>(dataset.frames.length);
  let at = 0;
  counts.forEach((count, subset) => {
    for (let k = 0; k < count; k++) subsetOf[order[at++]!] = names[subset]!;
  });

  // Frames are named within their subset: two frames of one name cannot share a subset.
  const seen = new Map<string, string>();
  const frames = dataset.frames.map((frame, index) => {
    const subset = subsetOf[index]!;
    const key = `${subset}\u0000${frame.name}`;
    const before = seen.get(key);
    if (before !== undefined)
      throw new AnnoconvError('invalid-request', `split: frame '${frame.name}' of subsets '${before || 'default'}' and '${frame.subset || 'default'}' would both go to '${subset || 'default'}'; frame names must be unique to split`);
    seen.set(key, frame.subset);
    return { ...frame, subset };
  });
  const summary = names.map((name, index) => `${name || 'default'} ${counts[index]}`).join(', ');
  context.diagnostics.info('subsets-split', `${frames.length} frame${frames.length === 1 ? '' : 's'} split at random (seed ${options.seed ?? 0}): ${summary}`);
  return { ...dataset, frames };
}
