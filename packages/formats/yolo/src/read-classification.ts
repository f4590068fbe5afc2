// Ultralytics YOLO Classification reader: subsets are the root's folders; `labels.json` (when present) gives item
// ids and tags, otherwise every image under `<subset>/<class>/` is an item tagged with its folder (`no_label`
// = no tag). Labels are the union of folder names and labels.json names, sorted (FORMATS.md §4.5).
import type { Dataset, FileTree, FormatContext, ReadOptions, Tag } from '@annoconv/core';
import { DatasetBuilder, ParseError, SchemaError, throwIfAborted } from '@annoconv/core';
import { FrameTable } from './frame-table.js';
import { readTreeImageSize } from './image-size.js';
import { isImagePath } from './item-path.js';
import { labelsJsonSchema, type LabelsJson } from './schema.js';
import { NO_LABEL } from './write-classification.js';
import { extensionOf, withoutExtension } from '@annoconv/io';

interface ClassificationItem {
  subset: string;
  itemId: string;
  name: string;
  labels: string[];
  imagePath?: string;
}

/** The folder holding the subset folders: the root, or a single wrapping folder (top/train/cat/x.jpg). */
export function classificationRoot(paths: readonly string[]): string {
  const tops = new Set(paths.map((path) => path.split('/')[0]!));
  if (tops.size !== 1) return '';
  const wrapped = paths.every((path) => {
    const depth = path.split('/').length;
    return path.endsWith('/labels.json') ? depth >= 3 : depth >= 4;
  });
  return wrapped ? [...tops][0]! : '';
}

async function readLabelsJson(tree: FileTree, path: string): Promise<LabelsJson> {
  let raw: unknown;
  try {
    raw = JSON.parse(await tree.readText(path));
  } catch (error) {
    throw new ParseError(`invalid JSON: ${(error as Error).message}`, { file: path }, { cause: error });
  }
  const result = labelsJsonSchema.safeParse(raw);
  if (!result.success) throw new SchemaError(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })), { where: { file: path }, subject: 'labels.json' });
  return result.data;
}

export async function readClassification(tree: FileTree, _options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path).sort();
  const root = classificationRoot(paths);
  const relative = (path: string): string => (root ? path.slice(root.length + 1) : path);
  const subsets = [...new Set(paths.map(relative).filter((path) => path.includes('/')).map((path) => path.split('/')[0]!))].sort();
  const items: ClassificationItem[] = [];
  const labelNames = new Set<string>();
  for (const subset of subsets) {
    const base = root ? `${root}/${subset}` : subset;
    const jsonPath = `${base}/labels.json`;
    if (tree.has(jsonPath)) {
      const json = await readLabelsJson(tree, jsonPath);
      for (const [itemId, entry] of Object.entries(json)) {
        const imagePath = entry.path !== undefined && tree.has(`${base}/${entry.path}`) ? `${base}/${entry.path}` : undefined;
        const extension = entry.path !== undefined ? extensionOf(entry.path) : '';
        for (const label of entry.labels) labelNames.add(label);
        items.push({ subset, itemId, name: `${itemId}${extension}`, labels: entry.labels, ...(imagePath ? { imagePath } : {}) });
      }
      for (const path of paths) {
        const parts = path.slice(base.length + 1).split('/');
        if (path.startsWith(`${base}/`) && parts.length >= 2 && parts[0] !== NO_LABEL && isImagePath(path)) labelNames.add(parts[0]!);
      }
      continue;
    }
    for (const path of paths) {
      if (!path.startsWith(`${base}/`) || !isImagePath(path)) continue;
      const inside = path.slice(base.length + 1);
      const slash = inside.indexOf('/');
      if (slash < 0) {
        context.diagnostics.warn('annotation-unmatched', `image outside any class folder; skipped`, { file: path });
        continue;
      }
      const folder = inside.slice(0, slash);
      if (folder !== NO_LABEL) labelNames.add(folder);
      // Without labels.json the item id keeps the class folder (Datumaro's ids), so `cat/1.jpg` and `dog/1.jpg` differ.
      items.push({ subset, itemId: withoutExtension(inside), name: inside, labels: folder === NO_LABEL ? [] : [folder], imagePath: path });
    }
  }
  const builder = new DatasetBuilder();
  for (const name of [...labelNames].sort()) builder.label(name);
  const frames = new FrameTable(builder.dataset);
  const tags: Tag[] = [];
  for (let index = 0; index < items.length; index++) {
    if (index % 256 === 0) throwIfAborted(context);
    const item = items[index]!;
    const imagePath = item.imagePath;
    const size = imagePath ? await readTreeImageSize(tree, imagePath) : undefined;
    const frame = frames.add(item.subset, item.name, { ...(size ?? {}), ...(imagePath ? { image: { path: imagePath, read: () => tree.read(imagePath) } } : {}) });
    for (const name of item.labels) {
      tags.push({ id: null, label_id: builder.findLabel(name)!.id, frame: frame.index, group: 0, source: 'file', attributes: [] });
    }
  }
  builder.dataset.annotations.tags = tags;
  return builder.build();
}
