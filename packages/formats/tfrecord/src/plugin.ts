// The TFRecord 1.0 plugin (TensorFlow Object Detection API). CVAT removed it in 2.11 but Datumaro still reads and
// writes it; the listing entry keeps CVAT's old display name.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectTfRecord } from './detect.js';
import { readTfRecord } from './read.js';
import { writeTfRecord } from './write.js';

export const tfRecordPlugin: FormatPlugin = {
  id: 'tfrecord',
  names: ['TFRecord 1.0', 'tfrecord', 'tf_detection_api'],
  description: 'TensorFlow Object Detection API records: boxes (and instance masks on import), with embedded images.',
  importer: listing('TFRecord', '1.0'),
  exporter: listing('TFRecord', '1.0'),
  capabilities: { shapes: ['rectangle'], tags: false, tracks: 'per-frame', attributes: false, imageSizes: true, images: true },
  options: [{ name: 'saveImages', type: 'boolean', default: false, description: 'Export: embed image bytes. Import: keep the embedded bytes so a conversion can save them (the engine sets it with save images).' }],
  detect: (tree) => detectTfRecord(tree),
  read: (tree, options, context) => readTfRecord(tree, options, context),
  write: (dataset, sink, options, context) => writeTfRecord(dataset, sink, options, context),
};
