import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { detectLabelMe } from './detect.js';
import { existsSync } from 'node:fs';
import { createContext } from '@annoconv/core';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

// Other formats' samples that hold XML: LabelMe must not claim them.
const foreign = ['cvat-datumaro/voc_dataset/voc_dataset1', 'cvat-datumaro/voc_dataset/voc_dataset2', 'cvat-datumaro/cvat_dataset/for_images', 'cvat-datumaro/cvat_dataset/for_video', 'cvat-datumaro/kitti_dataset/kitti_raw'].map((folder) => path.join(sharedSamplesDir(), folder));

describe.each(foreign)('LabelMe detection on %s', (folder) => {
  it.skipIf(!existsSync(folder))('answers low, with a reason', async () => {
    const result = await detectLabelMe(treeFromFolder(folder), createContext());
    expect(result.confidence).toBeLessThan(0.3);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
});
