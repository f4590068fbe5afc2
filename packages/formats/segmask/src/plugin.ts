// The Segmentation mask 1.1 plugin: CVAT's name and listing, what it can hold, and its reader, writer and detector.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectSegmask } from './detect.js';
import { readSegmask } from './read.js';
import { writeSegmask } from './write.js';

export const segmaskPlugin: FormatPlugin = {
  id: 'segmask',
  names: ['Segmentation mask 1.1', 'segmentation-mask', 'voc_segmentation'],
  description: "CVAT's VOC-segmentation flavour: RGB class and instance PNGs, labelmap.txt with label colours, ImageSets/Segmentation lists.",
  importer: listing('Segmentation mask', '1.1'),
  exporter: listing('Segmentation mask', '1.1'),
  capabilities: { shapes: ['rectangle', 'polygon', 'ellipse', 'mask'], tags: false, tracks: 'per-frame', attributes: false, imageSizes: true, images: true },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: true, description: 'Import masks as polygons (CVAT\'s "Convert masks to polygons").' },
    { name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files into JPEGImages/.' },
    { name: 'saveDatasetMeta', type: 'boolean', default: false, description: "Write Datumaro's dataset_meta.json instead of labelmap.txt (Datumaro's --save-dataset-meta; CVAT never writes it)." },
  ],
  detect: detectSegmask,
  read: readSegmask,
  write: writeSegmask,
};
