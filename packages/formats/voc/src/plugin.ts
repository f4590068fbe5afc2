// The PASCAL VOC 1.1 plugin: CVAT's name and listing, what it can hold, and its reader, writer and detector.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectVoc } from './detect.js';
import { readVoc } from './read.js';
import { writeVoc } from './write.js';

export const vocPlugin: FormatPlugin = {
  id: 'voc',
  names: ['PASCAL VOC 1.1', 'voc', 'pascal_voc'],
  description: 'PASCAL VOC: Annotations XML (boxes), ImageSets lists (subsets, tags), SegmentationClass/Object PNGs, labelmap.txt.',
  importer: listing('PASCAL VOC', '1.1'),
  exporter: listing('PASCAL VOC', '1.1'),
  capabilities: { shapes: ['rectangle', 'mask', 'ellipse'], tags: true, tracks: 'per-frame', attributes: true, imageSizes: true, images: true },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: true, description: 'Import segmentation masks as polygons (CVAT\'s "Convert masks to polygons").' },
    { name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files into JPEGImages/.' },
    { name: 'saveDatasetMeta', type: 'boolean', default: false, description: "Write Datumaro's dataset_meta.json instead of labelmap.txt (Datumaro's --save-dataset-meta; CVAT never writes it)." },
  ],
  detect: detectVoc,
  read: readVoc,
  write: writeVoc,
};
