// @annoconv/format-datumaro: Datumaro 1.0 JSON import and export.
import type { FormatPlugin } from '@annoconv/core';
import { datumaroPlugin } from './plugin.js';

export { datumaroPlugin } from './plugin.js';
export { readDatumaro, type DatumaroReadOptions } from './read.js';
export { writeDatumaro } from './write.js';
export { detectDatumaro } from './detect.js';

export const plugins: FormatPlugin[] = [datumaroPlugin];
