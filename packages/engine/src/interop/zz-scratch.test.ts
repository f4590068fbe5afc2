import fc from 'fast-check';
import { it } from 'vitest';
import { datasetArbitrary } from '@annoconv/testing';
import { findFormat } from '../find-format.js';
import { arbitraryOptions } from './format-profiles.js';
import { roundTripProblems } from './interop-support.js';
import { avoidKnownBugs } from './known-bugs.js';
import { writeDataset } from './run-conversion.js';

const targets = (process.env.SCRATCH ?? 'kitti').split(',');
for (const id of targets) for (const restricted of [true, false])
  it(`${id} ${restricted}`, async () => {
    const target = findFormat(id);
    const counts = new Map<string, number>();
    const samples = fc.sample(datasetArbitrary(arbitraryOptions(target, restricted)), { numRuns: Number(process.env.N ?? 60), seed: 7 });
    for (const generated of samples) {
      const input = avoidKnownBugs(generated, target);
      let problems: string[];
      try { problems = await roundTripProblems(input, await writeDataset(input, target), target); }
      catch (e) { problems = ['THROW ' + (e as Error).message]; }
      if (process.env.DETAIL && problems.some((p) => new RegExp(process.env.DETAIL!).test(p)) && !(globalThis as any).shown) { (globalThis as any).shown = true; const w = await writeDataset(input, target); console.log(JSON.stringify(input.frames), JSON.stringify(input.annotations), [...(w.tree.entries().map((e) => e.path))], w.diagnostics.map((d) => `${d.code} ${d.message} ${JSON.stringify(d.where)}`), problems); }
      for (const p of new Set(problems.map((p) => p.replace(/'[^']*'/g, "'_'").replace(/[\d.]+/g, 'N')))) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    console.log(id, restricted, [...counts].map(([k, v]) => `${v}× ${k}`).join('\n'));
  }, 120000);
