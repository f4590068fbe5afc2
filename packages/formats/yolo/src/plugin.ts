// The YOLO family's format plugins: YOLO 1.1 (Darknet; what `--to yolo` means) and the Ultralytics flavours,
// with CVAT's display names and listing entries (FORMATS.md §1.1).
import type { Capabilities, FormatPlugin, OptionSpec } from '@annoconv/core';
import { listing } from '@annoconv/core';
import { detectClassification, detectDarknet, detectUltralytics } from './detect.js';
import { readClassification } from './read-classification.js';
import { readDarknet } from './read-darknet.js';
import { readUltralytics } from './read-ultralytics.js';
import { writeClassification } from './write-classification.js';
import { writeDarknet } from './write-darknet.js';
import { writeUltralytics } from './write-ultralytics.js';

const pathPrefixOption: OptionSpec = {
  name: 'pathPrefix',
  type: 'boolean',
  default: true,
  description: "Start image-list lines with Darknet's 'data/' prefix, as CVAT does; turn off for paths relative to the dataset root",
};

const imagesMetaOption: OptionSpec = {
  name: 'imagesMeta',
  type: 'boolean',
  default: true,
  description: "Write Datumaro's images.meta (item id, height, width) so the export can be read back without its images",
};

function capabilities(shapes: Capabilities['shapes'], extra: Partial<Capabilities> = {}): Capabilities {
  return { shapes, tags: false, tracks: 'per-frame', attributes: false, imageSizes: true, images: true, ...extra };
}

export const yoloPlugin: FormatPlugin = {
  id: 'yolo',
  names: ['YOLO 1.1', 'yolo', 'darknet', 'yolo-darknet'],
  description: 'YOLO 1.1 (Darknet): obj.data, obj.names, image lists and one normalized-box label file per image',
  importer: listing('YOLO', '1.1'),
  exporter: listing('YOLO', '1.1'),
  capabilities: capabilities(['rectangle']),
  options: [pathPrefixOption, imagesMetaOption],
  detect: (tree) => detectDarknet(tree),
  read: (tree, options, context) => readDarknet(tree, options, context),
  write: (dataset, sink, options, context) => writeDarknet(dataset, sink, options, context),
};

export const ultralyticsDetectionPlugin: FormatPlugin = {
  id: 'ultralytics-detection',
  names: ['Ultralytics YOLO Detection 1.0', 'yolo_ultralytics_detection', 'yolov8_detection'],
  description: 'Ultralytics YOLO Detection: data.yaml, images/<subset>, labels/<subset> with normalized boxes',
  importer: listing('Ultralytics YOLO Detection', '1.0'),
  exporter: listing('Ultralytics YOLO Detection', '1.0'),
  capabilities: capabilities(['rectangle']),
  options: [pathPrefixOption, imagesMetaOption],
  detect: (tree) => detectUltralytics(tree, 'detection'),
  read: (tree, options, context) => readUltralytics(tree, options, context, 'detection'),
  write: (dataset, sink, options, context) =>
    writeUltralytics(dataset, sink, options, context, { flavour: 'detection', formatName: 'Ultralytics YOLO Detection 1.0', writeTrackIds: false }),
};

// Export only, as in CVAT: the same files as Detection plus a track id column; Detection imports them back.
export const ultralyticsTrackPlugin: FormatPlugin = {
  id: 'ultralytics-track',
  names: ['Ultralytics YOLO Detection Track 1.0', 'yolo_ultralytics_detection_track'],
  description: 'Ultralytics YOLO Detection with a sixth column holding the track id (import with Ultralytics YOLO Detection)',
  exporter: listing('Ultralytics YOLO Detection Track', '1.0'),
  capabilities: capabilities(['rectangle']),
  options: [pathPrefixOption, imagesMetaOption],
  write: (dataset, sink, options, context) =>
    writeUltralytics(dataset, sink, options, context, { flavour: 'detection', formatName: 'Ultralytics YOLO Detection Track 1.0', writeTrackIds: true }),
};

export const ultralyticsSegmentationPlugin: FormatPlugin = {
  id: 'ultralytics-segmentation',
  names: ['Ultralytics YOLO Segmentation 1.0', 'yolo_ultralytics_segmentation', 'yolov8_segmentation'],
  description: 'Ultralytics YOLO Segmentation: one normalized polygon per line; masks and ellipses are vectorized',
  importer: listing('Ultralytics YOLO Segmentation', '1.0'),
  exporter: listing('Ultralytics YOLO Segmentation', '1.0'),
  capabilities: capabilities(['polygon']),
  options: [pathPrefixOption, imagesMetaOption],
  detect: (tree) => detectUltralytics(tree, 'segmentation'),
  read: (tree, options, context) => readUltralytics(tree, options, context, 'segmentation'),
  write: (dataset, sink, options, context) =>
    writeUltralytics(dataset, sink, options, context, { flavour: 'segmentation', formatName: 'Ultralytics YOLO Segmentation 1.0', writeTrackIds: false }),
};

export const ultralyticsObbPlugin: FormatPlugin = {
  id: 'ultralytics-obb',
  names: ['Ultralytics YOLO Oriented Bounding Boxes 1.0', 'yolo_ultralytics_oriented_boxes', 'yolov8_oriented_boxes'],
  description: 'Ultralytics YOLO OBB: rotated rectangles as four normalized corners',
  importer: listing('Ultralytics YOLO Oriented Bounding Boxes', '1.0'),
  exporter: listing('Ultralytics YOLO Oriented Bounding Boxes', '1.0'),
  capabilities: capabilities(['rectangle']),
  options: [pathPrefixOption, imagesMetaOption],
  detect: (tree) => detectUltralytics(tree, 'obb'),
  read: (tree, options, context) => readUltralytics(tree, options, context, 'obb'),
  write: (dataset, sink, options, context) =>
    writeUltralytics(dataset, sink, options, context, { flavour: 'obb', formatName: 'Ultralytics YOLO Oriented Bounding Boxes 1.0', writeTrackIds: false }),
};

export const ultralyticsPosePlugin: FormatPlugin = {
  id: 'ultralytics-pose',
  names: ['Ultralytics YOLO Pose 1.0', 'yolo_ultralytics_pose', 'yolov8_pose'],
  description: 'Ultralytics YOLO Pose: skeletons as a box plus keypoints with visibility (kpt_shape in data.yaml)',
  importer: listing('Ultralytics YOLO Pose', '1.0'),
  exporter: listing('Ultralytics YOLO Pose', '1.0'),
  capabilities: capabilities(['skeleton']),
  options: [pathPrefixOption, imagesMetaOption],
  detect: (tree) => detectUltralytics(tree, 'pose'),
  read: (tree, options, context) => readUltralytics(tree, options, context, 'pose'),
  write: (dataset, sink, options, context) =>
    writeUltralytics(dataset, sink, options, context, { flavour: 'pose', formatName: 'Ultralytics YOLO Pose 1.0', writeTrackIds: false }),
};

export const ultralyticsClassificationPlugin: FormatPlugin = {
  id: 'ultralytics-classification',
  names: ['Ultralytics YOLO Classification 1.0', 'yolo_ultralytics_classification', 'yolov8_classification'],
  description: 'Ultralytics YOLO Classification: one folder per class holding its images, plus labels.json',
  importer: listing('Ultralytics YOLO Classification', '1.0'),
  exporter: listing('Ultralytics YOLO Classification', '1.0'),
  capabilities: capabilities([], { tags: true, tracks: 'none', imageSizes: false }),
  detect: (tree) => detectClassification(tree),
  read: (tree, options, context) => readClassification(tree, options, context),
  write: (dataset, sink, options, context) => writeClassification(dataset, sink, options, context),
};
