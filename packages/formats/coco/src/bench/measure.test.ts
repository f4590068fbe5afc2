// One measured run in its own process (spawned by coco.bench.ts with COCO_MEASURE=<mode>:<size>): wall time and
// the process's peak RSS for a COCO import or COCO → COCO conversion. Skipped in ordinary test runs.
import { it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '@annoconv/core';
import { cocoPlugin } from '../plugin.js';
import { benchDataset, type SizeName } from './datasets.js';
import { FsSink, FsTree } from './fs-tree.js';

const request = process.env.COCO_MEASURE;

it.skipIf(!request)('measures one COCO operation in this process', async () => {
  const [mode, size, output] = request!.split(':') as ['import' | 'convert', SizeName, string];
  const { root } = await benchDataset(size);
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const dataset = await cocoPlugin.read!(new FsTree(root), {}, createContext());
  const readMs = performance.now() - started;
  let totalMs = readMs;
  if (mode === 'convert') {
    const target = mkdtempSync(path.join(os.tmpdir(), 'annoconv-coco-out-'));
    await cocoPlugin.write!(dataset, new FsSink(target), {}, createContext());
    totalMs = performance.now() - started;
    rmSync(target, { recursive: true, force: true });
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  writeFileSync(output, JSON.stringify({ mode, size, readMs, totalMs, baselineRss, peakRss, shapes: dataset.annotations.shapes.length }));
}, 3_600_000);
