// Issue 5's ratios, measured as the issue defines them: whole processes, one after another on the same file.
// (1) `node` reading the file and JSON.parse-ing it, nothing else; (2) `node` importing the folder with
// cocoPlugin.read; (3) the annoconv command converting it COCO → COCO into a temporary folder. Wall time is taken
// around each process; CPU time and peak RSS are reported by the process itself (bench/usage.cjs, preloaded).
// Runs the compiled code (dist/ and the CLI's bundle): callers build first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDataset, type SizeName } from './datasets.js';

/** The package's root, from src/bench or dist/bench alike. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = path.join(packageRoot, 'bench');
const cli = path.resolve(packageRoot, '../../cli/bin/annoconv.js');

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
}

export interface RatioRound {
  size: SizeName;
  bytes: number;
  baseline: ProcessRun;
  imported: ProcessRun;
  converted: ProcessRun;
}

function run(args: string[]): ProcessRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', path.join(scripts, 'usage.cjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  const match = /@@usage (.*)/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`failed: node ${args.join(' ')}\n${result.stderr}`);
  return { wallMs, ...(JSON.parse(match[1]!) as { cpuMs: number; peakRss: number }) };
}

/** One round on one size: the three processes in turn (the file is generated on first use). */
export async function measureRound(size: SizeName): Promise<RatioRound> {
  const { root, file, bytes } = await benchDataset(size);
  const baseline = run([path.join(scripts, 'baseline.cjs'), file]);
  const imported = run([path.join(scripts, 'import.mjs'), root]);
  const output = mkdtempSync(path.join(os.tmpdir(), 'annoconv-coco-ratio-'));
  try {
    const converted = run([cli, 'convert', root, path.join(output, 'out'), '--from', 'coco', '--to', 'coco', '--no-progress']);
    return { size, bytes, baseline, imported, converted };
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

/** One markdown table row: each process's wall / CPU / peak RSS, with ratios to the baseline of the round. */
export function formatRound(round: RatioRound, label: string): string {
  const { baseline, bytes } = round;
  const cell = (run: ProcessRun, ratios: boolean): string =>
    ratios
      ? `${seconds(run.wallMs)} (${(run.wallMs / baseline.wallMs).toFixed(2)}×) / ${seconds(run.cpuMs)} (${(run.cpuMs / baseline.cpuMs).toFixed(2)}×) / ${megabytes(run.peakRss)} (${(run.peakRss / bytes).toFixed(1)}× file)`
      : `${seconds(run.wallMs)} / ${seconds(run.cpuMs)} / ${megabytes(run.peakRss)}`;
  return `| ${label} | ${cell(baseline, false)} | ${cell(round.imported, true)} | ${cell(round.converted, true)} |`;
}

export const TABLE_HEADER = [
  '| size (file), round | read + JSON.parse: wall / CPU / peak RSS | import: wall (×) / CPU (×) / peak RSS | `annoconv convert` COCO → COCO: wall (×) / CPU (×) / peak RSS |',
  '|---|---|---|---|',
].join('\n');

/** The load average as three numbers, to print beside figures taken on a shared machine. */
export function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(1)).join(' ');
}
