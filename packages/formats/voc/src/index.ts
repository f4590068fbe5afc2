// @annoconv/format-voc: PASCAL VOC 1.1 import and export. `plugins` is what @annoconv/engine lists.
import type { FormatPlugin } from '@annoconv/core';
import { vocPlugin } from './plugin.js';

export { vocPlugin } from './plugin.js';
export { readVoc } from './read.js';
export { writeVoc } from './write.js';
export { detectVoc } from './detect.js';

export const plugins: FormatPlugin[] = [vocPlugin];
