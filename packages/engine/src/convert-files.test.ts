// convert() on real paths: a folder in, a folder or a .zip out, through @annoconv/io's trees and sinks.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IoError, StrictModeError } from '@annoconv/core';
import { openTree } from '@annoconv/io';
import { convert } from './convert.js';
import { readDataset } from './read-dataset.js';
import { fakePlugins } from './test-doubles/fake-format.js';

let root: string;
let input: string;
const content = JSON.stringify({
  labels: ['cat'],
  frames: [{ name: 'a.jpg' }],
  shapes: [
    { frame: 0, label: 'cat', type: 'rectangle', points: [0, 0, 2, 2] },
    { frame: 0, label: 'cat', type: 'points', points: [1, 1] },
  ],
});

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'annoconv-engine-'));
  input = join(root, 'input');
  mkdirSync(input);
  writeFileSync(join(input, 'fake.json'), content);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('convert on files', () => {
  it('writes a folder, then refuses it as an existing output unless overwrite', async () => {
    const output = join(root, 'out');
    const result = await convert({ input, to: 'fake', output, plugins: fakePlugins });
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['shape-unsupported']);
    expect(JSON.parse(readFileSync(join(output, 'fake.json'), 'utf-8')).shapes).toHaveLength(1);
    await expect(convert({ input, to: 'fake', output, plugins: fakePlugins })).rejects.toThrow(IoError);
    await convert({ input, to: 'fake', output, overwrite: true, plugins: fakePlugins });
    expect(readdirSync(root).sort()).toEqual(['input', 'out']);
  });

  it('writes a zip when the output ends in .zip, and reads it back', async () => {
    const output = join(root, 'out.zip');
    await convert({ input, to: 'fake', output, plugins: fakePlugins });
    const tree = await openTree(output);
    expect(tree.entries().map((entry) => entry.path)).toEqual(['fake.json']);
    await tree.close();
    const read = await readDataset(output, { plugins: fakePlugins });
    expect(read.format).toBe('fake');
    expect(read.dataset.annotations.shapes).toHaveLength(1);
  });

  it('strict leaves nothing at the output path and no temporary files', async () => {
    const output = join(root, 'strict.zip');
    await expect(convert({ input, to: 'fake', output, strict: true, plugins: fakePlugins })).rejects.toThrow(StrictModeError);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes('strict'))).toEqual([]);
  });

  it('passes saveImages to the writer from the flag or from a format option', async () => {
    const seen: unknown[] = [];
    const spy = { ...fakePlugins[0], id: 'spy', options: [{ name: 'saveImages', type: 'boolean' as const, description: 'copy images' }], write: async (_dataset: unknown, _sink: unknown, options: { saveImages?: boolean }) => void seen.push(options.saveImages) };
    const plugins = [fakePlugins[0], spy];
    await convert({ input, from: 'fake', to: 'spy', output: join(root, 'spy-1'), plugins });
    await convert({ input, from: 'fake', to: 'spy', output: join(root, 'spy-2'), saveImages: true, plugins });
    await convert({ input, from: 'fake', to: 'spy', output: join(root, 'spy-3'), options: { saveImages: 'true' }, plugins });
    await convert({ input, from: 'fake', to: 'spy', output: join(root, 'spy-4'), saveImages: false, options: { saveImages: 'true' }, plugins });
    expect(seen).toEqual([false, true, true, false]);
  });

  it('never leaves the input changed', async () => {
    await convert({ input, to: 'fake', output: join(root, 'again'), plugins: fakePlugins });
    expect(readFileSync(join(input, 'fake.json'), 'utf-8')).toBe(content);
    expect(readdirSync(input)).toEqual(['fake.json']);
  });
});
