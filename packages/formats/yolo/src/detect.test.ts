// The detectors tell the flavours apart on what each writer produces (Detection Track output reads as Detection).
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { goldenDataset } from './golden-dataset.js';
import { plugins } from './index.js';
import { writeToMemory } from './test-helpers.js';

async function ranking(tree: MemoryTree) {
  const scores = await Promise.all(plugins.filter((plugin) => plugin.detect).map(async (plugin) => ({ id: plugin.id, ...(await plugin.detect!(tree, createContext())) })));
  return scores.sort((a, b) => b.confidence - a.confidence);
}

describe('detection', () => {
  for (const plugin of plugins) {
    const expected = plugin.id === 'ultralytics-track' ? 'ultralytics-detection' : plugin.id;
    it(`${plugin.id} output is detected as ${expected}`, async () => {
      const { tree } = await writeToMemory(plugin, goldenDataset(), { saveImages: false });
      const scores = await ranking(tree);
      expect(scores[0]!.id).toBe(expected);
      expect(scores[0]!.confidence).toBeGreaterThan(scores[1]!.confidence);
    });
  }

  it('explains a non-match', async () => {
    const tree = new MemoryTree({ 'readme.md': 'nothing here' });
    for (const score of await ranking(tree)) {
      expect(score.confidence).toBe(0);
      expect(score.reasons.length).toBeGreaterThan(0);
    }
  });

  it('a folder wrapping the dataset is looked into', async () => {
    const { sink } = await writeToMemory(plugins.find((plugin) => plugin.id === 'ultralytics-obb')!, goldenDataset());
    const wrapped = new MemoryTree(Object.fromEntries([...sink.files].map(([file, data]) => [`export/${file}`, data])));
    expect((await ranking(wrapped))[0]!.id).toBe('ultralytics-obb');
    const dataset = await plugins.find((plugin) => plugin.id === 'ultralytics-obb')!.read!(wrapped, {}, createContext());
    expect(dataset.annotations.shapes).toHaveLength(3);
  });
});
