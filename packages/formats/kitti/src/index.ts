// @annoconv/format-kitti: KITTI 1.0 (detection and segmentation) import and export. `plugins` is what
// @annoconv/engine lists.
import type { FormatPlugin } from '@annoconv/core';
import { kittiPlugin } from './plugin.js';

export { kittiPlugin } from './plugin.js';
export { readKitti } from './read.js';
export { writeKitti, kittiClasses } from './write.js';
export { detectKitti } from './detect.js';

export const plugins: FormatPlugin[] = [kittiPlugin];
