// The Datumaro 1.0 format plugin ("Datumaro 1.0" in CVAT).
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectDatumaro } from './detect.js';
import { DEFAULT_STREAM_THRESHOLD, readDatumaro } from './read.js';
import { writeDatumaro } from './write.js';

export const datumaroPlugin: FormatPlugin = {
  id: 'datumaro',
  names: ['Datumaro 1.0', 'datumaro'],
  description: "Datumaro's own JSON: every 2D annotation type, attributes, groups and tracks (through track_id / keyframe).",
  importer: listing('Datumaro', '1.0', 'JSON, ZIP'),
  exporter: listing('Datumaro', '1.0'),
  capabilities: {
    shapes: ['rectangle', 'polygon', 'polyline', 'points', 'mask', 'skeleton', 'ellipse'],
    tags: true,
    tracks: 'per-frame',
    attributes: true,
    imageSizes: true,
    images: true,
  },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: false, description: 'Turn masks into polygons on import.' },
    {
      name: 'streamThreshold',
      type: 'number',
      default: DEFAULT_STREAM_THRESHOLD,
      description: 'annotation files of at least this many bytes are streamed section by section instead of parsed whole',
    },
  ],
  detect: (tree) => detectDatumaro(tree),
  read: (tree, options, context) => readDatumaro(tree, options, context),
  write: (dataset, sink, options, context) => writeDatumaro(dataset, sink, options, context),
};
