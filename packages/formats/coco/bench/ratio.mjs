// Whole-process ratios of issue 5, measured in one run: for each size, `rounds` times in turn, (1) a node process
// that only reads and JSON.parses the file, (2) a node process that imports it with cocoPlugin.read, (3) the
// annoconv CLI converting it COCO → COCO into a temporary folder. Each is a fresh process; wall time is measured
// around it, CPU time and peak RSS by the process itself (usage.cjs). Prints one line per run and the ratios of
// each round, plus the load average before and after. Needs `pnpm -r build` (runs the compiled code).
//   node packages/formats/coco/bench/ratio.mjs [sizes=1k,10k] [rounds=3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDataset } from '../dist/bench/datasets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../../cli/bin/annoconv.js');
const usage = path.join(here, 'usage.cjs');
const sizes = (process.argv[2] ?? '1k,10k').split(',');
const rounds = Number(process.argv[3] ?? 3);
const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');

function run(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', usage, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  const match = /@@usage (.*)/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`failed: ${args.join(' ')}\n${result.stderr}`);
  return { wallMs, ...JSON.parse(match[1]) };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
console.log(`load average before: ${load()}`);
for (const size of sizes) {
  const { root, file, bytes } = await benchDataset(size);
  console.log(`\n${size}: ${mb(bytes)}`);
  for (let round = 1; round <= rounds; round++) {
    const base = run([path.join(here, 'baseline.cjs'), file]);
    const imported = run([path.join(here, 'import.mjs'), root]);
    const output = mkdtempSync(path.join(os.tmpdir(), 'annoconv-coco-ratio-'));
    const converted = run([cli, 'convert', root, path.join(output, 'out'), '--from', 'coco', '--to', 'coco', '--no-progress']);
    rmSync(output, { recursive: true, force: true });
    const line = (name, r) =>
      `  ${name.padEnd(8)} wall ${s(r.wallMs)} (${(r.wallMs / base.wallMs).toFixed(2)}×)  cpu ${s(r.cpuMs)} (${(r.cpuMs / base.cpuMs).toFixed(2)}×)  peak RSS ${mb(r.peakRss)} (${(r.peakRss / bytes).toFixed(2)}× file)`;
    console.log(`round ${round} (load ${load()})`);
    console.log(line('baseline', base));
    console.log(line('import', imported));
    console.log(line('convert', converted));
  }
}
console.log(`\nload average after: ${load()}`);
