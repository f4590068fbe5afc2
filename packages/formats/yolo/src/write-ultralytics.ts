// Ultralytics YOLO writer (Detection, Detection Track, Segmentation, OBB, Pose): data.yaml, one image list per
// subset, `labels/<subset>/<item>.txt` for every image (FORMATS.md §4.1). Unlike CVAT, which writes label files
// only for images with objects, negative images get an empty label file: Ultralytics counts them as background
// images either way, and the file makes "no objects" explicit for every other reader.
import type { Dataset, FileSink, FormatContext, WriteOptions } from '@annoconv/core';
import { Document, parse as parseYaml, Scalar } from 'yaml';
import { skeletonClasses, topLevelClasses } from './classes.js';
import { copyImage } from './copy-image.js';
import type { LineFlavour } from './encode-shapes.js';
import { frameLabelText, labelsById } from './frame-lines.js';
import { objectsByFrame } from './frame-objects.js';
import { ImagesMeta } from './images-meta.js';
import { exportItems } from './export-items.js';
import { ULTRALYTICS_RESERVED } from './subsets.js';

export type UltralyticsFlavour = Exclude<LineFlavour, 'darknet'>;

export interface UltralyticsWriteSetup {
  flavour: UltralyticsFlavour;
  formatName: string;
  writeTrackIds: boolean;
}

export async function writeUltralytics(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext, target: UltralyticsWriteSetup): Promise<void> {
  const prefix = options['pathPrefix'] === false ? '' : 'data/';
  const pose = target.flavour === 'pose';
  const classes = pose ? skeletonClasses(dataset.labels) : topLevelClasses(dataset.labels);
  // kpt_shape[0] is the largest point count over all skeleton labels; shorter skeletons are padded (FORMATS.md §4.2).
  const keypoints = pose ? Math.max(0, ...dataset.labels.filter((label) => classes.classOf.has(label.id)).map((label) => label.sublabels.length)) : 0;
  const setup = { flavour: target.flavour, formatName: target.formatName, classes, labelsById: labelsById(dataset), keypoints, writeTrackIds: target.writeTrackIds };
  const objects = objectsByFrame(dataset, context, target.formatName, target.writeTrackIds);
  const lists = new Map<string, string[]>();
  const imagesMeta = new ImagesMeta();
  for (const { frame, subset, id, extension } of exportItems(dataset, ULTRALYTICS_RESERVED, imagesMeta, context)) {
    let list = lists.get(subset);
    if (!list) lists.set(subset, (list = []));
    list.push(`${prefix}images/${subset}/${id}${extension}\n`);
    await sink.write(`labels/${subset}/${id}.txt`, await frameLabelText(frame, objects.get(frame.index), setup, context));
    if (options.saveImages) await copyImage(frame, sink, `images/${subset}/${id}${extension}`, context);
  }
  const subsets = [...lists.keys()].sort();
  for (const subset of subsets) await sink.write(`${subset}.txt`, lists.get(subset)!.join(''));
  await sink.write('data.yaml', dataYaml(classes.names, subsets, pose ? keypoints : undefined));
  if (options['imagesMeta'] !== false) await imagesMeta.write(sink);
}

/** data.yaml as CVAT writes it: PyYAML's dump, so keys sorted, `names` as an id → name mapping, `path: .`. */
export function dataYaml(names: readonly string[], subsets: readonly string[], keypoints: number | undefined): string {
  const entries = new Map<string, unknown>();
  if (keypoints !== undefined) entries.set('kpt_shape', [keypoints, 3]);
  entries.set('names', new Map(names.map((name, index) => [index, nameScalar(name)])));
  entries.set('path', '.');
  for (const subset of subsets) entries.set(subset, `${subset}.txt`);
  const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return new Document(sorted).toString({ indentSeq: false });
}

/**
 * A class name as a YAML scalar, double-quoted when a YAML 1.1 reader (PyYAML, so CVAT and Ultralytics) would not
 * read the plain text back as the same string: `yes`, `on`, `null`, `1.0`, `a: b`, `#x`.
 */
function nameScalar(name: string): Scalar {
  const scalar = new Scalar(name);
  let plain: unknown;
  try {
    plain = parseYaml(name, { version: '1.1' });
  } catch {
    plain = undefined;
  }
  if (plain !== name) scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
