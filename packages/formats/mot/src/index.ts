// @annoconv/format-mot: MOT 1.1 and MOTS PNG 1.0 import and export. `plugins` is what @annoconv/engine lists.
import type { FormatPlugin } from '@annoconv/core';
import { motPlugin, motsPlugin } from './plugin.js';

export { motPlugin, motsPlugin } from './plugin.js';
export { readMot } from './read-mot.js';
export { writeMot } from './write-mot.js';
export { readMots } from './read-mots.js';
export { writeMots } from './write-mots.js';
export { detectMot, detectMots } from './detect.js';

export const plugins: FormatPlugin[] = [motPlugin, motsPlugin];
