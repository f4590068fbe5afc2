// MOT and MOTS speed: 1,000 frames × 20 box tracks (20,000 rows) written and read back; 100 MOTS frames of
// 640×480 with 10 polygon tracks painted and re-vectorised.
import { bench, describe } from 'vitest';
import { MemorySink } from '@annoconv/io';
import { readMot } from './read-mot.js';
import { writeMot } from './write-mot.js';
import { readMots } from './read-mots.js';
import { writeMots } from './write-mots.js';
import { pad6 } from './names.js';
import { createContext } from '@annoconv/core';
import { datasetWith, track } from '@annoconv/testing';

const frames = 1000;
const motDataset = datasetWith(['car', 'person'], Array.from({ length: frames }, (_, index) => ({ name: `${pad6(index + 1)}.jpg`, width: 1920, height: 1080 })));
motDataset.annotations.tracks = Array.from({ length: 20 }, (_, index) =>
  track((index % 2) + 1, [{ frame: 0, points: [index * 10, 10, index * 10 + 50, 100] }, { frame: frames - 1, points: [index * 10 + 500, 300, index * 10 + 560, 420] }]),
);
const motSink = new MemorySink();
await writeMot(motDataset, motSink, {}, createContext());

const motsDataset = datasetWith(['car', 'person'], Array.from({ length: 100 }, (_, index) => ({ name: `${index}.jpg`, width: 640, height: 480, subset: 'train' })));
motsDataset.annotations.tracks = Array.from({ length: 10 }, (_, index) =>
  track((index % 2) + 1, [
    { frame: 0, type: 'polygon', points: [index * 50, 20, index * 50 + 40, 30, index * 50 + 30, 200, index * 50, 180] },
    { frame: 99, type: 'polygon', points: [index * 50 + 20, 220, index * 50 + 60, 230, index * 50 + 50, 400, index * 50 + 20, 380] },
  ]),
);
const motsSink = new MemorySink();
await writeMots(motsDataset, motsSink, {}, createContext());

describe('MOT 1.1', () => {
  bench('write 20,000 rows', async () => {
    await writeMot(motDataset, new MemorySink(), {}, createContext());
  });
  bench('read 20,000 rows into 20 tracks', async () => {
    await readMot(motSink.toTree(), {}, createContext());
  });
});

describe('MOTS PNG 1.0', () => {
  bench('write 100 frames 640×480, 10 polygon tracks', async () => {
    await writeMots(motsDataset, new MemorySink(), {}, createContext());
  }, { iterations: 3 });
  bench('read 100 frames back as polygon tracks', async () => {
    await readMots(motsSink.toTree(), {}, createContext());
  }, { iterations: 3 });
});
