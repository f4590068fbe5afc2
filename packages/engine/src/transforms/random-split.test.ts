// randomSplit: counts that add up, reproducible for a seed, only subsets change, name collisions refused.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { AnnoconvError, createContext } from '@annoconv/core';
import { datasetWith, shape } from '@annoconv/testing';
import { randomSplit, splitCounts } from './random-split.js';

const frames = (n: number) => Array.from({ length: n }, (_, index) => ({ name: `f${index}.jpg` }));

describe('splitCounts', () => {
  it('rounds to the largest remainders', () => {
    expect(splitCounts(10, [0.8, 0.2])).toEqual([8, 2]);
    expect(splitCounts(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitCounts(3, [0.7, 0.2, 0.1])).toEqual([2, 1, 0]);
  });

  test.prop([fc.nat(10_000), fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 })])('always adds up to the total, each within one of its exact share', (total, shares) => {
    const counts = splitCounts(total, shares);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    const sum = shares.reduce((a, b) => a + b, 0);
    counts.forEach((count, index) => expect(Math.abs(count - (total * shares[index]!) / sum)).toBeLessThan(1 + 1e-9));
  });
});

describe('randomSplit', () => {
  it('splits by share, reproducibly for a seed, and leaves annotations on their frames', () => {
    const dataset = datasetWith(['car'], frames(20));
    dataset.annotations.shapes = [shape({ type: 'rectangle', label_id: 1, frame: 3, points: [0, 0, 1, 1] })];
    const context = createContext();
    const first = randomSplit(dataset, { subsets: { train: 0.75, val: 0.25 }, seed: 7 }, context);
    const again = randomSplit(dataset, { subsets: { train: 3, val: 1 }, seed: 7 }, createContext());
    const other = randomSplit(dataset, { subsets: { train: 0.75, val: 0.25 }, seed: 8 }, createContext());
    const subsets = (result: typeof first): string[] => result.frames.map((frame) => frame.subset);
    expect(subsets(first).filter((subset) => subset === 'train')).toHaveLength(15);
    expect(subsets(first).filter((subset) => subset === 'val')).toHaveLength(5);
    expect(subsets(again)).toEqual(subsets(first));
    expect(subsets(other)).not.toEqual(subsets(first));
    expect(first.frames.map((frame) => [frame.index, frame.name])).toEqual(dataset.frames.map((frame) => [frame.index, frame.name]));
    expect(first.annotations).toBe(dataset.annotations);
    expect(context.diagnostics.items.map((item) => item.message)).toEqual(['20 frames split at random (seed 7): train 15, val 5']);
  });

  it("takes 'default' as no subset, and refuses bad shares and names that would collide", () => {
    const dataset = datasetWith(['car'], [{ name: 'a.jpg', subset: 'x' }, { name: 'a.jpg', subset: 'y' }]);
    expect(randomSplit(datasetWith(['car'], frames(2)), { subsets: { default: 1 } }, createContext()).frames.map((frame) => frame.subset)).toEqual(['', '']);
    const failure = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        expect(AnnoconvError.isInstance(error) && error.code).toBe('invalid-request');
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(failure(() => randomSplit(dataset, { subsets: { train: 1 } }, createContext()))).toBe("split: frame 'a.jpg' of subsets 'x' and 'y' would both go to 'train'; frame names must be unique to split");
    expect(failure(() => randomSplit(dataset, { subsets: { train: 0 } }, createContext()))).toMatch(/positive share/);
    expect(failure(() => randomSplit(dataset, { subsets: {} }, createContext()))).toMatch(/at least one subset/);
  });
});
