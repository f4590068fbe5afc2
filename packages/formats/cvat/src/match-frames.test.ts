// Image lookup as CVAT matches items to frames: exact path, path without extension, a shared path suffix,
// `frame_` numbers; what matches nothing is reported.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { attachImages, videoFrameNumber } from './match-frames.js';

function frames(...names: Array<[string, string]>): Dataset {
  return {
    labels: [],
    frames: names.map(([name, subset], index) => ({ index, name, subset })),
    meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes: [], tracks: [] },
  };
}

describe('attachImages', () => {
  it('matches exact paths, subset folders, other extensions, other roots and frame numbers', async () => {
    const byte = new Uint8Array([7]);
    const tree = new MemoryTree({
      'export/annotations.xml': '<annotations/>',
      'export/images/a/b.jpg': byte,
      'export/images/train/c.jpg': byte,
      'export/images/d.png': byte,
      'export/images/deep/root/e.jpg': byte,
      'export/images/frame_000042.PNG': byte,
      'export/images/stray.jpg': byte,
      'elsewhere/f.jpg': byte,
    });
    const dataset = frames(['a/b.jpg', ''], ['c.jpg', 'train'], ['d.jpg', ''], ['root/e.jpg', ''], ['frame_000042', ''], ['missing.jpg', '']);
    const context = createContext();
    attachImages(tree, 'export/annotations.xml', dataset, context);
    expect(dataset.frames.map((frame) => frame.image?.path)).toEqual([
      'export/images/a/b.jpg',
      'export/images/train/c.jpg',
      'export/images/d.png',
      'export/images/deep/root/e.jpg',
      'export/images/frame_000042.PNG',
      undefined,
    ]);
    expect(await dataset.frames[0]!.image!.read()).toEqual(byte);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.frameName ?? item.where?.file])).toEqual([
      ['image-missing', 'missing.jpg'],
      ['annotation-unmatched', 'export/images/stray.jpg'],
    ]);
  });

  it('says nothing when the input has no images at all', () => {
    const context = createContext();
    attachImages(new MemoryTree({ 'annotations.xml': '' }), 'annotations.xml', frames(['a.jpg', '']), context);
    expect(context.diagnostics.items).toEqual([]);
  });

  it('reads frame numbers from video frame names', () => {
    expect([videoFrameNumber('frame_000123'), videoFrameNumber('x/frame_7.png'), videoFrameNumber('frame_a')]).toEqual([123, 7, undefined]);
  });
});
