// In-process tests of every command through main(), on the real format list (CVAT XML, which has landed).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formats, formatsListing } from '@annoconv/engine';
import { CVAT_IMAGES_XML, tempDir } from './test-support/fixtures.js';
import { runCli } from './test-support/run-cli.js';

let dir: ReturnType<typeof tempDir>;
let cvatFolder: string;

beforeAll(() => {
  dir = tempDir('cli');
  cvatFolder = join(dir.path, 'cvat-in');
  mkdirSync(cvatFolder);
  writeFileSync(join(cvatFolder, 'annotations.xml'), CVAT_IMAGES_XML);
});
afterAll(() => dir.remove());

describe('usage', () => {
  it('--help on the program lists the commands and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const word of ['convert', 'detect', 'formats', 'validate', 'stats', 'Exit codes:', '130']) expect(run.stdout).toContain(word);
  });

  it.each(['convert', 'detect', 'formats', 'validate', 'stats'])('%s --help shows examples', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain(`$ annoconv ${command}`);
  });

  it('bad usage exits 2 with commander’s message', async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['convrt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'convrt'");
    expect(unknown.stderr).toContain('(Did you mean convert?)');
    const missing = await runCli(['convert', 'a', 'b']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-t, --to <format>' not specified");
    const badPair = await runCli(['convert', 'a', 'b', '--to', 'cvat', '--option', 'novalue']);
    expect(badPair.code).toBe(2);
    expect(badPair.stderr).toContain("expected name=value, got 'novalue'");
    expect((await runCli(['detect', 'a', '--max-entries', '-3'])).code).toBe(2);
  });

  it('an unknown format option exits 2 naming the known ones', async () => {
    const run = await runCli(['convert', cvatFolder, join(dir.path, 'never'), '--to', 'cvat', '--option', 'colour=red']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option 'colour' for cvat → cvat; known options: convMaskToPoly/);
    expect(existsSync(join(dir.path, 'never'))).toBe(false);
  });
});

describe('formats', () => {
  it('--json prints exactly the CVAT listing', async () => {
    const run = await runCli(['formats', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(formatsListing());
  });

  it('lists ids with what each can do', async () => {
    const run = await runCli(['formats']);
    expect(run.stdout).toMatch(/^cvat\s+import \+ export\s+CVAT for images 1\.1/m);
  });
});

describe('stats', () => {
  it('--json prints exactly the canonical counts', async () => {
    const run = await runCli(['stats', cvatFolder, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${JSON.stringify({ format: 'cvat', frames: 2, subsets: { default: 2 }, labels: ['car', 'person'], tags: 1, shapes: { ellipse: 1, polygon: 1, rectangle: 1 }, tracks: {}, trackedShapes: 0 }, null, 2)}\n`,
    );
  });

  it('--by-label adds the counts per label and the frames without annotations', async () => {
    const run = await runCli(['stats', cvatFolder, '--json', '--by-label']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      byLabel: { car: { shapes: 1, tracks: 0, tags: 1, frames: 1 }, person: { shapes: 2, tracks: 0, tags: 0, frames: 2 } },
      framesWithoutAnnotations: 0,
    });
    const text = await runCli(['stats', cvatFolder, '--by-label']);
    expect(text.stdout).toContain('label   shapes  tracks    tags  frames\ncar          1       0       1       1\nperson       2       0       0       2\n');
  });

  it('--from names the format instead of detecting it', async () => {
    const run = await runCli(['stats', join(cvatFolder, 'annotations.xml'), '--from', 'CVAT 1.1', '--json']);
    expect(JSON.parse(run.stdout).format).toBe('cvat');
  });
});

describe('detect', () => {
  it('ranks the candidates', async () => {
    const run = await runCli(['detect', cvatFolder, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.format).toBe('cvat');
    expect(result.candidates[0]).toMatchObject({ format: 'cvat', name: 'CVAT for images 1.1' });
    expect(result.rejected.length).toBeGreaterThan(0);
  });

  it('prints candidates best first, and the rejected with their reasons under --verbose', async () => {
    const run = await runCli(['detect', cvatFolder]);
    expect(run.stdout.split('\n')[0]).toMatch(/^(0\.\d\d|1\.00) {2}cvat {2}\(CVAT for images 1\.1\)$/);
    expect(run.stdout).not.toContain('no annotations');
    const verbose = await runCli(['detect', cvatFolder, '--verbose']);
    expect(verbose.stdout).toMatch(/^0\.00 {2}datumaro: \S/m);
  });

  it('exits 3 when nothing matches, saying why each format rejected the input', async () => {
    const empty = join(dir.path, 'nothing');
    mkdirSync(empty);
    writeFileSync(join(empty, 'readme.txt'), 'no annotations here');
    const run = await runCli(['detect', empty]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`no format recognised ${empty}`);
    expect(run.stderr).toMatch(/^ {2}cvat: no \.xml file$/m);
    for (const plugin of formats.filter((candidate) => candidate.read)) expect(run.stderr).toMatch(new RegExp(`^ {2}${plugin.id}: \\S`, 'm'));
  });
});

describe('convert', () => {
  it('converts, reports losses grouped by code, and refuses an existing output unless --overwrite', async () => {
    const output = join(dir.path, 'video-out');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'CVAT for video 1.1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(cvat) →');
    expect(run.stderr).toMatch(/tag-unsupported \(warning\) ×1/);
    expect(readFileSync(join(output, 'annotations.xml'), 'utf-8')).toContain('<track');
    const again = await runCli(['convert', cvatFolder, output, '--to', 'cvat-video']);
    expect(again.code).toBe(6);
    expect(again.stderr).toContain(`${output}: output already exists`);
    expect((await runCli(['convert', cvatFolder, output, '--to', 'cvat-video', '--overwrite'])).code).toBe(0);
  });

  it('--transform shapes-to-boxes keeps polygons and ellipses as boxes in a box-only format', async () => {
    const output = join(dir.path, 'yolo-boxes');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'ultralytics-detection', '--transform', 'shapes_to_boxes', '--verbose']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 polygon turned into its box (shapes-to-boxes)');
    expect(run.stderr).toContain('1 ellipse turned into its box (shapes-to-boxes)');
    // Ultralytics labels: class cx cy w h, normalized by the 100×80 images (person = class 1).
    expect(readFileSync(join(output, 'labels', 'train', 'a.txt'), 'utf-8').trim().split('\n')).toEqual(['0 0.200000 0.375000 0.200000 0.250000', '1 0.105000 0.131250 0.190000 0.237500']);
    expect(readFileSync(join(output, 'labels', 'train', 'b.txt'), 'utf-8').trim()).toBe('1 0.500000 0.500000 0.200000 0.125000');
    const unknown = await runCli(['convert', cvatFolder, join(dir.path, 'never'), '--to', 'yolo', '--transform', 'boxes_to_masks']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown transform 'boxes_to_masks'; known transforms: shapes-to-boxes");
  });

  it('--map-label renames, merges and deletes labels before writing', async () => {
    const output = join(dir.path, 'mapped');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'cvat', '--map-label', 'car=vehicle', '--map-label', 'person=', '--verbose']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("label 'car' renamed 'vehicle'");
    expect(run.stderr).toContain('2 annotations of deleted labels dropped');
    const stats = await runCli(['stats', output, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ labels: ['vehicle'], tags: 1, shapes: { rectangle: 1 } });
    const everything = await runCli(['convert', cvatFolder, join(dir.path, 'never'), '--to', 'cvat', '--unmapped-labels', 'delete']);
    expect(everything.code).toBe(2);
    expect(everything.stderr).toContain('--unmapped-labels delete without any --map-label would delete every label');
    expect((await runCli(['convert', cvatFolder, join(dir.path, 'never'), '--to', 'cvat', '--unmapped-labels', 'maybe'])).code).toBe(2);
  });

  it('--split puts the frames into subsets by share, the same way for the same seed', async () => {
    const run = await runCli(['convert', cvatFolder, join(dir.path, 'split'), '--to', 'cvat', '--split', 'train=1,val=1', '--seed', '3']);
    expect(run.code, run.stderr).toBe(0);
    const stats = JSON.parse((await runCli(['stats', join(dir.path, 'split'), '--json'])).stdout) as { subsets: Record<string, number> };
    expect(stats.subsets).toEqual({ train: 1, val: 1 });
    expect((await runCli(['convert', cvatFolder, join(dir.path, 'never'), '--to', 'cvat', '--split', 'train=-1'])).code).toBe(2);
  });

  it('--save-images copies the input images into the output', async () => {
    const input = join(dir.path, 'with-images');
    mkdirSync(join(input, 'images'), { recursive: true });
    writeFileSync(join(input, 'annotations.xml'), CVAT_IMAGES_XML);
    writeFileSync(join(input, 'images', 'a.jpg'), 'A');
    writeFileSync(join(input, 'images', 'b.jpg'), 'B');
    const output = join(dir.path, 'with-images-out');
    expect((await runCli(['convert', input, output, '--to', 'cvat', '--save-images'])).code).toBe(0);
    expect(readFileSync(join(output, 'images', 'b.jpg'), 'utf-8')).toBe('B');
    const without = join(dir.path, 'without-images-out');
    expect((await runCli(['convert', input, without, '--to', 'cvat'])).code).toBe(0);
    expect(existsSync(join(without, 'images'))).toBe(false);
  });

  it('converts into another real format and reads the result back (CVAT XML → COCO zip)', async () => {
    const output = join(dir.path, 'coco.zip');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'COCO 1.0']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('tag-unsupported');
    const stats = JSON.parse((await runCli(['stats', output, '--json'])).stdout);
    expect(stats).toMatchObject({ format: 'coco', frames: 2, labels: ['car', 'person'], tags: 0 });
  });

  it('--json prints formats, diagnostics and stats', async () => {
    const run = await runCli(['convert', cvatFolder, join(dir.path, 'json-out.zip'), '--to', 'cvat-video', '--json', '--no-progress']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ from: 'cvat', to: 'cvat-video', stats: { frames: 2 } });
    expect(result.diagnostics.map((diagnostic: { code: string }) => diagnostic.code)).toContain('tag-unsupported');
  });

  it('--strict fails with exit 5, lists the warnings and writes nothing', async () => {
    const output = join(dir.path, 'strict-out');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'cvat-video', '--strict']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('tag-unsupported');
    expect(run.stderr).toMatch(/strict mode: \d+ warning\(s\), nothing written/);
    expect(existsSync(output)).toBe(false);
  });

  it('an interrupted conversion exits 130 and writes nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const output = join(dir.path, 'interrupted');
    const run = await runCli(['convert', cvatFolder, output, '--to', 'cvat'], { signal: controller.signal });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('aborted');
    expect(existsSync(output)).toBe(false);
  });

  it('an unknown target format exits 3 and lists the known ones', async () => {
    const run = await runCli(['convert', cvatFolder, join(dir.path, 'x'), '--to', 'nope']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("annoconv: error [unknown-format]: unknown format 'nope'; known formats: ");
  });

  it('a missing input exits 6 naming it', async () => {
    const missing = join(dir.path, 'does-not-exist');
    const run = await runCli(['convert', missing, join(dir.path, 'y'), '--to', 'cvat']);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(missing);
  });
});

describe('validate', () => {
  it('accepts a valid input', async () => {
    const run = await runCli(['validate', cvatFolder]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('valid: ');
  });

  it('exits 4 on malformed input, naming the file and the line', async () => {
    const broken = join(dir.path, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'annotations.xml'), CVAT_IMAGES_XML.replace('<box label="car"', '<box label="car" xtl="oops"').replace('</image>\n  <image id="1"', '<image id="1"'));
    const run = await runCli(['validate', broken, '--from', 'cvat']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/annoconv: error \[parse\]: annotations\.xml:\d+/);
  });
});
