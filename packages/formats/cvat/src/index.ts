// Public entry point of @annoconv/format-cvat: the 'cvat' and 'cvat-video' plugins, and the reader / writer
// functions behind them.
import type { FormatPlugin } from '@annoconv/core';
import { cvatPlugin, cvatVideoPlugin } from './plugin.js';

export { cvatPlugin, cvatVideoPlugin } from './plugin.js';
export { readCvat, type CvatReadOptions, type TaskFrame } from './read.js';
export { writeCvat, type CvatWriteOptions, type CvatFlavour } from './write.js';
export { detectCvat } from './detect.js';

export const plugins: FormatPlugin[] = [cvatPlugin, cvatVideoPlugin];
