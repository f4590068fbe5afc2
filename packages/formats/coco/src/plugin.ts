// The two format plugins of this package: COCO 1.0 (instances) and COCO Keypoints 1.0, as CVAT lists them.
import { listing, type FormatPlugin, type OptionSpec } from '@annoconv/core';
import { detectCoco } from './detect.js';
import { DEFAULT_STREAM_THRESHOLD, readCoco } from './read.js';
import { writeCoco } from './write.js';

const options: OptionSpec[] = [
  {
    name: 'streamThreshold',
    type: 'number',
    default: DEFAULT_STREAM_THRESHOLD,
    description: 'annotation files of at least this many bytes are streamed section by section instead of parsed whole',
  },
  {
    name: 'saveDatasetMeta',
    type: 'boolean',
    default: false,
    description: "export: also write Datumaro's dataset_meta.json (--save-dataset-meta; CVAT never writes it)",
  },
];

export const cocoPlugin: FormatPlugin = {
  id: 'coco',
  names: ['COCO 1.0', 'coco', 'coco_instances'],
  description: 'COCO object detection / instance segmentation (annotations/instances_<subset>.json), as CVAT and Datumaro write it',
  importer: listing('COCO', '1.0', 'JSON, ZIP'),
  exporter: listing('COCO', '1.0', 'ZIP'),
  capabilities: { shapes: ['rectangle', 'polygon', 'mask', 'ellipse'], tags: false, tracks: 'per-frame', attributes: true, imageSizes: true, images: true },
  options,
  detect: (tree, context) => detectCoco(tree, context, 'instances'),
  read: (tree, readOptions, context) => readCoco(tree, readOptions, context, 'instances'),
  write: (dataset, sink, writeOptions, context) => writeCoco(dataset, sink, writeOptions, context, 'instances'),
};

export const cocoKeypointsPlugin: FormatPlugin = {
  id: 'coco-keypoints',
  names: ['COCO Keypoints 1.0', 'coco_person_keypoints', 'coco-keypoints'],
  description: 'COCO person keypoints (annotations/person_keypoints_<subset>.json): skeletons with the box or segmentation grouped with them',
  importer: listing('COCO Keypoints', '1.0', 'JSON, ZIP'),
  exporter: listing('COCO Keypoints', '1.0', 'ZIP'),
  capabilities: { shapes: ['skeleton'], tags: false, tracks: 'per-frame', attributes: true, imageSizes: true, images: true },
  options,
  detect: (tree, context) => detectCoco(tree, context, 'keypoints'),
  read: (tree, readOptions, context) => readCoco(tree, readOptions, context, 'keypoints'),
  write: (dataset, sink, writeOptions, context) => writeCoco(dataset, sink, writeOptions, context, 'keypoints'),
};
