// The real CVAT XML samples (Datumaro's test assets, in the shared samples folder beside the repository) import,
// and export → import gives the same dataset. Skipped when the samples folder is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset } from '@annoconv/core';
import { MemoryTree, MemorySink } from '@annoconv/io';
import { readCvat } from './read.js';
import { writeCvat } from './write.js';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

const samples = sharedSamplesDir();

async function roundTrip(dataset: Dataset, flavour: 'images' | 'video'): Promise<{ dataset: Dataset; xml: string; context: ReturnType<typeof createContext> }> {
  const sink = new MemorySink();
  const context = createContext();
  await writeCvat(dataset, sink, flavour, {}, context);
  const xml = new TextDecoder().decode(sink.files.get('annotations.xml')!);
  return { dataset: await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, createContext()), xml, context };
}

/**
 * The dataset without image sources and with each frame's shapes in CVAT's written order (z_order, stable), for
 * comparison: CVAT for images writes the shapes of a frame sorted by z_order.
 */
function plain(dataset: Dataset): unknown {
  const shapes = dataset.annotations.shapes
    .map((shape, position) => ({ shape, position }))
    .sort((a, b) => a.shape.frame - b.shape.frame || a.shape.z_order - b.shape.z_order || a.position - b.position)
    .map(({ shape }) => shape);
  // The writer fills what CVAT always writes: overlap (0) and stop_frame (the last frame).
  const meta = {
    ...dataset.meta,
    overlap: dataset.meta.overlap ?? 0,
    stopFrame: dataset.meta.stopFrame ?? dataset.meta.startFrame + Math.max(dataset.frames.length - 1, 0) * dataset.meta.frameStep,
  };
  return { ...dataset, meta, frames: dataset.frames.map(({ image: _image, ...frame }) => frame), annotations: { ...dataset.annotations, shapes } };
}

const folder = (relative: string): string => path.join(samples, relative);

describe.skipIf(!existsSync(samples))('CVAT XML samples', () => {
  it('cvat-datumaro for_images: a Datumaro-written task with skeletons and unlabeled shapes', async () => {
    const context = createContext();
    const dataset = await readCvat(treeFromFolder(folder('cvat-datumaro/cvat_dataset/for_images')), {}, context);
    expect(dataset.frames.map((frame) => [frame.name, frame.width, frame.height, frame.subset])).toEqual([
      ['img0.jpg', 8, 8, 'train'],
      ['img1.jpg', 10, 10, 'train'],
    ]);
    expect(dataset.frames.every((frame) => frame.image !== undefined)).toBe(true);
    expect(dataset.labels.map((label) => [label.name, label.type, label.sublabels.map((sub) => sub.name)])).toEqual([
      ['label1', 'any', []],
      ['label2', 'any', []],
      ['skeleton', 'skeleton', ['1', '2', '3', '4']],
    ]);
    const label1 = dataset.labels[0]!;
    expect(label1.attributes.map((spec) => [spec.name, spec.input_type, spec.default_value])).toEqual([
      ['a1', 'checkbox', 'false'],
      ['a2', 'radio', 'v1'],
      ['a3', 'text', '0000'],
      ['a4', 'number', '0'],
    ]);
    const types = dataset.annotations.shapes.map((shape) => shape.type);
    expect(types).toEqual(['rectangle', 'skeleton', 'points', 'skeleton']);
    const box = dataset.annotations.shapes[0]!;
    expect(box).toMatchObject({ points: [0, 2, 4, 4], occluded: true, z_order: 1, frame: 0 });
    expect(box.attributes.map((value) => value.value)).toEqual(['true', 'v3', '0003', '2.4']);
    const skeleton = dataset.annotations.shapes[1]!;
    expect(skeleton.elements.map((element) => [element.points, element.outside])).toEqual([
      [[1, 1], true],
      [[2, 2], false],
      [[3, 3], false],
      [[4, 4], false],
    ]);
    // The two label="" shapes cannot be held by the model and are reported.
    expect(context.diagnostics.items.filter((item) => item.code === 'label-unknown')).toHaveLength(2);
    const again = await roundTrip(dataset, 'images');
    // Subsets travel as the task subset; everything else is identical.
    expect(plain(again.dataset)).toEqual(plain(dataset));
  });

  it('datumaro for_images/export_task', async () => {
    const dataset = await readCvat(treeFromFolder(folder('datumaro/cvat_dataset/for_images/export_task')), {}, createContext());
    expect(dataset.frames).toHaveLength(2);
    expect(dataset.annotations.shapes.map((shape) => shape.type)).toEqual(['rectangle', 'points']);
    expect(plain((await roundTrip(dataset, 'images')).dataset)).toEqual(plain(dataset));
  });

  it('datumaro for_images/export_project: subsets from a project export, same names in each subset', async () => {
    const context = createContext();
    const dataset = await readCvat(treeFromFolder(folder('datumaro/cvat_dataset/for_images/export_project')), {}, context);
    expect(dataset.frames.map((frame) => `${frame.subset}/${frame.name}`)).toEqual([
      'Test/img0.jpg',
      'Test/img1.jpg',
      'Train/img0.jpg',
      'Train/img1.jpg',
      'Validation/img0.jpg',
      'Validation/img1.jpg',
    ]);
    expect(dataset.frames.every((frame) => frame.image?.path === `images/${frame.subset}/${frame.name}`)).toBe(true);
    expect(dataset.annotations.shapes).toHaveLength(12);
    expect(dataset.annotations.shapes.filter((shape) => shape.frame === 4).map((shape) => shape.type)).toEqual(['rectangle', 'polyline']);
    const again = await roundTrip(dataset, 'images');
    expect(again.xml).toContain('<project>');
    expect(again.xml).toContain('subset="Validation"');
    expect(plain(again.dataset)).toEqual(plain(dataset));
  });

  for (const relative of ['cvat-datumaro/cvat_dataset/for_video', 'datumaro/cvat_dataset/for_video']) {
    it(`${relative}: tracks keep their keyframes only`, async () => {
      const context = createContext();
      const dataset = await readCvat(treeFromFolder(folder(relative)), {}, context);
      expect(dataset.meta).toMatchObject({ mode: 'interpolation', startFrame: 10, stopFrame: 19, frameStep: 3, name: 'v1' });
      expect(dataset.frames.map((frame) => [frame.name, frame.width, frame.height])).toEqual([
        ['frame_000010', 25, 20],
        ['frame_000013', 25, 20],
        ['frame_000016', 25, 20],
        ['frame_000019', 25, 20],
      ]);
      const [first, second, third] = dataset.annotations.tracks;
      expect(first!.shapes.map((shape) => [shape.frame, shape.outside, shape.occluded])).toEqual([
        [0, false, true],
        [1, true, false],
        [2, true, false],
      ]);
      expect(second!.shapes.map((shape) => shape.attributes.map((value) => value.value))).toEqual([['hgkf'], ['jk']]);
      expect(third!.frame).toBe(1);
      if (relative.startsWith('cvat-datumaro')) {
        const skeleton = dataset.annotations.tracks[3]!;
        expect(skeleton.shapes.map((shape) => shape.frame)).toEqual([0]);
        expect(skeleton.elements.map((element) => element.shapes.map((shape) => [shape.frame, shape.outside]))).toEqual([
          [[0, false]],
          [[0, false]],
          [
            [0, false],
            [1, true],
          ],
          [[0, false]],
        ]);
      }
      const images = dataset.frames.filter((frame) => frame.image).map((frame) => frame.name);
      expect(images).toEqual(relative.startsWith('cvat-datumaro') ? ['frame_000010', 'frame_000013'] : ['frame_000010', 'frame_000013', 'frame_000016']);
      expect(context.diagnostics.items.filter((item) => item.code === 'image-missing')).toHaveLength(4 - images.length);
    });

    it(`${relative}: round-trips through "CVAT for video"`, async () => {
      const dataset = await readCvat(treeFromFolder(folder(relative)), {}, createContext());
      expect(plain((await roundTrip(dataset, 'video')).dataset)).toEqual(plain(dataset));
    });
  }
});
