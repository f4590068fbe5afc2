// Every YOLO sample folder imports as CVAT's Datumaro reads it, is detected as its flavour, and round-trips.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type FormatPlugin } from '@annoconv/core';
import { FolderTree } from '@annoconv/io';
import { plugins } from './index.js';
import { sharedSamplesDir } from '@annoconv/testing';
import { describeDataset, haveSamples, maxDifference, writeToMemory } from './test-helpers.js';

const byId = (id: string): FormatPlugin => plugins.find((plugin) => plugin.id === id)!;
const labelNames = Array.from({ length: 10 }, (_, index) => `label_${index}`);
// `2 0.133333 0.300000 0.266667 0.200000` and `4 0.266667 0.450000 0.133333 0.300000` on a 15×10 image.
const twoBoxes = [
  { label: 'label_2', points: [0, 2, 4, 4] },
  { label: 'label_4', points: [3, 3, 5, 6] },
];

interface Case {
  folder: string;
  format: string;
  frames: number;
  check: (described: ReturnType<typeof describeDataset>) => void;
}

function expectBoxes(described: ReturnType<typeof describeDataset>, frames = 1): void {
  expect(described.labels.map((label) => label.name)).toEqual(labelNames);
  expect(described.shapes).toHaveLength(2 * frames);
  described.shapes.slice(0, 2).forEach((item, index) => {
    expect(item.type).toBe('rectangle');
    expect(item.label).toBe(twoBoxes[index]!.label);
    expect(maxDifference(item.points, twoBoxes[index]!.points)).toBeLessThan(1e-5);
  });
}

const cases: Case[] = [
  { folder: 'cvat-datumaro/yolo_dataset/yolo', format: 'yolo', frames: 1, check: (d) => expectBoxes(d) },
  { folder: 'datumaro/yolo_dataset/strict', format: 'yolo', frames: 1, check: (d) => expectBoxes(d) },
  { folder: 'datumaro/yolo_dataset/labels', format: 'yolo', frames: 2, check: (d) => (expectBoxes(d, 2), expect(d.frames.map((f) => f.key)).toEqual(['train:1.jpg', 'val:1.jpg'])) },
  { folder: 'datumaro/yolo_dataset/annotations', format: 'yolo', frames: 1, check: (d) => (expectBoxes(d), expect(d.frames[0]).toEqual({ key: 'train:1.jpg', width: 15, height: 10 })) },
  { folder: 'cvat-datumaro/yolo_dataset/yolov8_detection', format: 'ultralytics-detection', frames: 1, check: (d) => expectBoxes(d) },
  { folder: 'cvat-datumaro/yolo_dataset/yolov8_detection_with_list_of_imgs', format: 'ultralytics-detection', frames: 1, check: (d) => expectBoxes(d) },
  { folder: 'cvat-datumaro/yolo_dataset/yolov8_detection_with_list_of_names', format: 'ultralytics-detection', frames: 1, check: (d) => expectBoxes(d) },
  { folder: 'cvat-datumaro/yolo_dataset/yolov8_detection_with_subset_txt', format: 'ultralytics-detection', frames: 1, check: (d) => expectBoxes(d) },
  {
    folder: 'cvat-datumaro/yolo_dataset/yolov8_oriented_boxes',
    format: 'ultralytics-obb',
    frames: 1,
    check: (d) => {
      expect(d.shapes.map((item) => [item.type, item.label])).toEqual([['rectangle', 'label_2'], ['rectangle', 'label_4']]);
      // Datumaro's own expectation for this asset: Bbox(1, 2, 3, 4) at 30° and Bbox(3, 2, 6, 2) at 120°.
      expect(maxDifference(d.shapes[0]!.points, [1, 2, 4, 6])).toBeLessThan(1e-4);
      expect(d.shapes[0]!.rotation).toBeCloseTo(30, 2);
      expect(maxDifference(d.shapes[1]!.points, [3, 2, 9, 4])).toBeLessThan(1e-4);
      expect(d.shapes[1]!.rotation).toBeCloseTo(120, 2);
    },
  },
  {
    folder: 'cvat-datumaro/yolo_dataset/yolov8_segmentation',
    format: 'ultralytics-segmentation',
    frames: 1,
    check: (d) => {
      expect(d.shapes.map((item) => [item.type, item.label, item.points.length])).toEqual([['polygon', 'label_2', 6], ['polygon', 'label_4', 10]]);
      expect(maxDifference(d.shapes[0]!.points, [1.5, 1, 6, 1, 6, 5])).toBeLessThan(1e-5);
    },
  },
  ...['yolov8_pose', 'yolov8_pose_two_values_per_point'].map((folder) => ({
    folder: `cvat-datumaro/yolo_dataset/${folder}`,
    format: 'ultralytics-pose',
    frames: 1,
    check: (d: ReturnType<typeof describeDataset>) => {
      expect(d.labels).toEqual([{ name: 'skeleton_label', points: 3 }]);
      expect(d.shapes).toHaveLength(1);
      expect(d.shapes[0]!.type).toBe('skeleton');
      expect(d.shapes[0]!.elements.map((item) => [item.label, item.outside, item.occluded])).toEqual([
        ['skeleton_label#0', false, false],
        ['skeleton_label#1', false, false],
        ['skeleton_label#2', false, false],
      ]);
      expect(maxDifference(d.shapes[0]!.elements.flatMap((item) => item.points), [1.5, 2, 4.5, 4, 7.5, 6])).toBeLessThan(1e-9);
    },
  })),
  {
    folder: 'cvat-datumaro/yolo_dataset/yolov8_classification',
    format: 'ultralytics-classification',
    frames: 3,
    check: (d) => {
      expect(d.labels.map((label) => label.name)).toEqual(['label_0', 'label_1']);
      expect(d.tags).toEqual(['train:label_0/1.jpg=label_0', 'train:label_0/2.jpg=label_0', 'train:label_1/3.jpg=label_1']);
    },
  },
];

describe.skipIf(!haveSamples)('YOLO sample folders', () => {
  for (const sample of cases) {
    it(`${sample.folder} imports as ${sample.format}, is detected as it, and round-trips`, async () => {
      const tree = await FolderTree.open(path.join(sharedSamplesDir(), sample.folder));
      const plugin = byId(sample.format);
      const context = createContext();
      const dataset = await plugin.read!(tree, {}, context);
      expect(dataset.frames).toHaveLength(sample.frames);
      const described = describeDataset(dataset);
      sample.check(described);
      expect(dataset.frames.every((frame) => frame.width === 15 && frame.height === 10)).toBe(true);

      const scores = await Promise.all(plugins.filter((candidate) => candidate.detect).map(async (candidate) => ({ id: candidate.id, ...(await candidate.detect!(tree, createContext())) })));
      scores.sort((a, b) => b.confidence - a.confidence);
      expect(scores[0]!.id).toBe(sample.format);
      expect(scores[0]!.confidence).toBeGreaterThan(scores[1]!.confidence);

      const { tree: written } = await writeToMemory(plugin, dataset, { saveImages: true });
      const again = await plugin.read!(written, {}, createContext());
      const reread = describeDataset(again);
      expect(reread.labels).toEqual(described.labels);
      expect(reread.frames).toEqual(described.frames);
      expect(reread.tags).toEqual(described.tags);
      expect(reread.shapes.map((item) => [item.frame, item.label, item.type])).toEqual(described.shapes.map((item) => [item.frame, item.label, item.type]));
      reread.shapes.forEach((item, index) => {
        const original = described.shapes[index]!;
        expect(maxDifference(item.points, original.points)).toBeLessThan(1e-5);
        expect(Math.abs(item.rotation - original.rotation)).toBeLessThan(1e-3);
        expect(maxDifference(item.elements.flatMap((sub) => sub.points), original.elements.flatMap((sub) => sub.points))).toBeLessThan(1e-5);
      });
    });
  }
});
