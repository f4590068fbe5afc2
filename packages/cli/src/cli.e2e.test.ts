// End-to-end tests: spawn the real `annoconv` command (bin/annoconv.js → the bundle in dist/bundle) on folders and
// zips in temporary folders and check outputs, exit codes and messages. They need the built CLI (`pnpm build`,
// which `pnpm test` runs first). Outside CI a missing bundle skips them; in CI they run and fail instead.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CVAT_EXPORTER_ORDER, CVAT_IMPORTER_ORDER, type formatsListing } from '@annoconv/engine';
import { openTree } from '@annoconv/io';
import { CVAT_IMAGES_XML, tempDir } from './test-support/fixtures.js';
import { makeZip } from './test-support/make-zip.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(packageRoot, 'bin', 'annoconv.js');
const built = existsSync(join(packageRoot, 'dist', 'bundle', 'annoconv.js'));

/** Spawns the command and collects its exit code and output. */
function annoconv(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [bin, ...args], { cwd, encoding: 'utf-8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!built && !process.env['CI'])('annoconv (spawned)', () => {
  let dir: ReturnType<typeof tempDir>;
  let cvatZip: string;
  let cvatFolder: string;

  beforeAll(() => {
    dir = tempDir('e2e');
    cvatZip = join(dir.path, 'cvat.zip');
    writeFileSync(cvatZip, makeZip([{ name: 'annotations.xml', data: CVAT_IMAGES_XML }]));
    cvatFolder = join(dir.path, 'cvat-folder');
    mkdirSync(cvatFolder);
    writeFileSync(join(cvatFolder, 'annotations.xml'), CVAT_IMAGES_XML);
  });
  afterAll(() => dir.remove());

  it('answers --help and --version with exit 0, and bad usage with 2', async () => {
    const help = await annoconv(['--help'], dir.path);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect((await annoconv(['--version'], dir.path)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = await annoconv(['convert', 'only-one-argument', '--to', 'cvat'], dir.path);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain("missing required argument 'output'");
  });

  it('formats --json prints the CVAT formats listing', async () => {
    const run = await annoconv(['formats', '--json'], dir.path);
    expect(run.code, run.stderr).toBe(0);
    // Checked structurally rather than against the sources' listing, so a format added to the sources but not yet
    // built does not fail this test (the in-process test compares with formatsListing() exactly).
    const listing = JSON.parse(run.stdout) as ReturnType<typeof formatsListing>;
    expect(Object.keys(listing)).toEqual(['importers', 'exporters']);
    for (const [entries, order] of [[listing.importers, CVAT_IMPORTER_ORDER], [listing.exporters, CVAT_EXPORTER_ORDER]] as const) {
      for (const entry of entries) expect(Object.keys(entry)).toEqual(['name', 'ext', 'version', 'enabled', 'dimension']);
      expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
      const ranks = entries.map((entry) => (order.includes(entry.name) ? order.indexOf(entry.name) : order.length));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(listing.importers).toContainEqual({ name: 'CVAT 1.1', ext: 'XML, ZIP', version: '1.1', enabled: true, dimension: '2d' });
    expect(listing.exporters.map((entry) => entry.name)).toContain('CVAT for images 1.1');
  });

  it('converts a zip into a zip, leaving the input untouched, and stats reads the result', async () => {
    const before = readFileSync(cvatZip);
    const output = join(dir.path, 'video.zip');
    const run = await annoconv(['convert', cvatZip, output, '--to', 'CVAT for video 1.1'], dir.path);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('→');
    expect(readFileSync(cvatZip).equals(before)).toBe(true);
    const tree = await openTree(output);
    try {
      expect(tree.entries().map((entry) => entry.path)).toEqual(['annotations.xml']);
      expect(await tree.readText('annotations.xml')).toContain('<track');
    } finally {
      await tree.close();
    }
    // No temporary files are left beside the output.
    expect(readdirSync(dir.path).filter((name) => name.startsWith('video')).sort()).toEqual(['video.zip']);
    const stats = await annoconv(['stats', output, '--json'], dir.path);
    expect(stats.code, stats.stderr).toBe(0);
    // Either CVAT plugin may read it back (CVAT has one importer for both flavours); the shapes are now tracks.
    const counts = JSON.parse(stats.stdout);
    expect(counts.format).toMatch(/^cvat/);
    expect(counts).toMatchObject({ frames: 2, labels: ['car', 'person'], shapes: {}, tracks: { ellipse: 1, polygon: 1, rectangle: 1 } });
  });

  it('stats --json prints exactly the canonical counts of a folder', async () => {
    const run = await annoconv(['stats', cvatFolder, '--json'], dir.path);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'cvat', frames: 2, subsets: { default: 2 }, labels: ['car', 'person'], tags: 1, shapes: { ellipse: 1, polygon: 1, rectangle: 1 }, tracks: {}, trackedShapes: 0,
    });
  });

  it('converts PNG masks (Segmentation mask → COCO): the bundle carries the PNG decoder', async () => {
    const input = join(packageRoot, '../../test-data/segmask/basic/expected');
    const output = join(dir.path, 'masks-coco');
    const run = await annoconv(['convert', input, output, '--from', 'segmentation-mask', '--to', 'coco', '--no-progress'], dir.path);
    expect(run.code, run.stderr).toBe(0);
    const before = JSON.parse((await annoconv(['stats', input, '--from', 'segmentation-mask', '--json'], dir.path)).stdout) as { frames: number; shapes: Record<string, number> };
    const after = JSON.parse((await annoconv(['stats', output, '--json'], dir.path)).stdout) as { format: string; frames: number; shapes: Record<string, number> };
    expect(after.format).toBe('coco');
    expect(after.frames).toBe(before.frames);
    expect(Object.values(before.shapes).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(after.shapes).toEqual(before.shapes);
  });

  it('refuses a zip with a ../ entry (exit 6) and writes nothing anywhere', async () => {
    const evil = join(dir.path, 'evil.zip');
    writeFileSync(evil, makeZip([{ name: 'annotations.xml', data: CVAT_IMAGES_XML }, { name: '../escaped.xml', data: CVAT_IMAGES_XML }]));
    const output = join(dir.path, 'evil-out');
    const run = await annoconv(['convert', evil, output, '--to', 'cvat'], dir.path);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('unsafe-path');
    expect(run.stderr).toContain('../escaped.xml');
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(dir.path, '..', 'escaped.xml'))).toBe(false);
  });

  it('refuses a zip bomb (exit 6) naming the entry and the bound', async () => {
    const bomb = join(dir.path, 'bomb.zip');
    writeFileSync(bomb, makeZip([{ name: 'annotations.xml', data: new Uint8Array(64 * 1024 * 1024) }]));
    const run = await annoconv(['stats', bomb, '--json'], dir.path);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('limit-exceeded');
    expect(run.stderr).toContain('bomb.zip');
    expect(run.stderr).toContain("entry 'annotations.xml'");
    expect(run.stderr).toMatch(/ratio/);
  });

  it('reports a truncated zip as invalid input (exit 4) naming the archive', async () => {
    const whole = makeZip([{ name: 'annotations.xml', data: CVAT_IMAGES_XML }]);
    const truncated = join(dir.path, 'truncated.zip');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await annoconv(['convert', truncated, join(dir.path, 'truncated-out'), '--to', 'cvat'], dir.path);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain('truncated.zip');
    expect(run.stderr).toMatch(/truncated|end of central directory/);
    expect(existsSync(join(dir.path, 'truncated-out'))).toBe(false);
  });

  it('rejects an unknown format name (exit 3) listing the known ones', async () => {
    const run = await annoconv(['convert', cvatFolder, join(dir.path, 'unknown-out'), '--to', 'pascal'], dir.path);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain("unknown format 'pascal'; did you mean voc (PASCAL VOC 1.1)?; known formats: ");
    expect(run.stderr).toContain('cvat-video');
  });

  it('explains why every format rejected a folder that matches none (exit 3)', async () => {
    const folder = join(dir.path, 'plain-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'nothing to see');
    const run = await annoconv(['convert', folder, join(dir.path, 'plain-out'), '--to', 'cvat'], dir.path);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`no format recognised ${folder}`);
    // One line per format with its reasons (the in-process test checks the list against the sources exactly).
    const lines = run.stderr.split('\n').filter((line) => /^ {2}[\w-]+: \S/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('  cvat: no .xml file');
    expect(lines.some((line) => line.startsWith('  coco: '))).toBe(true);
  });

  it('refuses an existing output (exit 6) and leaves it as it was; --overwrite replaces it', async () => {
    const output = join(dir.path, 'existing');
    mkdirSync(output);
    writeFileSync(join(output, 'keep.txt'), 'mine');
    const run = await annoconv(['convert', cvatFolder, output, '--to', 'cvat-video'], dir.path);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain(`${output}: output already exists`);
    expect(readFileSync(join(output, 'keep.txt'), 'utf-8')).toBe('mine');
    const replaced = await annoconv(['convert', cvatFolder, output, '--to', 'cvat-video', '--overwrite'], dir.path);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(readdirSync(output)).toEqual(['annotations.xml']);
  });

  it('--strict fails on warnings (exit 5), lists them and writes nothing', async () => {
    const output = join(dir.path, 'strict-out.zip');
    const run = await annoconv(['convert', cvatFolder, output, '--to', 'cvat-video', '--strict'], dir.path);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain('tag-unsupported (warning)');
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(output)).toBe(false);
  });

  it('--strict succeeds when nothing is lost', async () => {
    const output = join(dir.path, 'strict-ok');
    const run = await annoconv(['convert', cvatFolder, output, '--to', 'cvat', '--strict', '--json'], dir.path);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ from: 'cvat', to: 'cvat', diagnostics: [] });
  });
});
