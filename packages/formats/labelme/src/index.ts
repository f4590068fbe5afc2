// @annoconv/format-labelme: LabelMe 3.0 import and export. `plugins` is what @annoconv/engine lists.
import type { FormatPlugin } from '@annoconv/core';
import { labelmePlugin } from './plugin.js';

export { labelmePlugin } from './plugin.js';
export { readLabelMe } from './read.js';
export { writeLabelMe } from './write.js';
export { detectLabelMe } from './detect.js';
export { parseAttributeText, formatAttributeText } from './attribute-text.js';

export const plugins: FormatPlugin[] = [labelmePlugin];
