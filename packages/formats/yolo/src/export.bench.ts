// Benchmark: Ultralytics YOLO Detection and YOLO 1.1 export of a synthetic canonical dataset of 10k images and
// 100k boxes (10 per image, 5 labels, 3 subsets), into a sink that only counts bytes, so the figure is the
// format's own work (label lines, lists, data.yaml) and not the file system's.
import { bench, describe } from 'vitest';
import { createContext } from '@annoconv/core';
import { CountingSink } from '@annoconv/testing';
import { syntheticDataset } from './bench-support.js';
import { ultralyticsDetectionPlugin, yoloPlugin } from './index.js';

const dataset = syntheticDataset(10_000, 10);

describe('YOLO export, 10k images / 100k boxes', () => {
  bench('Ultralytics YOLO Detection', async () => {
    await ultralyticsDetectionPlugin.write!(dataset, new CountingSink(), {}, createContext());
  }, { iterations: 5, warmupIterations: 1 });
  bench('YOLO 1.1', async () => {
    await yoloPlugin.write!(dataset, new CountingSink(), {}, createContext());
  }, { iterations: 5, warmupIterations: 1 });
});
