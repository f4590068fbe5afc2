// The two CVAT format plugins: 'cvat' (importer "CVAT 1.1" for both flavours, exporter "CVAT for images 1.1")
// and 'cvat-video' (exporter "CVAT for video 1.1", reading the same files).
import { listing } from '@annoconv/core';
import type { Capabilities, FormatPlugin, OptionSpec } from '@annoconv/core';
import { readCvat } from './read.js';
import { writeCvat } from './write.js';
import { detectCvat } from './detect.js';

const ALL_SHAPES = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton'] as const;

const readOptions: OptionSpec[] = [
  { name: 'sourceFile', type: 'boolean', default: false, description: 'give every imported object source "file", as CVAT\'s server does' },
];
const writeOptions: OptionSpec[] = [
  { name: 'layout', type: 'string', default: 'auto', description: "'task', 'project' (one task per subset) or 'auto' (project when frames have several subsets); \"CVAT for video\" is always one task" },
  { name: 'dumped', type: 'string', description: 'text of <meta><dumped>; omitted when not given, so output is deterministic' },
  { name: 'saveImages', type: 'boolean', default: false, description: 'copy the frames\' images to images/' },
];

const imagesCapabilities: Capabilities = { shapes: ALL_SHAPES, tags: true, tracks: 'per-frame', attributes: true, imageSizes: true, images: true };
const videoCapabilities: Capabilities = { shapes: ALL_SHAPES, tags: false, tracks: 'native', attributes: true, imageSizes: true, images: true };

export const cvatPlugin: FormatPlugin = {
  id: 'cvat',
  names: ['CVAT for images 1.1', 'CVAT 1.1', 'cvat'],
  description: 'CVAT 1.1 XML: reads both flavours, writes "CVAT for images" (one <image> per frame)',
  importer: listing('CVAT', '1.1', 'XML, ZIP'),
  exporter: listing('CVAT for images', '1.1'),
  capabilities: imagesCapabilities,
  options: [...readOptions, ...writeOptions],
  detect: (tree, context) => detectCvat(tree, context),
  read: (tree, options, context) => readCvat(tree, options, context),
  write: (dataset, sink, options, context) => writeCvat(dataset, sink, 'images', options, context),
};

export const cvatVideoPlugin: FormatPlugin = {
  id: 'cvat-video',
  names: ['CVAT for video 1.1', 'cvat-video', 'cvat_video'],
  description: 'CVAT 1.1 XML "CVAT for video": one <track> per track with every frame, plain shapes as short tracks, no tags',
  exporter: listing('CVAT for video', '1.1'),
  capabilities: videoCapabilities,
  options: [...readOptions, ...writeOptions],
  detect: (tree, context) => detectCvat(tree, context, true),
  read: (tree, options, context) => readCvat(tree, options, context),
  write: (dataset, sink, options, context) => writeCvat(dataset, sink, 'video', options, context),
};
