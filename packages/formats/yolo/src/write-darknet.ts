// YOLO 1.1 (Darknet) writer: obj.data, obj.names, one image list per subset and one label file per image —
// empty for negative images (FORMATS.md §3.1).
import type { Dataset, FileSink, FormatContext, WriteOptions } from '@annoconv/core';
import { topLevelClasses } from './classes.js';
import { objectsByFrame } from './frame-objects.js';
import { frameLabelText, labelsById } from './frame-lines.js';
import { ImagesMeta } from './images-meta.js';
import { exportItems } from './export-items.js';
import { copyImage } from './copy-image.js';
import { DARKNET_RESERVED } from './subsets.js';

const FORMAT_NAME = 'YOLO 1.1';

export async function writeDarknet(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const prefix = options['pathPrefix'] === false ? '' : 'data/';
  const classes = topLevelClasses(dataset.labels);
  const setup = { flavour: 'darknet' as const, formatName: FORMAT_NAME, classes, labelsById: labelsById(dataset), keypoints: 0, writeTrackIds: false };
  const objects = objectsByFrame(dataset, context, FORMAT_NAME, false);
  const lists = new Map<string, string[]>();
  const imagesMeta = new ImagesMeta();
  for (const { frame, subset, id, extension } of exportItems(dataset, DARKNET_RESERVED, imagesMeta, context)) {
    const folder = `obj_${subset}_data`;
    let list = lists.get(subset);
    if (!list) lists.set(subset, (list = []));
    list.push(`${prefix}${folder}/${id}${extension}\n`);
    await sink.write(`${folder}/${id}.txt`, await frameLabelText(frame, objects.get(frame.index), setup, context));
    if (options.saveImages) await copyImage(frame, sink, `${folder}/${id}${extension}`, context);
  }
  const subsets = [...lists.keys()].sort();
  for (const subset of subsets) await sink.write(`${subset}.txt`, lists.get(subset)!.join(''));
  const data = [`classes = ${classes.names.length}`, ...subsets.map((subset) => `${subset} = ${prefix}${subset}.txt`), `names = ${prefix}obj.names`, 'backup = backup/'];
  await sink.write('obj.data', `${data.join('\n')}\n`);
  await sink.write('obj.names', classes.names.map((name) => `${name}\n`).join(''));
  if (options['imagesMeta'] !== false) await imagesMeta.write(sink);
}
