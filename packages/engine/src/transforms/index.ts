// Transforms applied to the canonical dataset between reading and writing (`convert({ transforms })`,
// `annoconv convert --transform <name>`), named as Datumaro names its own.
import type { Dataset, FormatContext } from '@annoconv/core';
import { AnnoconvError } from '@annoconv/core';
import { shapesToBoxes } from './shapes-to-boxes.js';

export interface DatasetTransform {
  name: string;
  description: string;
  apply(dataset: Dataset, context: FormatContext): Dataset;
}

export const transforms: readonly DatasetTransform[] = [
  {
    name: 'shapes-to-boxes',
    description: 'polygons, polylines, points, cuboids, ellipses and masks (and their tracks) become their bounding boxes',
    apply: shapesToBoxes,
  },
];

/** The transform of that name (`shapes_to_boxes`, Datumaro's spelling, is accepted too). */
export function findTransform(name: string): DatasetTransform {
  const wanted = name.trim().toLowerCase().replaceAll('_', '-');
  const found = transforms.find((transform) => transform.name === wanted);
  if (!found) throw new AnnoconvError('invalid-request', `unknown transform '${name}'; known transforms: ${transforms.map((transform) => transform.name).join(', ')}`);
  return found;
}

export { boxAround, shapesToBoxes } from './shapes-to-boxes.js';
export { remapLabels, type RemapLabelsOptions } from './remap-labels.js';
export { randomSplit, type RandomSplitOptions } from './random-split.js';
