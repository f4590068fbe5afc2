import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { decodePng, encodePng, MemorySink, MemoryTree } from '@annoconv/io';
import { readMot } from './read-mot.js';
import { writeMot } from './write-mot.js';
import { readMots } from './read-mots.js';
import { writeMots } from './write-mots.js';
import { detectMot, detectMots } from './detect.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { shapePixels, sharedSamplesDir, trackPixels, treeFromFolder } from '@annoconv/testing';

const motFolders = ['cvat-datumaro', 'datumaro'].flatMap((source) =>
  ['mot_seq', 'mot_seq_with_seqinfo'].map((name) => path.join(sharedSamplesDir(), source, 'mot_dataset', name)),
);

describe.each(motFolders)('MOT sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('imports its one box (class 3 → label_2, id −1 → plain shape) and round-trips it', async () => {
    const tree = treeFromFolder(folder);
    expect((await detectMot(tree, createContext())).confidence).toBeGreaterThan(0.9);
    expect((await detectMots(tree, createContext())).confidence).toBe(0);
    const dataset = await readMot(tree, {}, createContext());
    expect(dataset.labels.map((label) => label.name)).toEqual(Array.from({ length: 10 }, (_, index) => `label_${index}`));
    expect(dataset.frames.map((frame) => frame.name)).toEqual(['000001.jpg']);
    expect(dataset.annotations.tracks).toEqual([]);
    const [shape] = dataset.annotations.shapes;
    expect(dataset.annotations.shapes).toHaveLength(1);
    expect(shape).toMatchObject({ type: 'rectangle', frame: 0, points: [0, 4, 4, 12], occluded: false, label_id: dataset.labels[2]!.id });
    const label = dataset.labels[2]!;
    const byName = Object.fromEntries(shape!.attributes.map((attribute) => [label.attributes.find((spec) => spec.id === attribute.spec_id)!.name, attribute.value]));
    expect(byName).toEqual({ ignored: 'false', visibility: '1.0' });
    if (tree.has('seqinfo.ini')) expect([dataset.meta.name, dataset.frames[0]!.width, dataset.frames[0]!.height]).toEqual(['Test', 16, 16]);

    const sink = new MemorySink();
    const writeContext = createContext();
    await writeMot(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    expect(new TextDecoder().decode(sink.files.get('gt/gt.txt'))).toBe('1,-1,0.0,4.0,4.0,8.0,1,3,1.0\r\n');
    const back = await readMot(sink.toTree(), {}, createContext());
    expect(back.annotations).toEqual(dataset.annotations);
    expect(back.labels).toEqual(dataset.labels);
  });
});

const motsFolders = ['cvat-datumaro', 'datumaro'].map((source) => path.join(sharedSamplesDir(), source, 'mots_dataset'));

describe.each(motsFolders)('MOTS sample %s', (folder) => {
  it.skipIf(!existsSync(folder))('imports its five instances (1000 · class + id) and reports the ones too small for polygons', async () => {
    const tree = treeFromFolder(folder);
    expect((await detectMots(tree, createContext())).confidence).toBeGreaterThan(0.8);
    expect((await detectMot(tree, createContext())).confidence).toBe(0);
    const masks = await readMots(tree, { convMaskToPoly: false }, createContext());
    expect(masks.labels.map((label) => label.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(masks.frames.map((frame) => `${frame.subset}/${frame.name} ${frame.width}×${frame.height}`)).toEqual(['train/1.jpg 5×1', 'train/2.jpg 5×1', 'val/3.jpg 5×1']);
    const name = (id: number) => masks.labels.find((label) => label.id === id)!.name;
    // 1.png holds 4003 (two pixels), 3002, 4001; 2.png 4002; 3.png 1001; instances in value order per frame.
    expect(masks.annotations.shapes.map((shape) => [shape.frame, name(shape.label_id), shape.type])).toEqual([
      [0, 'c', 'mask'], [0, 'd', 'mask'], [0, 'd', 'mask'], [1, 'd', 'mask'], [2, 'a', 'mask'],
    ]);
    expect(shapePixels(masks)).toEqual({ 'train/1.jpg:c': [expect.any(Number)], 'train/1.jpg:d': expect.any(Array), 'train/2.jpg:d': [expect.any(Number)], 'val/3.jpg:a': [expect.any(Number)] });
    expect(shapePixels(masks)['train/1.jpg:d']).toHaveLength(3);
    // CVAT's default turns masks into polygons; masks of one or two pixels have none, and are reported.
    const readContext = createContext();
    const polygons = await readMots(tree, {}, readContext);
    expect(polygons.annotations.tracks).toEqual([]);
    expect(readContext.diagnostics.countByCode().get('shape-unsupported')).toBe(5);
  });
});

describe('MOTS sample scaled up', () => {
  const folder = path.join(sharedSamplesDir(), 'cvat-datumaro/mots_dataset');
  it.skipIf(!existsSync(folder))('round-trips the sample\'s instances as tracks once each pixel is 4×4', async () => {
    const source = treeFromFolder(folder);
    const files: Record<string, Uint8Array | string> = {};
    for (const entry of source.entries()) {
      if (entry.path.endsWith('.png')) {
        const png = decodePng(await source.read(entry.path));
        const data = new Uint16Array(png.width * 4 * png.height * 4);
        for (let y = 0; y < png.height * 4; y++) for (let x = 0; x < png.width * 4; x++) data[y * png.width * 4 + x] = png.data[Math.floor(y / 4) * png.width + Math.floor(x / 4)]!;
        files[entry.path] = encodePng({ width: png.width * 4, height: png.height * 4, channels: 1, bitDepth: 16, data });
      } else if (!entry.path.includes('/images/')) files[entry.path] = await source.read(entry.path);
    }
    const dataset = await readMots(new MemoryTree(files), {}, createContext());
    const name = (id: number) => dataset.labels.find((label) => label.id === id)!.name;
    // One track per (instance, label); every frame a keyframe, outside after the last.
    expect(dataset.annotations.tracks.map((track) => [name(track.label_id), track.group, track.shapes.map((shape) => [shape.frame, shape.outside])])).toEqual([
      ['c', 2, [[0, false], [1, true]]],
      ['d', 1, [[0, false], [1, true]]],
      ['d', 3, [[0, false], [1, true]]],
      ['d', 2, [[1, false], [2, true]]],
      ['a', 1, [[2, false]]],
    ]);
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeMots(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readMots(sink.toTree(), {}, createContext());
    expect(trackPixels(back)).toEqual(trackPixels(dataset));
    expect(Object.keys(trackPixels(dataset))).toHaveLength(4);
  });
});
