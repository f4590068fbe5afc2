// Painting and PNG-encoding class and instance masks for 1,000 640×480 frames with 20 shapes each (rectangles,
// rotated rectangles, 8-point polygons, ellipses), through the whole writer, and per step on one frame.
import { bench, describe } from 'vitest';
import { createContext, emptyDataset, type Dataset, type Shape } from '@annoconv/core';
import { CountingSink } from '@annoconv/testing';
import { paintShapes } from '@annoconv/geometry';
import { classMaskFromInstances, encodeIndexMaskPng, vocPalette } from '@annoconv/io';
import { writeSegmask } from './write.js';

const WIDTH = 640;
const HEIGHT = 480;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function benchDataset(frames: number, shapesPerFrame: number): Dataset {
  const next = random(42);
  const dataset = emptyDataset();
  dataset.labels = ['car', 'person', 'road', 'tree', 'sky'].map((name, index) => ({ id: index + 1, name, color: `#${(0x203040 * (index + 1)).toString(16).slice(-6).padStart(6, '0')}`, type: 'any', attributes: [], sublabels: [] }));
  for (let index = 0; index < frames; index++) dataset.frames.push({ index, name: `frame_${String(index).padStart(6, '0')}.jpg`, subset: 'train', width: WIDTH, height: HEIGHT });
  for (let frame = 0; frame < frames; frame++) {
    for (let index = 0; index < shapesPerFrame; index++) {
      const x = next() * (WIDTH - 120);
      const y = next() * (HEIGHT - 120);
      const w = 20 + next() * 100;
      const h = 20 + next() * 100;
      const kind = index % 4;
      const base: Omit<Shape, 'type' | 'points'> = { id: null, label_id: 1 + (index % 5), frame, group: 0, source: 'manual', attributes: [], occluded: false, outside: false, z_order: index % 3, rotation: kind === 1 ? 30 : 0, score: 1, elements: [] };
      if (kind === 0 || kind === 1) dataset.annotations.shapes.push({ ...base, type: 'rectangle', points: [x, y, x + w, y + h] });
      else if (kind === 2) {
        const points: number[] = [];
        for (let vertex = 0; vertex < 8; vertex++) {
          const angle = (vertex / 8) * 2 * Math.PI;
          points.push(x + w / 2 + (Math.cos(angle) * w) / 2 * (0.6 + 0.4 * next()), y + h / 2 + (Math.sin(angle) * h) / 2 * (0.6 + 0.4 * next()));
        }
        dataset.annotations.shapes.push({ ...base, type: 'polygon', points });
      } else dataset.annotations.shapes.push({ ...base, type: 'ellipse', points: [x + w / 2, y + h / 2, x + w, y] });
    }
  }
  return dataset;
}

const thousand = benchDataset(1000, 20);
const one = benchDataset(1, 20);
const paint = one.annotations.shapes.map((shape, index) => ({ type: shape.type, points: shape.points, rotation: shape.rotation, z_order: shape.z_order, value: index + 1 }));
const instances = new Uint16Array(WIDTH * HEIGHT);
paintShapes(paint, HEIGHT, WIDTH, instances);
const instanceClasses = Uint16Array.from({ length: 21 }, (_, index) => index % 5);
const classColors = new Uint8Array(6 * 3).map((_, index) => index * 40);

describe('Segmentation mask export', () => {
  bench('writeSegmask: 1,000 frames 640×480, 20 shapes each (paint + 2 RGB PNGs per frame)', async () => {
    await writeSegmask(thousand, new CountingSink(), {}, createContext());
  }, { iterations: 2, warmupIterations: 0, time: 0, warmupTime: 0 });

  bench('one frame: paint 20 shapes into the instance map', () => {
    paintShapes(paint, HEIGHT, WIDTH, new Uint16Array(WIDTH * HEIGHT));
  });

  bench('one frame: class map + encode class and instance PNGs', () => {
    const classes = classMaskFromInstances(instances, instanceClasses, 0);
    encodeIndexMaskPng(classes, classColors, WIDTH, HEIGHT);
    encodeIndexMaskPng(instances, vocPalette(), WIDTH, HEIGHT);
  });
});
