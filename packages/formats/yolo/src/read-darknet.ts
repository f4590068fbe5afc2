// YOLO 1.1 (Darknet) reader: obj.data → names file and one image list per subset, label file = image path with
// `.txt` (it must exist, FORMATS.md §3.4); without obj.data, the loose layouts Datumaro also reads: obj.names
// beside `labels/<subset>/*.txt` + `images/<subset>/*`, or beside `Annotations/*.txt` + `Images/*`.
import type { Dataset, FileTree, FormatContext, Label, ReadOptions } from '@annoconv/core';
import { DatasetBuilder, ParseError, throwIfAborted } from '@annoconv/core';
import { extensionOf, readDatasetMeta, withoutExtension } from '@annoconv/io';
import { findDarknetConfig } from './find-config.js';
import { FrameTable } from './frame-table.js';
import { readImagesMeta, readTreeImageSize, type Size } from './image-size.js';
import { dirnameOf, isImagePath, joinPath, normalizeListedPath } from './item-path.js';
import { readLabelFile, type LabelFileSetup, type ReadObjects } from './read-label-file.js';

const DARKNET_KEYS = new Set(['classes', 'names', 'backup']);

/** Where the loose layouts keep label files, and the image folder beside each. */
const LOOSE_LAYOUTS = [
  { labels: 'Annotations', images: 'Images' },
  { labels: 'annotations', images: 'images' },
  { labels: 'labels', images: 'images' },
  { labels: 'Labels', images: 'Images' },
] as const;

interface DarknetEntry {
  subset: string;
  /** Frame name (item id + image extension). */
  name: string;
  itemId: string;
  imagePath: string;
  labelPath: string;
  source: { file: string; line?: number };
  /** Loose layouts are driven by label files: one without its image (or images.meta entry) is an error. */
  requireImage?: boolean;
}

/**
 * The class names: `dataset_meta.json` in the names file's folder when there is one (Datumaro reads it there and
 * then never opens the names file, which may even be missing), else the names file's non-blank lines.
 */
async function readNames(tree: FileTree, path: string, all: Set<string>, context: FormatContext, source: { file: string }): Promise<string[]> {
  const meta = await readDatasetMeta(tree, dirnameOf(path), { diagnostics: context.diagnostics });
  if (meta) {
    if (all.has(path)) context.diagnostics.info('field-ignored', `${path} is not read: label names come from ${meta.file}`, { file: path });
    return meta.labels.map((entry) => entry.name);
  }
  if (!all.has(path)) throw new ParseError(`names file '${path}' not found`, source);
  return (await tree.readText(path))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export async function readDarknet(tree: FileTree, _options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const all = new Set(tree.entries().map((entry) => entry.path));
  const config = findDarknetConfig(tree);
  const layout = config ? await strictLayout(tree, config, all, context) : await looseLayout(tree, all, context);
  const builder = new DatasetBuilder();
  const classes: Label[] = layout.names.map((name) => builder.label(name));
  const setup: LabelFileSetup = { flavour: 'darknet', classes, classIndexOf: (id) => (id < classes.length ? id : undefined), classCount: classes.length };
  const metaSizes = await readImagesMeta(tree, joinPath(layout.root, 'images.meta'));
  const frames = new FrameTable(builder.dataset);
  const objects: ReadObjects = { shapes: [], tracked: [] };
  const seen = new Set<string>();
  for (let index = 0; index < layout.entries.length; index++) {
    if (index % 256 === 0) {
      throwIfAborted(context);
      context.onProgress?.({ stage: 'reading label files', done: index, total: layout.entries.length });
    }
    const entry = layout.entries[index]!;
    if (seen.has(entry.labelPath)) {
      context.diagnostics.warn('duplicate', `image '${entry.name}' is listed more than once; read once`, entry.source);
      continue;
    }
    seen.add(entry.labelPath);
    if (!all.has(entry.labelPath)) {
      // CVAT aborts the import here too ("Failed to import item … No such file or directory").
      throw new ParseError(`image '${entry.name}' has no label file '${entry.labelPath}'`, entry.source);
    }
    const hasImage = all.has(entry.imagePath);
    const size: Size | undefined = metaSizes.get(entry.itemId) ?? (hasImage ? await readTreeImageSize(tree, entry.imagePath) : undefined);
    if (entry.requireImage && !hasImage && !metaSizes.has(entry.itemId)) {
      throw new ParseError(`label file has no image: expected an image beside it under the images folder`, entry.source);
    }
    const frame = frames.add(entry.subset, entry.name, { ...(size ?? {}), ...(hasImage ? { image: { path: entry.imagePath, read: () => tree.read(entry.imagePath) } } : {}) });
    await readLabelFile(tree, entry.labelPath, frame, setup, objects);
  }
  builder.dataset.annotations.shapes = objects.shapes;
  return builder.build();
}

async function strictLayout(tree: FileTree, config: { path: string; root: string }, all: Set<string>, context: FormatContext): Promise<{ root: string; names: string[]; entries: DarknetEntry[] }> {
  const { root } = config;
  const lines = (await tree.readText(config.path)).split('\n');
  let namesPath: string | undefined;
  const lists: Array<{ subset: string; path: string; line: number }> = [];
  lines.forEach((text, index) => {
    const match = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(text);
    if (!match) return;
    const [, key, value] = match as unknown as [string, string, string];
    if (key === 'names') namesPath = joinPath(root, normalizeListedPath(value));
    // Every key but classes / names / backup names a subset list (Datumaro's rule; `classes` is not trusted).
    else if (!DARKNET_KEYS.has(key)) lists.push({ subset: key, path: joinPath(root, normalizeListedPath(value)), line: index + 1 });
  });
  if (!namesPath) throw new ParseError("obj.data has no 'names' entry", { file: config.path });
  const names = await readNames(tree, namesPath, all, context, { file: config.path });
  const entries: DarknetEntry[] = [];
  const listedLabels = new Set<string>();
  const labelFolders = new Set<string>();
  for (const list of lists) {
    if (!all.has(list.path)) throw new ParseError(`subset '${list.subset}' list file '${list.path}' not found`, { file: config.path, line: list.line });
    const rows = (await tree.readText(list.path)).split('\n');
    rows.forEach((row, index) => {
      if (row.trim() === '') return;
      const path = normalizeListedPath(row);
      const slash = path.indexOf('/');
      // Item id = path without its first folder (obj_<subset>_data) and extension.
      const itemPath = slash < 0 ? path : path.slice(slash + 1);
      const itemId = withoutExtension(itemPath);
      const labelPath = joinPath(root, `${withoutExtension(path)}.txt`);
      listedLabels.add(labelPath);
      if (slash >= 0) labelFolders.add(joinPath(root, path.slice(0, slash)));
      entries.push({ subset: list.subset, name: itemPath, itemId, imagePath: joinPath(root, path), labelPath, source: { file: list.path, line: index + 1 } });
    });
  }
  for (const path of all) {
    if (path.endsWith('.txt') && !listedLabels.has(path) && [...labelFolders].some((folder) => path.startsWith(`${folder}/`))) {
      throw new ParseError('label file has no image: no subset list names an image for it', { file: path, line: 1 });
    }
  }
  return { root, names, entries };
}

async function looseLayout(tree: FileTree, all: Set<string>, context: FormatContext): Promise<{ root: string; names: string[]; entries: DarknetEntry[] }> {
  const namesFile = [...all].filter((path) => /(^|\/)obj\.names$/.test(path) && path.split('/').length <= 2).sort((a, b) => a.length - b.length)[0];
  if (!namesFile) throw new ParseError('neither obj.data nor obj.names found', { file: tree.name });
  const root = dirnameOf(namesFile);
  const names = await readNames(tree, namesFile, all, context, { file: namesFile });
  const imagesByBase = new Map<string, string>();
  for (const path of all) if (isImagePath(path)) imagesByBase.set(withoutExtension(path), path);
  for (const layout of LOOSE_LAYOUTS) {
    const prefix = `${joinPath(root, layout.labels)}/`;
    const labelFiles = [...all].filter((path) => path.startsWith(prefix) && path.endsWith('.txt')).sort();
    if (labelFiles.length === 0) continue;
    const entries = labelFiles.map((labelPath): DarknetEntry => {
      const relative = labelPath.slice(prefix.length);
      const parts = relative.split('/');
      // `labels/<subset>/x.txt` → subset; `Annotations/x.txt` → no subset (Datumaro's extract_subset_name_from_parent).
      const subset = parts.length >= 2 ? parts[0]! : '';
      const itemId = withoutExtension(parts.length >= 2 ? parts.slice(1).join('/') : relative);
      const imagePath = imagesByBase.get(joinPath(root, `${layout.images}/${withoutExtension(relative)}`));
      return {
        subset,
        name: imagePath ? `${itemId}${extensionOf(imagePath)}` : itemId,
        itemId,
        imagePath: imagePath ?? '',
        labelPath,
        source: { file: labelPath, line: 1 },
        requireImage: true,
      };
    });
    return { root, names, entries };
  }
  throw new ParseError('obj.names found but no label files under Annotations/ or labels/', { file: namesFile });
}
