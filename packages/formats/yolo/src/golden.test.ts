// Golden files: one canonical dataset written in every flavour must equal test-data/yolo/golden/<id>/ byte for byte,
// and the diagnostics each flavour raises are pinned beside it. `UPDATE_GOLDEN=1` rewrites them.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plugins } from './index.js';
import { goldenDataset } from './golden-dataset.js';
import { testDataDir } from '@annoconv/testing';
import { writeToMemory } from './test-helpers.js';

function readFolder(folder: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) Object.assign(files, readFolder(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

const update = process.env['UPDATE_GOLDEN'] === '1';

describe('golden files', () => {
  for (const plugin of plugins) {
    it(`${plugin.id} writes test-data/yolo/golden/${plugin.id}`, async () => {
      const { sink, context } = await writeToMemory(plugin, goldenDataset());
      const written = Object.fromEntries([...sink.files.keys()].sort().map((file) => [file, sink.text(file)!]));
      const diagnostics = `${context.diagnostics.items.map((item) => `${item.severity} ${item.code} frame=${item.where?.frameName ?? item.where?.frame ?? '-'} object=${item.where?.objectId ?? '-'}: ${item.message}`).join('\n')}\n`;
      const folder = path.join(testDataDir('yolo'), 'golden', plugin.id);
      const diagnosticsFile = path.join(testDataDir('yolo'), 'golden', `${plugin.id}.diagnostics.txt`);
      if (update) {
        rmSync(folder, { recursive: true, force: true });
        for (const [file, text] of Object.entries(written)) {
          mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
          writeFileSync(path.join(folder, file), text);
        }
        writeFileSync(diagnosticsFile, diagnostics);
      }
      expect(written).toEqual(readFolder(folder));
      expect(diagnostics).toBe(readFileSync(diagnosticsFile, 'utf8'));
    });
  }
});
