import { describe, expect, it } from 'vitest';
import { MemoryTree } from '@annoconv/io';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';
import { createContext } from '@annoconv/core';
import { goldenCase, testDataDir } from '@annoconv/testing';

describe('golden KITTI basic', () => {
  it('writes exactly the expected label_2 rows, PNGs and label_colors.txt, with the expected diagnostics', async () => {
    const sink = await goldenCase(testDataDir('kitti', 'basic'), writeKitti);
    expect(new TextDecoder().decode(sink.files.get('default/label_2/000001.txt'))).toBe(
      'Car 1.0 1 -1 1.5 2.0 8.25 9.0 -1 -1 -1 -1 -1 -1 -1 0.75\nPedestrian 0.0 0 -1 10.0 1.0 14.0 11.0 -1 -1 -1 -1 -1 -1 -1 1.0\ntrafficsign 0.0 0 -1 0.0 0.0 2.0 2.0 -1 -1 -1 -1 -1 -1 -1 1.0\n',
    );
    // Read back, the archive gives only its boxes: label_2 wins over instance/, as in CVAT.
    const readContext = createContext();
    const back = await readKitti(sink.toTree(), {}, readContext);
    expect(readContext.diagnostics.countByCode().get('data-unsupported')).toBe(1);
    const boxName = (id: number) => back.labels.find((label) => label.id === id)!.name;
    expect(back.annotations.shapes.map((shape) => [back.frames[shape.frame]!.name, boxName(shape.label_id), shape.type, shape.occluded, shape.points])).toEqual([
      ['000001.png', 'Car', 'rectangle', true, [1.5, 2, 8.25, 9]],
      ['000001.png', 'Pedestrian', 'rectangle', false, [10, 1, 14, 11]],
      ['000001.png', 'trafficsign', 'rectangle', false, [0, 0, 2, 2]],
      ['000002.png', 'Car', 'rectangle', false, [4, 4, 6, 6]],
    ]);
    // Its segmentation part alone reads back with the classes of label_colors.txt, background removed.
    const segmentation = new MemoryTree(Object.fromEntries([...sink.files].filter(([file]) => !file.includes('label_2/'))));
    const masks = await readKitti(segmentation, { convMaskToPoly: false }, createContext());
    expect(masks.labels.map((label) => label.name)).toEqual(['Car', 'Pedestrian', 'road', 'trafficsign']);
    const name = (id: number) => masks.labels.find((label) => label.id === id)!.name;
    expect(masks.annotations.shapes.map((shape) => [masks.frames[shape.frame]!.name, name(shape.label_id)])).toEqual([
      ['000002.png', 'Car'], ['000002.png', 'Pedestrian'], ['000002.png', 'road'],
      ['000003.png', 'Pedestrian'],
    ]);
  });
});
