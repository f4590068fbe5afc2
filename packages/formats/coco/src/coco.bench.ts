// Benchmarks of COCO import and COCO → COCO on synthetic files of 1k / 10k / 50k images. First, issue 5's
// whole-process ratios on every size (src/bench/process-ratios.ts: read + JSON.parse, import, `annoconv convert`,
// each a fresh process, one round; COCO_BENCH_ROUNDS for more, COCO_BENCH_RATIOS=0 skips them), printed as a
// table. Then in-process timings with tinybench on 1k and 10k (COCO_BENCH_LARGE=1 adds 50k: minutes per run).
import { bench, describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { cocoPlugin } from './plugin.js';
import { benchDataset, SIZES, type SizeName } from './bench/datasets.js';
import { FsTree } from './bench/fs-tree.js';
import { formatRound, loadAverage, measureRound, TABLE_HEADER } from './bench/process-ratios.js';

const sizes: SizeName[] = process.env.COCO_BENCH_LARGE ? ['1k', '10k', '50k'] : ['1k', '10k'];

// Top-level await: vitest's bench runner does not run hooks before benches, so the measurements happen here.
if (process.env.COCO_BENCH_RATIOS !== '0') {
  const rounds = Number(process.env.COCO_BENCH_ROUNDS ?? 1);
  const rows = [TABLE_HEADER];
  for (const { name } of SIZES) {
    for (let round = 1; round <= rounds; round++) {
      const before = loadAverage();
      const result = await measureRound(name);
      rows.push(formatRound(result, `${name} (${(result.bytes / 1e6).toFixed(0)} MB) #${round}, load ${before} → ${loadAverage()}`));
    }
  }
  // The table is the benchmark's report (this file is not library code).
  console.log(`COCO whole-process ratios (issue 5)\n${rows.join('\n')}`);
}

const generated = new Map<SizeName, { root: string; file: string }>();
for (const size of sizes) generated.set(size, await benchDataset(size));

for (const size of sizes) {
  describe(`COCO ${size}`, () => {
    const { root, file } = generated.get(size)!;

    bench('read + JSON.parse (baseline)', () => {
      JSON.parse(readFileSync(file, 'utf8'));
    }, { iterations: 3, warmupIterations: 1 });

    bench('COCO → canonical', async () => {
      await cocoPlugin.read!(new FsTree(root), {}, createContext());
    }, { iterations: 3, warmupIterations: 1 });

    bench('COCO → COCO', async () => {
      const dataset = await cocoPlugin.read!(new FsTree(root), {}, createContext());
      const sink = new MemorySink();
      await cocoPlugin.write!(dataset, sink, {}, createContext());
    }, { iterations: 3, warmupIterations: 1 });
  });
}
