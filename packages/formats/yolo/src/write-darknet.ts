// YOLO 1.1 (Darknet) writer: obj.data, obj.names, one image list per subset and one label file per image —
// empty for negative images (FORMATS.md §3.1).
import type { Dataset, FileSink, FormatContext, WriteOptions } from '@annoconv/core';
import { throwIfAborted } from '@annoconv/core';
import { topLevelClasses } from './classes.js';
import { objectsByFrame } from './frame-objects.js';
import { frameLabelText, labelsById } from './frame-lines.js';
import { ImagesMeta } from './images-meta.js';
import { ItemIds, itemOf } from './item-path.js';
import { copyImage } from './copy-image.js';
import { DARKNET_RESERVED, exportSubsetName } from './subsets.js';

const FORMAT_NAME = 'YOLO 1.1';

export async function writeDarknet(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const prefix = options['pathPrefix'] === false ? '' : 'data/';
  const classes = topLevelClasses(dataset.labels);
  const setup = { flavour: 'darknet' as const, formatName: FORMAT_NAME, classes, labelsById: labelsById(dataset), keypoints: 0, writeTrackIds: false };
  const objects = objectsByFrame(dataset, context, FORMAT_NAME, false);
  const lists = new Map<string, string[]>();
  const itemIds = new ItemIds();
  const imagesMeta = new ImagesMeta();
  const total = dataset.frames.length;
  for (let index = 0; index < total; index++) {
    if (index % 256 === 0) {
      throwIfAborted(context);
      context.onProgress?.({ stage: 'writing label files', done: index, total });
    }
    const frame = dataset.frames[index]!;
    const subset = exportSubsetName(frame.subset, DARKNET_RESERVED);
    const item = itemOf(frame.name);
    const { id, renamed } = itemIds.claim(subset, item.id);
    const extension = item.extension;
    imagesMeta.add(id, frame, context);
    if (renamed) context.diagnostics.warn('duplicate', `item '${item.id}' already exists in subset '${subset}'; written as '${id}'`, { frame: frame.index, frameName: frame.name });
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
