import { describe, expect, it } from 'vitest';
import { readLabelMe } from './read.js';
import { writeLabelMe } from './write.js';
import { createContext } from '@annoconv/core';
import { goldenCase, goldenDataset, testDataDir } from '@annoconv/testing';
import { canonicalShapes } from './test-helpers.js';

describe('golden LabelMe basic', () => {
  it('writes exactly the expected XML and mask PNGs, with the expected diagnostics, and reads them back', async () => {
    const sink = await goldenCase(testDataDir('labelme', 'basic'), writeLabelMe);
    expect([...sink.files.keys()].sort()).toEqual(['default/street/a.xml', 'val/Masks/b_mask_0.png', 'val/Masks/b_mask_1.png', 'val/b.jpg.xml', 'val/b.xml']);
    const back = await readLabelMe(sink.toTree(), { convMaskToPoly: false }, createContext());
    const shapes = canonicalShapes(back, { skipAttributes: ['track_id', 'keyframe'] });
    expect(shapes).toContain('default/street/a.jpg|car|rectangle|1.12,2.00,8.50,7.33|true|15|parked=true;plate=1234;speed=55.0;username=ann|car+wheel+wheel');
    expect(shapes.filter((shape) => shape.startsWith('val/b.png|road, main|mask|'))).toHaveLength(2);
    expect(shapes.filter((shape) => shape.startsWith('val/b.jpg|wheel|rectangle|0.00,0.00,3.00,3.00'))).toHaveLength(1);
    expect(back.frames.map((frame) => `${frame.subset}/${frame.name}`).sort()).toEqual(goldenDataset(testDataDir('labelme', 'basic')).frames.map((frame) => `${frame.subset || 'default'}/${frame.name}`).sort());
  });
});
