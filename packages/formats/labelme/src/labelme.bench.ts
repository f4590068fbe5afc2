// LabelMe speed: 1,000 frames of 640×480 with 10 boxes and 10 polygons each written and read back; 100 frames with
// 5 masks each (RGBA PNGs) read back as polygons.
import { bench, describe } from 'vitest';
import { rasterizeShape, bitmapToCvatMask } from '@annoconv/geometry';
import { MemorySink } from '@annoconv/io';
import { readLabelMe } from './read.js';
import { writeLabelMe } from './write.js';
import { createContext } from '@annoconv/core';
import { box, datasetWith } from '@annoconv/testing';

const vector = datasetWith(['car', 'person'], Array.from({ length: 1000 }, (_, index) => ({ name: `img_${index}.jpg`, width: 640, height: 480 })));
vector.annotations.shapes = vector.frames.flatMap((frame) => Array.from({ length: 20 }, (_, index) =>
  index % 2 ? box({ label_id: 1, frame: frame.index, points: [index * 10, 10, index * 10 + 40, 90] }) : box({ type: 'polygon', label_id: 2, frame: frame.index, points: [index * 10, 10, index * 10 + 40, 20, index * 10 + 20, 90], group: 1 }),
));
const vectorSink = new MemorySink();
await writeLabelMe(vector, vectorSink, {}, createContext());

const masks = datasetWith(['car'], Array.from({ length: 100 }, (_, index) => ({ name: `m_${index}.jpg`, width: 640, height: 480 })));
const mask = bitmapToCvatMask(rasterizeShape({ type: 'polygon', points: [10, 10, 100, 30, 60, 200] }, 480, 640), 480, 640);
masks.annotations.shapes = masks.frames.flatMap((frame) => Array.from({ length: 5 }, () => box({ type: 'mask', label_id: 1, frame: frame.index, points: mask })));
const maskSink = new MemorySink();
await writeLabelMe(masks, maskSink, {}, createContext());

describe('LabelMe 3.0', () => {
  bench('write 1,000 XML files (20,000 objects)', async () => {
    await writeLabelMe(vector, new MemorySink(), {}, createContext());
  }, { iterations: 3 });
  bench('read 1,000 XML files (20,000 objects)', async () => {
    await readLabelMe(vectorSink.toTree(), {}, createContext());
  }, { iterations: 3 });
  bench('read 500 RGBA masks 640×480 as polygons', async () => {
    await readLabelMe(maskSink.toTree(), {}, createContext());
  }, { iterations: 3 });
});
