// Ultralytics YOLO reader (Detection, Segmentation, OBB, Pose): data.yaml, image lists / image folders / YAML lists
// per subset, `images/<subset>` ↔ `labels/<subset>` and Roboflow's `<subset>/images` ↔ `<subset>/labels`
// (FORMATS.md §4.4). Track ids in the last column become tracks as CVAT rebuilds them.
import type { Dataset, FileTree, FormatContext, Label, ReadOptions, TrackedShapeItem } from '@annoconv/core';
import { DatasetBuilder, ParseError, SchemaError, shapesToTracks, throwIfAborted } from '@annoconv/core';
import { extensionOf, readDatasetMeta, withoutExtension, type DatasetMeta } from '@annoconv/io';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { DecodeFlavour } from './decode-line.js';
import { findYamlConfig } from './find-config.js';
import { FrameTable } from './frame-table.js';
import { readImagesMeta, readTreeImageSize } from './image-size.js';
import { isImagePath, joinPath, normalizeListedPath } from './item-path.js';
import { readLabelFile, type ReadObjects } from './read-label-file.js';
import { dataYamlSchema, NON_SUBSET_KEYS, type DataYaml } from './schema.js';

export type UltralyticsReadFlavour = Exclude<DecodeFlavour, 'darknet'>;

interface ImageEntry {
  subset: string;
  /** Path relative to the dataset root. */
  path: string;
  /** Where it was named, for errors. */
  source: { file: string; line?: number };
}

export async function parseDataYaml(tree: FileTree, path: string): Promise<DataYaml> {
  let raw: unknown;
  try {
    raw = parseYaml(await tree.readText(path));
  } catch (error) {
    if (error instanceof YAMLParseError) throw new ParseError(error.message.split('\n')[0]!, { file: path, line: error.linePos?.[0]?.line }, { cause: error });
    throw error;
  }
  const result = dataYamlSchema.safeParse(raw);
  if (!result.success) {
    throw new SchemaError(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })), { where: { file: path }, subject: 'data.yaml' });
  }
  return result.data;
}

/** Class names in label order and the file id → class index lookup: lists by position, mappings by sorted key. */
export function classNames(config: DataYaml): { names: string[]; indexOf: (classId: number) => number | undefined } {
  if (Array.isArray(config.names)) {
    const names = config.names;
    return { names, indexOf: (classId) => (classId < names.length ? classId : undefined) };
  }
  const keys = Object.keys(config.names).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  const record = config.names as Record<string, string>;
  const indexByKey = new Map(keys.map((key, index) => [String(Number(key)), index]));
  return { names: keys.map((key) => record[key]!), indexOf: (classId) => indexByKey.get(String(classId)) };
}

export async function readUltralytics(tree: FileTree, _options: ReadOptions, context: FormatContext, flavour: UltralyticsReadFlavour): Promise<Dataset> {
  const config = findYamlConfig(tree);
  if (!config) throw new ParseError('no data.yaml found at the root or one level below', { file: tree.name });
  const yaml = await parseDataYaml(tree, config.path);
  const root = config.root;
  const builder = new DatasetBuilder();
  const { names, indexOf } = classNames(yaml);

  let keypointShape: [number, number] | undefined;
  if (flavour === 'pose') {
    if (!yaml.kpt_shape) throw new ParseError('Ultralytics YOLO Pose needs kpt_shape in data.yaml', { file: config.path });
    keypointShape = yaml.kpt_shape;
  } else if (yaml.kpt_shape) {
    // Datumaro's Detection / Segmentation / OBB importers refuse a config with kpt_shape too.
    throw new ParseError('data.yaml has kpt_shape: this is an Ultralytics YOLO Pose dataset; read it as ultralytics-pose', { file: config.path });
  }
  if (yaml.flip_idx) context.diagnostics.info('field-ignored', 'data.yaml flip_idx (keypoint pairs swapped by horizontal flips) is read and not kept: the model has no place for it', { file: config.path });
  // dataset_meta.json beside data.yaml replaces the label names (Datumaro); class ids are still checked and mapped
  // through data.yaml's `names` (a list by position, a mapping by sorted key).
  const meta = await readDatasetMeta(tree, root, { diagnostics: context.diagnostics });
  let classes: Label[];
  if (meta) {
    context.diagnostics.info('field-ignored', `label names come from ${meta.file}; data.yaml 'names' only numbers the classes`, { file: config.path });
    classes = keypointShape ? metaSkeletons(builder, meta, keypointShape) : meta.labels.map((entry) => builder.label(entry.name));
  } else {
    classes = names.map((name) => {
      const label = builder.label(name, flavour === 'pose' ? { type: 'skeleton' } : {});
      // Without CVAT's task skeletons the points are named `<skeleton>_point_<i>` (Datumaro's naming).
      if (keypointShape) for (let index = 0; index < keypointShape[0]; index++) builder.sublabel(label, `${name}_point_${index}`);
      return label;
    });
  }

  const all = new Set(tree.entries().map((entry) => entry.path));
  const images = await imageEntries(tree, yaml, config.path, root, all, context);
  const metaSizes = await readImagesMeta(tree, joinPath(root, 'images.meta'));
  const frames = new FrameTable(builder.dataset);
  const objects: ReadObjects = { shapes: [], tracked: [] };
  const claimed = new Set<string>();
  const classIndexOf = (classId: number): number | undefined => {
    const index = indexOf(classId);
    return index !== undefined && index < classes.length ? index : undefined;
  };
  const setup = { flavour, classes, classIndexOf, classCount: Math.min(names.length, classes.length), ...(keypointShape ? { keypointShape } : {}) };

  for (let index = 0; index < images.length; index++) {
    if (index % 256 === 0) {
      throwIfAborted(context);
      context.onProgress?.({ stage: 'reading label files', done: index, total: images.length });
    }
    const entry = images[index]!;
    const parts = entry.path.split('/');
    // The `images` folder is the 1st (images/<subset>/x.jpg) or 2nd (<subset>/images/x.jpg, Roboflow) component.
    const at = parts[0] === 'images' ? 0 : parts[1] === 'images' ? 1 : -1;
    if (at < 0 || parts.length < 3) throw new ParseError(`image path '${entry.path}' is not under images/<subset>/ or <subset>/images/`, entry.source);
    const labelParts = [...parts];
    labelParts[at] = 'labels';
    const labelPath = joinPath(root, `${withoutExtension(labelParts.join('/'))}.txt`);
    const itemId = withoutExtension(parts.slice(2).join('/'));
    const name = `${itemId}${extensionOf(entry.path)}`;
    const imagePath = joinPath(root, entry.path);
    if (claimed.has(labelPath)) {
      context.diagnostics.warn('duplicate', `image '${entry.path}' is listed more than once; read once`, entry.source);
      continue;
    }
    const hasImage = all.has(imagePath);
    const size = metaSizes.get(itemId) ?? (hasImage ? await readTreeImageSize(tree, imagePath) : undefined);
    const frame = frames.add(entry.subset, name, { ...(size ?? {}), ...(hasImage ? { image: { path: imagePath, read: () => tree.read(imagePath) } } : {}) });
    claimed.add(labelPath);
    // A missing label file is an image without objects (unlike YOLO 1.1).
    if (all.has(labelPath)) await readLabelFile(tree, labelPath, frame, setup, objects);
  }

  for (const path of all) {
    if (claimed.has(path) || !path.endsWith('.txt')) continue;
    const relative = root ? (path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined) : path;
    const parts = relative?.split('/') ?? [];
    if (parts.length >= 3 && (parts[0] === 'labels' || parts[1] === 'labels')) {
      throw new ParseError('label file has no image: no subset of data.yaml lists an image for it', { file: path, line: 1 });
    }
  }

  builder.dataset.annotations.shapes = objects.shapes;
  builder.dataset.annotations.tracks = trackedToTracks(objects.tracked, builder.dataset);
  return builder.build();
}

/**
 * The skeletons of a Pose dataset from `dataset_meta.json`, as Datumaro's Pose importer reads it: `label_categories`
 * ([name, parent]) are the labels, `point_categories` give each skeleton its points in order, and class i of the
 * label files is the i-th skeleton in label order. Sub-labels no skeleton lists are not kept.
 */
function metaSkeletons(builder: DatasetBuilder, meta: DatasetMeta, keypointShape: [number, number]): Label[] {
  const { labelCategories, pointCategories = [] } = meta;
  // Datumaro reads `label_categories` unconditionally here (a KeyError without it).
  if (!labelCategories) throw new ParseError('an Ultralytics YOLO Pose dataset_meta.json needs label_categories', { file: meta.file, jsonPath: '$' });
  const skeletonOf = new Map<number, { points: string[] }>();
  pointCategories.forEach((category, index) => {
    const where = { file: meta.file, jsonPath: `$.point_categories[${index}]` };
    if (category.label >= labelCategories.length) throw new ParseError(`label index ${category.label} is past label_categories (${labelCategories.length} labels)`, where);
    if (category.points.length > keypointShape[0]) throw new ParseError(`skeleton '${labelCategories[category.label]!.name}' has ${category.points.length} points but kpt_shape allows ${keypointShape[0]}`, where);
    skeletonOf.set(category.label, category);
  });
  const labels = new Map<number, Label>();
  labelCategories.forEach((category, index) => {
    if (category.parent === '') labels.set(index, builder.label(category.name, skeletonOf.has(index) ? { type: 'skeleton' } : {}));
  });
  const skeletons: Label[] = [];
  for (const index of [...skeletonOf.keys()].sort((a, b) => a - b)) {
    const label = labels.get(index);
    if (!label) throw new ParseError(`point category of '${labelCategories[index]!.name}', which is itself a sub-label`, { file: meta.file, jsonPath: '$.point_categories' });
    for (const point of skeletonOf.get(index)!.points) builder.sublabel(label, point);
    skeletons.push(label);
  }
  return skeletons;
}

export function trackedToTracks(tracked: TrackedShapeItem[], dataset: Dataset): Dataset['annotations']['tracks'] {
  if (tracked.length === 0) return [];
  return shapesToTracks(tracked, { lastFrame: Math.max(dataset.frames.length - 1, 0), labels: dataset.labels });
}

/** Every image named by the subsets of data.yaml, in subset order then listing order. */
async function imageEntries(tree: FileTree, yaml: DataYaml, configPath: string, root: string, all: Set<string>, context: FormatContext): Promise<ImageEntry[]> {
  const entries: ImageEntry[] = [];
  const ignore = (key: string, why: string): void => context.diagnostics.warn('field-ignored', `data.yaml key '${key}' ignored: ${why}`, { file: configPath });
  for (const [key, value] of Object.entries(yaml)) {
    if (NON_SUBSET_KEYS.has(key)) continue;
    const values = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
    if (!values || values.length === 0) {
      ignore(key, value === null || value === undefined ? 'no value' : 'not a path or a list of paths');
      continue;
    }
    for (const raw of values) {
      const path = subsetPath(raw);
      if (path === undefined) {
        ignore(key, `'${raw}' is not a path inside the dataset`);
        continue;
      }
      const full = joinPath(root, path);
      if (Array.isArray(value)) {
        // A YAML list names images, like a list file: the image files themselves may be absent.
        entries.push({ subset: key, path, source: { file: configPath } });
      } else if (path.endsWith('.txt') && all.has(full)) {
        const rows = (await tree.readText(full)).split('\n');
        rows.forEach((row, index) => {
          if (row.trim() === '') return;
          entries.push({ subset: key, path: normalizeListedPath(row), source: { file: full, line: index + 1 } });
        });
      } else if (all.has(full)) {
        entries.push({ subset: key, path, source: { file: configPath } });
      } else {
        const prefix = `${full}/`;
        const found = [...all].filter((candidate) => candidate.startsWith(prefix) && isImagePath(candidate)).sort();
        if (found.length === 0) {
          ignore(key, `'${raw}' names no list file and no image folder in the dataset`);
          continue;
        }
        for (const image of found) entries.push({ subset: key, path: root ? image.slice(root.length + 1) : image, source: { file: configPath } });
      }
    }
  }
  return entries;
}

/** A subset value as a dataset-relative path; Roboflow writes `../train/images` relative to its yaml's folder. */
function subsetPath(raw: string): string | undefined {
  if (raw.includes('://') || raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) return undefined;
  let path = normalizeListedPath(raw);
  while (path.startsWith('../')) path = path.slice(3);
  path = path.replace(/\/+$/, '');
  return path === '' || path === '.' ? undefined : path;
}
