// Painting and PNG-encoding VOC class and instance masks for 1,000 640×480 frames with 20 shapes each (CVAT masks
// and ellipses, the shapes CVAT's VOC export paints), through the whole writer (XML and lists included).
import { bench, describe } from 'vitest';
import { createContext, emptyDataset, type Dataset, type Shape } from '@annoconv/core';
import { CountingSink } from '@annoconv/testing';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { writeVoc } from './write.js';

const WIDTH = 640;
const HEIGHT = 480;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A blobby mask: a filled block with a notch, as CVAT RLE over the full image. */
function blockMask(x: number, y: number, w: number, h: number): number[] {
  const bitmap = new Uint8Array(WIDTH * HEIGHT);
  for (let row = y; row < y + h; row++) for (let column = x; column < x + w; column++) if (!(row > y + h / 2 && column > x + w / 2)) bitmap[row * WIDTH + column] = 1;
  return bitmapToCvatMask(bitmap, HEIGHT, WIDTH);
}

function benchDataset(frames: number, shapesPerFrame: number): Dataset {
  const next = random(7);
  const dataset = emptyDataset();
  dataset.labels = ['car', 'person', 'road', 'tree', 'sky'].map((name, index) => ({ id: index + 1, name, color: '', type: 'any', attributes: [], sublabels: [] }));
  for (let index = 0; index < frames; index++) dataset.frames.push({ index, name: `frame_${String(index).padStart(6, '0')}.jpg`, subset: 'train', width: WIDTH, height: HEIGHT });
  // A pool of masks reused across frames: building 20,000 distinct RLEs would measure the set-up, not the export.
  const pool = Array.from({ length: 40 }, () => blockMask(Math.floor(next() * 500), Math.floor(next() * 350), 20 + Math.floor(next() * 100), 20 + Math.floor(next() * 100)));
  for (let frame = 0; frame < frames; frame++) {
    for (let index = 0; index < shapesPerFrame; index++) {
      const base: Omit<Shape, 'type' | 'points'> = { id: null, label_id: 1 + (index % 5), frame, group: 0, source: 'manual', attributes: [], occluded: false, outside: false, z_order: index % 3, rotation: 0, score: 1, elements: [] };
      if (index % 2 === 0) dataset.annotations.shapes.push({ ...base, type: 'mask', points: pool[(frame + index) % pool.length]! });
      else {
        const x = 60 + next() * 520;
        const y = 60 + next() * 360;
        dataset.annotations.shapes.push({ ...base, type: 'ellipse', points: [x, y, x + 10 + next() * 50, y - 10 - next() * 50] });
      }
    }
  }
  return dataset;
}

const thousand = benchDataset(1000, 20);

describe('PASCAL VOC export', () => {
  bench('writeVoc: 1,000 frames 640×480, 20 masks/ellipses each (paint + 2 RGB PNGs + XML per frame)', async () => {
    await writeVoc(thousand, new CountingSink(), {}, createContext());
  }, { iterations: 2, warmupIterations: 0, time: 0, warmupTime: 0 });
});
