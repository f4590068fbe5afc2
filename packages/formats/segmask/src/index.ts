// @annoconv/format-segmask: Segmentation mask 1.1 import and export. `plugins` is what @annoconv/engine lists.
import type { FormatPlugin } from '@annoconv/core';
import { segmaskPlugin } from './plugin.js';

export { segmaskPlugin } from './plugin.js';
export { readSegmask } from './read.js';
export { writeSegmask } from './write.js';
export { detectSegmask } from './detect.js';

export const plugins: FormatPlugin[] = [segmaskPlugin];
