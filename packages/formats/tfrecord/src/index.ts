// @annoconv/format-tfrecord: TensorFlow Object Detection API TFRecords, import and export.
import type { FormatPlugin } from '@annoconv/core';
import { tfRecordPlugin } from './plugin.js';

export { tfRecordPlugin } from './plugin.js';
export { readTfRecord, type TfRecordReadOptions } from './read.js';
export { writeTfRecord } from './write.js';
export { detectTfRecord } from './detect.js';
export { readRecords, frameRecord, type TfRecord } from './record-framing.js';
export { crc32c, maskedCrc32c } from './crc32c.js';
export { decodeExample, encodeExample, type FeatureValue } from './example-proto.js';
export { parseLabelMap, writeLabelMap, type LabelMapEntry } from './label-map.js';

export const plugins: FormatPlugin[] = [tfRecordPlugin];
