// The KITTI 1.0 plugin: CVAT's name and listing, what it can hold, and its reader, writer and detector.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectKitti } from './detect.js';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';

export const kittiPlugin: FormatPlugin = {
  id: 'kitti',
  names: ['KITTI 1.0', 'kitti', 'kitti_detection', 'kitti_segmentation'],
  description: 'KITTI: label_2 boxes (15/16 columns, truncated / occluded / score), instance / semantic PNGs (class · 256 + instance), label_colors.txt.',
  importer: listing('KITTI', '1.0'),
  exporter: listing('KITTI', '1.0'),
  capabilities: { shapes: ['rectangle', 'polygon', 'ellipse', 'mask'], tags: false, tracks: 'per-frame', attributes: true, imageSizes: true, images: true },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: true, description: 'Import instance masks as polygons (CVAT\'s "Convert masks to polygons").' },
    { name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files into <subset>/image_2/.' },
  ],
  detect: detectKitti,
  read: readKitti,
  write: writeKitti,
};
