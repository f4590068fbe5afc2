// Golden files in test-data/coco/<case>/: `input/` (written by hand), `expected.canonical.json` (the import) and
// `expected-export/` (the export of that import, byte for byte). UPDATE_GOLDEN=1 rewrites the expected files.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createContext, type FormatPlugin } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';
import { canonical, folderTree, repoRoot, withDefaultAttributes } from './testing/sample-tree.js';

const goldenRoot = path.resolve(repoRoot, 'test-data/coco');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const cases: Array<[string, FormatPlugin]> = [
  ['instances', cocoPlugin],
  ['keypoints', cocoKeypointsPlugin],
  // dataset_meta.json beside annotations/ replaces the categories: category_id n is its n-th label.
  ['dataset-meta', cocoPlugin],
];

describe.each(cases)('golden %s', (name, plugin) => {
  const folder = path.join(goldenRoot, name);

  it('imports to the expected canonical dataset and diagnostics', async () => {
    const context = createContext();
    const dataset = await plugin.read!(folderTree(path.join(folder, 'input')), {}, context);
    const diagnostics = context.diagnostics.items.map((item) => `${item.severity} ${item.code}: ${item.message}`);
    golden(path.join(folder, 'expected.canonical.json'), `${JSON.stringify({ dataset: canonical(dataset), diagnostics }, null, 2)}\n`);
  });

  it('exports the canonical dataset to the expected files and diagnostics', async () => {
    const { dataset } = JSON.parse(readFileSync(path.join(folder, 'expected.canonical.json'), 'utf8'));
    const sink = new MemorySink();
    const context = createContext();
    await plugin.write!(dataset, sink, {}, context);
    expect([...sink.files.keys()].length).toBeGreaterThan(0);
    for (const file of sink.files.keys()) golden(path.join(folder, 'expected-export', file), sink.text(file)!);
    const diagnostics = context.diagnostics.items.map((item) => `${item.severity} ${item.code}: ${item.message}`);
    golden(path.join(folder, 'expected-export.diagnostics.json'), `${JSON.stringify(diagnostics, null, 2)}\n`);
  });

  it('re-imports its export to the same canonical dataset', async () => {
    const first = await plugin.read!(folderTree(path.join(folder, 'input')), {}, createContext());
    const sink = new MemorySink();
    await plugin.write!(first, sink, {}, createContext());
    const second = await plugin.read!(sink.toTree(), {}, createContext());
    expect(withDefaultAttributes(second)).toEqual(withDefaultAttributes(first));
  });
});

// Export rules on a hand-written canonical dataset: rotation, ellipse → RLE, is_crowd, groups with a box, dropped
// shapes and tags, a frame of unknown size, a deleted frame, a track with an outside keyframe, skeleton joints.
describe.each(cases)('golden export-rules (%s)', (_name, plugin) => {
  it('writes the expected files and diagnostics', async () => {
    const folder = path.join(goldenRoot, 'export-rules');
    const dataset = JSON.parse(readFileSync(path.join(folder, 'canonical.json'), 'utf8'));
    const sink = new MemorySink();
    const context = createContext();
    await plugin.write!(dataset, sink, {}, context);
    const out = path.join(folder, `expected-${plugin.id}`);
    expect([...sink.files.keys()].length).toBeGreaterThan(0);
    for (const file of sink.files.keys()) golden(path.join(out, file), sink.text(file)!);
    const diagnostics = context.diagnostics.items.map((item) => `${item.severity} ${item.code}: ${item.message} @ ${item.where?.frameName ?? ''}`);
    golden(path.join(out, 'diagnostics.json'), `${JSON.stringify(diagnostics, null, 2)}\n`);
  });
});
