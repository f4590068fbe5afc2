// Public entry point of @annoconv/format-coco: the COCO 1.0 and COCO Keypoints 1.0 plugins and the synthetic
// dataset generator used by benchmarks.
import type { FormatPlugin } from '@annoconv/core';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';

export { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';
export { generateCoco, type GenerateCocoOptions } from './bench/generate.js';

export const plugins: FormatPlugin[] = [cocoPlugin, cocoKeypointsPlugin];
