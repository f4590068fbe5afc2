// The conversion matrix from canonical data: generated datasets (what the target can hold, then everything the
// model has) written in every writable format and read back, checked by conversionProblems and detection.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { datasetArbitrary } from '@annoconv/testing';
import { arbitraryOptions } from './format-profiles.js';
import { describeProblems, roundTripProblems, writableFormats } from './interop-support.js';
import { avoidKnownBugs } from './known-bugs.js';
import { untypedError, writeDataset } from './run-conversion.js';

// Small runs keep the whole matrix within seconds; the seed-free runs still vary from one test run to the next.
const RESTRICTED_RUNS = 6;
const FULL_RUNS = 4;

describe.concurrent('canonical data → every writable format → read back', () => {
  for (const target of writableFormats) {
    for (const restricted of [true, false]) {
      const what = restricted ? 'what it can hold survives' : 'every loss of a rich dataset is reported';
      it(`${target.id}: ${what}`, async ({ expect }) => {
        await fc.assert(
          fc.asyncProperty(datasetArbitrary(arbitraryOptions(target, restricted)), async (generated) => {
            const input = avoidKnownBugs(generated, target);
            const before = JSON.stringify(input);
            let problems: string[];
            try {
              const written = await writeDataset(input, target);
              // A writer must leave the dataset it is given as it was (the engine may write it twice).
              if (JSON.stringify(input) !== before) problems = [`${target.id} writer changed its input dataset`];
              else problems = await roundTripProblems(input, written, target);
            } catch (error) {
              problems = [`writing ${target.id} failed: ${untypedError(error) ?? (error as Error).message}`];
            }
            expect(problems, describeProblems(`${target.id}`, problems)).toEqual([]);
          }),
          { numRuns: restricted ? RESTRICTED_RUNS : FULL_RUNS },
        );
      });
    }
  }
});
