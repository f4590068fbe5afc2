import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { detectLabelMe } from './detect.js';
import { context, folderExists, samplesRoot, treeOfFolder } from './test-helpers.js';

// Other formats' samples that hold XML: LabelMe must not claim them.
const foreign = ['cvat-datumaro/voc_dataset/voc_dataset1', 'cvat-datumaro/voc_dataset/voc_dataset2', 'cvat-datumaro/cvat_dataset/for_images', 'cvat-datumaro/cvat_dataset/for_video', 'cvat-datumaro/kitti_dataset/kitti_raw'].map((folder) => path.join(samplesRoot, folder));

describe.each(foreign)('LabelMe detection on %s', (folder) => {
  it.skipIf(!folderExists(folder))('answers low, with a reason', async () => {
    const result = await detectLabelMe(treeOfFolder(folder), context());
    expect(result.confidence).toBeLessThan(0.3);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
});
