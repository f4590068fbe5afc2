import { describe, expect, it } from 'vitest';
import { readMot } from './read-mot.js';
import { readMots } from './read-mots.js';
import { writeMot } from './write-mot.js';
import { writeMots } from './write-mots.js';
import { createContext } from '@annoconv/core';
import { goldenCase, testDataDir } from '@annoconv/testing';

describe('golden MOT basic', () => {
  it('writes exactly the expected gt.txt and labels.txt, with the expected diagnostics', async () => {
    const sink = await goldenCase(testDataDir('mot', 'basic'), writeMot);
    const back = await readMot(sink.toTree(), {}, createContext());
    // Tracks come back with every written row a keyframe and an outside keyframe after their last row.
    expect(back.annotations.tracks.map((track) => track.shapes.map((shape) => [shape.frame, shape.outside, shape.points]))).toEqual([
      [[0, false, [10, 10, 30, 40]], [1, false, [15, 10, 35, 40]], [2, false, [20, 10, 40, 40]], [3, true, [20, 10, 40, 40]]],
      [[3, false, [50, 50, 70, 60]], [4, false, [50, 50, 70, 60]]],
    ]);
    expect(back.annotations.shapes.map((shape) => [shape.frame, shape.occluded, shape.points])).toEqual([
      // The car label declares visibility (default 1), which wins over `occluded`: reported as occluded-dropped.
      [0, false, [1.5, 2.25, 11.1, 20]],
      [1, false, [5, 5, 15, 25]],
    ]);
  });
});

describe('golden MOTS basic', () => {
  it('writes exactly the expected instance PNGs and labels.txt, with the expected diagnostics', async () => {
    const sink = await goldenCase(testDataDir('mot', 'mots-basic'), writeMots);
    const back = await readMots(sink.toTree(), {}, createContext());
    expect(back.frames.map((frame) => [frame.subset, frame.name])).toEqual([['train', '1.jpg'], ['train', '2.jpg'], ['val', '3.jpg']]);
    expect(back.annotations.tracks.map((track) => [back.labels.find((label) => label.id === track.label_id)!.name, track.group, track.shapes.map((shape) => [shape.frame, shape.outside])])).toEqual([
      ['car', 0, [[0, false], [1, false], [2, false]]],
      ['pedestrian', 1, [[0, false], [1, true]]],
    ]);
  });
});
