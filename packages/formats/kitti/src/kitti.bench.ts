// KITTI speed: 1,000 frames × 20 boxes through label_2 and back; 100 frames of 640×480 with 10 polygons painted
// into instance PNGs and read back as polygons.
import { bench, describe } from 'vitest';
import { MemorySink } from '@annoconv/io';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';
import { createContext } from '@annoconv/core';
import { box, datasetWith } from '@annoconv/testing';

const detection = datasetWith(['Car', 'Pedestrian'], Array.from({ length: 1000 }, (_, index) => ({ name: `${String(index).padStart(6, '0')}.png`, subset: 'training' })));
detection.annotations.shapes = detection.frames.flatMap((frame) => Array.from({ length: 20 }, (_, index) => box({ label_id: (index % 2) + 1, frame: frame.index, points: [index * 3.5, 10.25, index * 3.5 + 40, 90.5] })));
const detectionSink = new MemorySink();
await writeKitti(detection, detectionSink, {}, createContext());

const segmentation = datasetWith(['car', 'road'], Array.from({ length: 100 }, (_, index) => ({ name: `${index}.png`, width: 640, height: 480, subset: 'training' })));
segmentation.annotations.shapes = segmentation.frames.flatMap((frame) => Array.from({ length: 10 }, (_, index) => box({ type: 'polygon', label_id: (index % 2) + 1, frame: frame.index, points: [index * 60, 20, index * 60 + 50, 40, index * 60 + 30, 300, index * 60, 260] })));
const segmentationSink = new MemorySink();
await writeKitti(segmentation, segmentationSink, {}, createContext());

describe('KITTI 1.0', () => {
  bench('write 20,000 label_2 rows', async () => {
    await writeKitti(detection, new MemorySink(), {}, createContext());
  });
  bench('read 20,000 label_2 rows', async () => {
    await readKitti(detectionSink.toTree(), {}, createContext());
  });
  bench('write 100 instance PNGs 640×480 (10 polygons each)', async () => {
    await writeKitti(segmentation, new MemorySink(), {}, createContext());
  }, { iterations: 3 });
  bench('read 100 instance PNGs as polygons', async () => {
    await readKitti(segmentationSink.toTree(), {}, createContext());
  }, { iterations: 3 });
});
