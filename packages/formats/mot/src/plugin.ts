// The MOT 1.1 and MOTS PNG 1.0 plugins: CVAT's names and listings, what each can hold, reader, writer, detector.
import { listing, type FormatPlugin } from '@annoconv/core';
import { detectMot, detectMots } from './detect.js';
import { readMot } from './read-mot.js';
import { readMots } from './read-mots.js';
import { writeMot } from './write-mot.js';
import { writeMots } from './write-mots.js';

export const motPlugin: FormatPlugin = {
  id: 'mot',
  names: ['MOT 1.1', 'mot', 'mot_seq', 'mot_seq_gt'],
  description: 'MOTChallenge ground truth: gt/gt.txt rows (1-based frame, track id, box, not-ignored, class, visibility), gt/labels.txt, optional seqinfo.ini.',
  importer: listing('MOT', '1.1'),
  exporter: listing('MOT', '1.1'),
  capabilities: { shapes: ['rectangle'], tags: false, tracks: 'native', attributes: true, imageSizes: false, images: true },
  options: [{ name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files into img1/.' }],
  detect: detectMot,
  read: readMot,
  write: writeMot,
};

export const motsPlugin: FormatPlugin = {
  id: 'mots',
  names: ['MOTS PNG 1.0', 'mots', 'mots_png'],
  description: 'MOTS: 16-bit instance PNGs per frame (1000 · class + track), instances/labels.txt, one folder per subset.',
  importer: listing('MOTS PNG', '1.0'),
  exporter: listing('MOTS PNG', '1.0'),
  capabilities: { shapes: ['rectangle', 'polygon', 'ellipse', 'mask'], tags: false, tracks: 'native', attributes: false, imageSizes: true, images: true },
  options: [
    { name: 'convMaskToPoly', type: 'boolean', default: true, description: 'Import instance masks as polygons (CVAT\'s "Convert masks to polygons").' },
    { name: 'saveImages', type: 'boolean', default: false, description: 'Copy image files into <subset>/images/.' },
  ],
  detect: detectMots,
  read: readMots,
  write: writeMots,
};
