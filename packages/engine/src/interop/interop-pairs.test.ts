// The conversion matrix over every readable format pair: a generated dataset written as the source format A
// (what A can hold), converted by the engine's convert() from A's files to every writable format B, and B's
// output read back and checked against what A's reader made of A's files.
import fc from 'fast-check';
import { AnnoconvError, type Dataset } from '@annoconv/core';
import { describe, it } from 'vitest';
import { datasetArbitrary } from '@annoconv/testing';
import { arbitraryOptions, maskKeepingOptions } from './format-profiles.js';
import { describeProblems, roundTripProblems, sourceFormats, writableFormats } from './interop-support.js';
import { avoidKnownBugs } from './known-bugs.js';
import { convertTree, readBack, untypedError, writeDataset } from './run-conversion.js';

// Typed refusals that are the right answer for a pair: the source keeps no image sizes (MOT; KITTI's label_2) and
// the target needs them.
const expectedRefusals: ReadonlyArray<{ from: RegExp; to: RegExp; message: RegExp }> = [{ from: /^(mot|kitti)$/, to: /^(yolo|ultralytics-.*)$/, message: /size/ }];

describe.concurrent('format A → convert() → format B → read back', () => {
  for (const source of sourceFormats) {
    // Two fixed datasets per source (seeded, so a failure names a reproducible pair).
    // Each holds objects the source keeps (MOTS keeps tracks only, Classification tags only), so that no pair
    // starts from an empty dataset (empty datasets have their own test in known-bugs.test.ts).
    const { shapes, tags, tracks } = source.capabilities;
    const holdsSomething = (dataset: Dataset): boolean =>
      (tracks !== 'none' && dataset.annotations.tracks.length > 0) || (tracks !== 'native' && shapes.length > 0 && dataset.annotations.shapes.length > 0) || (tags && dataset.annotations.tags.length > 0);
    const datasets = fc.sample(datasetArbitrary(arbitraryOptions(source, true)).filter(holdsSomething), { numRuns: 2, seed: 20261129 });
    for (const target of writableFormats) {
      it(`${source.id} → ${target.id}`, async ({ expect }) => {
        for (const generated of datasets) {
          const input = avoidKnownBugs(avoidKnownBugs(structuredClone(generated), source), target);
          const options = maskKeepingOptions(source);
          const sourceTree = (await writeDataset(input, source)).tree;
          const read = await readBack(sourceTree, source);
          let problems: string[];
          try {
            const converted = await convertTree(sourceTree, source, target, options);
            problems = await roundTripProblems(read.dataset, converted, target);
          } catch (error) {
            const refusal = AnnoconvError.isInstance(error) && expectedRefusals.some((rule) => rule.from.test(source.id) && rule.to.test(target.id) && rule.message.test(error.message));
            problems = refusal ? [] : [`convert failed: ${untypedError(error) ?? (error as Error).message}`];
          }
          expect(problems, describeProblems(`${source.id} → ${target.id}`, problems)).toEqual([]);
        }
      });
    }
  }
});
