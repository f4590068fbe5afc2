// Every COCO sample dataset Datumaro ships (CVAT's fork and upstream, Roboflow and MMDetection layouts included)
// imports with what CVAT's Datumaro reads from it (samples/README.md), and its export re-imports to the same
// canonical dataset. Skipped when the shared samples are not beside the repository.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createContext, type FormatPlugin } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';
import { folderTree, hasSamples, samplesRoot, summary, withDefaultAttributes } from './testing/sample-tree.js';

const roots = ['cvat-datumaro/coco_dataset', 'datumaro/coco_dataset'];
const folders = hasSamples ? roots.flatMap((root) => (existsSync(path.join(samplesRoot, root)) ? readdirSync(path.join(samplesRoot, root)).sort().map((name) => `${root}/${name}`) : [])) : [];

const instances = { frames: { train: 1, val: 1 }, shapes: { rectangle: 1, polygon: 1, mask: 1 }, tags: 0, tracks: 0, labels: ['a', 'b', 'c'] };
const keypointLabels = ['a', 'a/a_1', 'a/a_2', 'a/a_3', 'b', 'b/b_1', 'b/b_2', 'b/b_3'];
/** What each folder holds for the model. Datumaro's counts, except: boxes of keypoint annotations are removed by CVAT,
 * captions are not held (a diagnostic), and our keypoint sub-labels are named for b too. */
const expected: Record<string, { plugin: FormatPlugin; summary: Record<string, unknown>; codes?: string[] }> = {
  coco: { plugin: cocoPlugin, summary: instances, codes: ['data-unsupported'] },
  coco_captions: { plugin: cocoPlugin, summary: { frames: { train: 1, val: 1 }, shapes: {}, tags: 0, tracks: 0, labels: [] }, codes: ['data-unsupported'] },
  coco_image_info: { plugin: cocoPlugin, summary: { frames: { train: 1, val: 1 }, shapes: {}, tags: 0, tracks: 0, labels: [] } },
  coco_instances: { plugin: cocoPlugin, summary: instances },
  coco_labels: { plugin: cocoPlugin, summary: { frames: { train: 1, val: 1 }, shapes: {}, tags: 3, tracks: 0, labels: ['a', 'b'] } },
  coco_panoptic: { plugin: cocoPlugin, summary: { frames: { train: 1, val: 1 }, shapes: { mask: 3 }, tags: 0, tracks: 0, labels: ["a", "b"] } },
  coco_person_keypoints: { plugin: cocoKeypointsPlugin, summary: { frames: { train: 1, val: 1 }, shapes: { skeleton: 3, polygon: 1, mask: 1 }, tags: 0, tracks: 0, labels: keypointLabels } },
  coco_stuff: { plugin: cocoPlugin, summary: { frames: { train: 1, val: 1 }, shapes: { mask: 2 }, tags: 0, tracks: 0, labels: ['a', 'b'] } },
  coco_roboflow: { plugin: cocoPlugin, summary: instances },
  mmdet_coco: { plugin: cocoPlugin, summary: instances },
};

describe.skipIf(!hasSamples)('shared COCO samples', () => {
  it('finds the sample folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(18);
  });

  for (const folder of folders) {
    const name = path.basename(folder);
    const want = expected[name];
    it(`${folder} is detected, imports as Datumaro reads it and re-imports its export unchanged`, async () => {
      expect(want, `no expectation for ${name}`).toBeDefined();
      const tree = folderTree(path.join(samplesRoot, folder));
      const detection = await want!.plugin.detect!(tree, createContext());
      expect(detection.confidence).toBeGreaterThanOrEqual(0.5);
      const context = createContext();
      const dataset = await want!.plugin.read!(tree, {}, context);
      expect(summary(dataset)).toEqual(want!.summary);
      for (const code of want!.codes ?? []) expect(context.diagnostics.items.map((item) => item.code)).toContain(code);
      // Images are found in each layout (images/<subset>/, <subset>/ for MMDetection, beside the JSON for Roboflow).
      expect(dataset.frames.every((frame) => frame.image !== undefined)).toBe(true);

      const sink = new MemorySink();
      await want!.plugin.write!(dataset, sink, {}, createContext());
      const again = await want!.plugin.read!(sink.toTree(), {}, createContext());
      if (dataset.annotations.tags.length > 0) {
        // Tags are not held by COCO 1.0: the export says so and they are gone.
        expect(again.annotations.tags).toEqual([]);
        dataset.annotations.tags = [];
      }
      const strip = (value: typeof dataset) => ({ ...withDefaultAttributes(value), frames: value.frames.map(({ image: _image, ...frame }) => frame) });
      expect(strip(again)).toEqual(strip(dataset));
    });
  }
});
