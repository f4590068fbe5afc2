// The conversion matrix from real datasets: the shared samples (written by CVAT, Datumaro and Ultralytics tools)
// converted with convert() to every writable format and read back, with the same checks as generated data.
// Skipped (the whole describe) when the samples folder is not beside the repository.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnnoconvError } from '@annoconv/core';
import { describe, it } from 'vitest';
import { findFormat } from '../find-format.js';
import { readDataset } from '../read-dataset.js';
import { maskKeepingOptions } from './format-profiles.js';
import { describeProblems, roundTripProblems, writableFormats } from './interop-support.js';
import { convertTree, untypedError } from './run-conversion.js';
import { openTree } from '@annoconv/io';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const samplesRoot = resolve(repoRoot, '../shared/samples');

/** Sample folder → the format it is in. */
const samples: ReadonlyArray<[string, string]> = [
  ['cvat-datumaro/coco_dataset/coco_instances', 'coco'],
  ['cvat-datumaro/coco_dataset/coco_person_keypoints', 'coco-keypoints'],
  ['datumaro/coco_dataset/coco_roboflow', 'coco'],
  ['cvat-datumaro/cvat_dataset/for_images', 'cvat'],
  ['cvat-datumaro/cvat_dataset/for_video', 'cvat-video'],
  ['cvat-datumaro/datumaro_dataset/with_skeleton', 'datumaro'],
  ['cvat-datumaro/mot_dataset/mot_seq', 'mot'],
  ['cvat-datumaro/mots_dataset', 'mots'],
  ['cvat-datumaro/voc_dataset/voc_dataset1', 'voc'],
  ['cvat-datumaro/voc_dataset/voc_dataset1', 'segmask'],
  ['cvat-datumaro/yolo_dataset/yolo', 'yolo'],
  ['cvat-datumaro/yolo_dataset/yolov8_detection', 'ultralytics-detection'],
  ['cvat-datumaro/yolo_dataset/yolov8_oriented_boxes', 'ultralytics-obb'],
  ['cvat-datumaro/yolo_dataset/yolov8_pose', 'ultralytics-pose'],
  ['cvat-datumaro/yolo_dataset/yolov8_segmentation', 'ultralytics-segmentation'],
  ['cvat-datumaro/yolo_dataset/yolov8_classification', 'ultralytics-classification'],
  ['datumaro/tf_detection_api_dataset', 'tfrecord'],
];

// Typed refusals that are the right answer: the target needs image sizes the source does not give (MOT; KITTI's
// label_2).
const expectedRefusals: ReadonlyArray<{ from: RegExp; to: RegExp; message: RegExp }> = [{ from: /^(mot|kitti)$/, to: /^(yolo|ultralytics-.*)$/, message: /size/ }];

(existsSync(samplesRoot) ? describe.concurrent : describe.skip)('real samples → convert() → every writable format → read back', () => {
  for (const [folder, formatId] of samples) {
    const path = resolve(samplesRoot, folder);
    it.skipIf(!existsSync(path))(`${folder} (${formatId}) → every format`, async ({ expect }) => {
      const source = findFormat(formatId);
      const options = maskKeepingOptions(source);
      const read = await readDataset(path, { from: source, options });
      expect(read.dataset.frames.length).toBeGreaterThan(0);
      const tree = await openTree(path);
      const failures: string[] = [];
      for (const target of writableFormats) {
        let problems: string[];
        try {
          const converted = await convertTree(tree, source, target, options);
          problems = await roundTripProblems(read.dataset, converted, target);
        } catch (error) {
          const refusal = AnnoconvError.isInstance(error) && expectedRefusals.some((rule) => rule.from.test(formatId) && rule.to.test(target.id) && rule.message.test(error.message));
          problems = refusal ? [] : [`convert failed: ${untypedError(error) ?? (error as Error).message}`];
        }
        if (problems.length > 0) failures.push(describeProblems(`${formatId} → ${target.id}`, problems));
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
