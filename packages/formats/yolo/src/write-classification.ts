// Ultralytics YOLO Classification writer: one folder per subset, one folder per class holding the images with that
// tag (`no_label` for images without tags), and `labels.json` (item id → label names and image path), which CVAT
// and Datumaro add so that annotation-only exports still carry the tags (FORMATS.md §4.5).
import type { Dataset, FileSink, FormatContext, WriteOptions } from '@annoconv/core';
import { throwIfAborted } from '@annoconv/core';
import { copyImage } from './copy-image.js';
import { objectsByFrame } from './frame-objects.js';
import { itemOf } from './item-path.js';
import { exportSubsetName } from './subsets.js';

const FORMAT_NAME = 'Ultralytics YOLO Classification 1.0';
export const NO_LABEL = 'no_label';

export async function writeClassification(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const labelNames = new Map(dataset.labels.map((label) => [label.id, label.name]));
  const objects = objectsByFrame(dataset, context, FORMAT_NAME, false);
  const subsets = new Map<string, { json: Record<string, { labels: string[]; path: string }>; used: Set<string> }>();
  for (let index = 0; index < dataset.frames.length; index++) {
    if (index % 256 === 0) throwIfAborted(context);
    const frame = dataset.frames[index]!;
    const subset = exportSubsetName(frame.subset, []);
    let state = subsets.get(subset);
    if (!state) subsets.set(subset, (state = { json: {}, used: new Set() }));
    const frameObjects = objects.get(frame.index);
    for (const { shape } of frameObjects?.shapes ?? []) {
      context.diagnostics.warn('shape-unsupported', `${FORMAT_NAME} holds only tags; ${shape.type} dropped`, { frame: frame.index, frameName: frame.name, objectId: shape.id ?? undefined, objectKind: 'shape' });
    }
    const names: string[] = [];
    for (const tag of frameObjects?.tags ?? []) {
      const name = labelNames.get(tag.label_id);
      if (name === undefined) {
        context.diagnostics.warn('label-unknown', `tag with label id ${tag.label_id} matches no top-level label; dropped`, { frame: frame.index, frameName: frame.name, objectKind: 'tag' });
      } else if (!names.includes(name)) names.push(name);
      // A class folder holds an image once: a second tag of the same label on one image cannot be written.
      else context.diagnostics.warn('duplicate', `a second '${name}' tag on this image; ${FORMAT_NAME} keeps one per class`, { frame: frame.index, frameName: frame.name, objectKind: 'tag' });
      if (tag.attributes.length > 0) context.diagnostics.warn('attribute-dropped', `${FORMAT_NAME} cannot hold attributes; dropped`, { frame: frame.index, frameName: frame.name, objectKind: 'tag' });
    }
    const { id, extension } = itemOf(frame.name);
    const base = id.slice(id.lastIndexOf('/') + 1);
    const folders = names.length > 0 ? names : [NO_LABEL];
    let firstPath = '';
    for (const folder of folders) {
      // Two items with the same file name in one class folder: the later one gets `.<n>` before its extension.
      let file = `${base}${extension}`;
      for (let n = 1; state.used.has(`${folder}/${file}`); n++) file = `${base}.${n}${extension}`;
      state.used.add(`${folder}/${file}`);
      if (!firstPath) firstPath = `${folder}/${file}`;
      if (options.saveImages) await copyImage(frame, sink, `${subset}/${folder}/${file}`, context);
    }
    state.json[id] = { labels: names, path: firstPath };
  }
  for (const [subset, state] of [...subsets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    await sink.write(`${subset}/labels.json`, `${JSON.stringify(state.json, null, 2)}\n`);
  }
}
