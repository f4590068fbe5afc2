// The LabelMe 3.0 plugin: CVAT's name and listing, what it can hold, and its reader, writer and detector.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectLabelMe } from './detect.js';
import { readLabelMe } from './read.js';
import { writeLabelMe } from './write.js';

export const labelmePlugin: FormatPlugin = {
  id: 'labelme',
  names: ['LabelMe 3.0', 'labelme', 'label_me'],
  description: 'MIT LabelMe XML: one <annotation> per image with polygon, bounding_box and segm (PNG mask) objects, parts, escaped attribute text.',
  importer: listing('LabelMe', '3.0'),
  exporter: listing('LabelMe', '3.0'),
  capabilities: { shapes: ['rectangle', 'polygon', 'mask', 'ellipse'], tags: false, tracks: 'per-frame', attributes: true, imageSizes: true, images: true },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: true, description: 'Import segm masks as polygons (CVAT\'s "Convert masks to polygons").' },
    { name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files next to their XML.' },
  ],
  detect: detectLabelMe,
  read: readLabelMe,
  write: writeLabelMe,
};
