// Benchmarks of COCO import and COCO → COCO on synthetic files of 1k / 10k (and, with COCO_BENCH_LARGE=1, 50k)
// images, against a plain read + JSON.parse of the same file. Before the timed benches, each operation also runs
// once in its own process to measure its peak RSS; that table is printed and saved beside the generated files
// (COCO_BENCH_MEMORY=0 skips it). The 50k size takes minutes on a loaded machine, hence its gate.
import { bench, describe } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { cocoPlugin } from './plugin.js';
import { benchDataset, type SizeName } from './bench/datasets.js';
import { FsTree } from './bench/fs-tree.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const sizes: SizeName[] = process.env.COCO_BENCH_LARGE ? ['1k', '10k', '50k'] : ['1k', '10k'];

interface Measured {
  ms: number;
  peakRss: number;
  baselineRss?: number;
}

function baselineRun(file: string): Measured {
  const script = `const t=performance.now();JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));const ms=performance.now()-t;console.log(JSON.stringify({ms,peakRss:process.resourceUsage().maxRSS*1024,baselineRss:0}))`;
  const result = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8' });
  return JSON.parse(result.stdout) as Measured;
}

function isolatedRun(mode: 'import' | 'convert', size: SizeName): Measured | undefined {
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'annoconv-coco-measure-')), 'result.json');
  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  spawnSync(process.execPath, [vitest, 'run', 'packages/formats/coco/src/bench/measure.test.ts'], {
    cwd: repoRoot,
    env: { ...process.env, COCO_MEASURE: `${mode}:${size}:${output}` },
    encoding: 'utf8',
  });
  try {
    const result = JSON.parse(readFileSync(output, 'utf8')) as { totalMs: number; peakRss: number; baselineRss: number };
    return { ms: result.totalMs, peakRss: result.peakRss, baselineRss: result.baselineRss };
  } catch {
    return undefined;
  } finally {
    rmSync(path.dirname(output), { recursive: true, force: true });
  }
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

// Top-level await: vitest's bench runner does not run hooks before benches, so the measurements happen here.
if (process.env.COCO_BENCH_MEMORY !== '0') {
  const rows: string[] = ['size | file | read+JSON.parse | import (×) | COCO→COCO (×) | peak RSS import (added) | peak RSS convert (added)'];
  const results: Record<string, unknown> = {};
  for (const size of sizes) {
    const { file, bytes } = await benchDataset(size);
    const base = baselineRun(file);
    const imported = isolatedRun('import', size);
    const converted = isolatedRun('convert', size);
    results[size] = { bytes, base, imported, converted };
    const ratio = (run?: Measured): string => (run ? `${(run.ms / 1000).toFixed(2)} s (${(run.ms / base.ms).toFixed(2)}×)` : 'failed');
    const memory = (run?: Measured): string => (run ? `${mb(run.peakRss)} (${mb(run.peakRss - (run.baselineRss ?? 0))}, ${((run.peakRss - (run.baselineRss ?? 0)) / bytes).toFixed(2)}× file)` : 'failed');
    rows.push(`${size} | ${mb(bytes)} | ${(base.ms / 1000).toFixed(2)} s, ${mb(base.peakRss)} | ${ratio(imported)} | ${ratio(converted)} | ${memory(imported)} | ${memory(converted)}`);
  }
  writeFileSync(path.join(os.tmpdir(), 'annoconv-coco-bench', 'results.json'), JSON.stringify(results, null, 2));
  // The table is the benchmark's report (this file is not library code).
  console.log(rows.join('\n'));
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
