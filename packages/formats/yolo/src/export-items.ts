// The frames of a YOLO export as items: subset name, a unique item id per subset (renamed `_1`, `_2` with a
// diagnostic), the image extension, with images.meta sizes recorded, progress reported and aborts honoured.
import type { Dataset, FormatContext, Frame } from '@annoconv/core';
import { throwIfAborted } from '@annoconv/core';
import type { ImagesMeta } from './images-meta.js';
import { ItemIds, itemOf } from './item-path.js';
import { exportSubsetName } from './subsets.js';

export interface ExportItem {
  frame: Frame;
  subset: string;
  id: string;
  extension: string;
}

export function* exportItems(dataset: Dataset, reservedSubsets: readonly string[], imagesMeta: ImagesMeta, context: FormatContext): Generator<ExportItem> {
  const itemIds = new ItemIds();
  const total = dataset.frames.length;
  for (let index = 0; index < total; index++) {
    if (index % 256 === 0) {
      throwIfAborted(context);
      context.onProgress?.({ stage: 'writing label files', done: index, total });
    }
    const frame = dataset.frames[index]!;
    const subset = exportSubsetName(frame.subset, reservedSubsets);
    const item = itemOf(frame.name);
    const { id, renamed } = itemIds.claim(subset, item.id);
    imagesMeta.add(id, frame, context);
    if (renamed) context.diagnostics.warn('duplicate', `item '${item.id}' already exists in subset '${subset}'; written as '${id}'`, { frame: frame.index, frameName: frame.name });
    yield { frame, subset, id, extension: item.extension };
  }
}
