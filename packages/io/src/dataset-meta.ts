// Datumaro's optional `dataset_meta.json` side file: a label list (and mask colours) that, when present, replaces a
// format's own label source. Read with Datumaro's two rules — the common `parse_meta_file` and the VOC importer's
// own `parse_from_meta_file`.
import { ParseError, type DiagnosticBag, type FileTree } from '@annoconv/core';
import { OrderedJsonObject, parseOrderedJson, type OrderedJson } from './dataset-meta-json.js';
import type { LabelmapEntry } from './labelmap.js';
import type { Rgb } from './voc-palette.js';

/** The file's name; importers look for it in one folder of the dataset each (see the format pages). */
export const DATASET_META_FILE = 'dataset_meta.json';

/**
 * How the label list is built from the file.
 * - `common` — Datumaro's `parse_meta_file` (COCO, YOLO, KITTI, MOT, MOTS): `labels` first, then every
 *   `label_map` value not yet listed, in file order; a `label_map` entry `"i": name` takes colour
 *   `segmentation_colors[i]`.
 * - `voc` — the VOC importer's `parse_from_meta_file`: the same order, but the n-th `label_map` entry takes the
 *   n-th colour (by position, as its own writer lists colours only for coloured labels), and `parts` / `actions`
 *   (keyed by the label's index in `labels`) are read.
 */
export type DatasetMetaRule = 'common' | 'voc';

export interface DatasetMeta {
  file: string;
  /** Labels in Datumaro's order; a label without colour has none. `parts` / `actions` are only read by the `voc` rule. */
  labels: LabelmapEntry[];
  /**
   * The label `background_label` names (Datumaro's writers put the background's name or its index there), as an
   * index into `labels`. Datumaro's readers never read it: a format finds its background as it always does.
   */
  background?: number;
  /** `label_categories` ([name, parent] pairs), which only the YOLO pose importer reads. */
  labelCategories?: Array<{ name: string; parent: string }>;
  /** `point_categories` ([label index, point names, joints] triples), which only the YOLO pose importer reads. */
  pointCategories?: Array<{ label: number; points: string[]; joints: Array<[number, number]> }>;
}

export interface DatasetMetaOptions {
  rule?: DatasetMetaRule;
  diagnostics?: DiagnosticBag;
}

/** The path of `dataset_meta.json` in a folder given as '' (the root) or with a trailing '/'. */
export function datasetMetaPath(folder: string): string {
  return folder === '' || folder.endsWith('/') ? `${folder}${DATASET_META_FILE}` : `${folder}/${DATASET_META_FILE}`;
}

/** Reads `<folder>/dataset_meta.json` when the tree has it; undefined otherwise. */
export async function readDatasetMeta(tree: FileTree, folder: string, options: DatasetMetaOptions = {}): Promise<DatasetMeta | undefined> {
  const path = datasetMetaPath(folder);
  if (!tree.has(path)) return undefined;
  return parseDatasetMeta(await tree.readText(path), path, options);
}

function typeName(value: OrderedJson | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof OrderedJsonObject) return 'an object';
  return `a ${typeof value}`;
}

/**
 * Parses and checks the file. Bad JSON, a field of the wrong type, a colour that is not three integers 0..255 and a
 * `label_map` entry whose colour index is past `segmentation_colors` (an IndexError in Datumaro) are ParseErrors
 * with the JSON path. Fields Datumaro does not read are ignored; a label listed twice keeps its first place.
 */
export function parseDatasetMeta(text: string, file: string, options: DatasetMetaOptions = {}): DatasetMeta {
  const rule = options.rule ?? 'common';
  const root = parseOrderedJson(text, file);
  const fail = (message: string, jsonPath: string): never => {
    throw new ParseError(message, { file, jsonPath });
  };
  if (!(root instanceof OrderedJsonObject)) return fail(`expected an object, found ${typeName(root)}`, '$');

  const stringList = (value: OrderedJson | undefined, jsonPath: string): string[] => {
    if (!Array.isArray(value)) return fail(`expected an array of names, found ${typeName(value)}`, jsonPath);
    return value.map((item, index) => (typeof item === 'string' ? item : fail(`expected a name (string), found ${typeName(item)}`, `${jsonPath}[${index}]`)));
  };
  const object = (key: string): OrderedJsonObject | undefined => {
    const value = root.get(key);
    if (value === undefined) return undefined;
    if (!(value instanceof OrderedJsonObject)) return fail(`expected an object, found ${typeName(value)}`, `$.${key}`);
    return value;
  };

  const labelNames = root.has('labels') ? stringList(root.get('labels'), '$.labels') : [];
  const labelMap = object('label_map');
  const colorsValue = root.get('segmentation_colors');
  if (colorsValue !== undefined && !Array.isArray(colorsValue)) fail(`expected an array of [r, g, b] colours, found ${typeName(colorsValue)}`, '$.segmentation_colors');
  const colors = (colorsValue as OrderedJson[] | undefined) ?? [];
  const colorAt = (index: number, referrer: string): Rgb | undefined => {
    if (index >= colors.length) return fail(`${referrer} needs colour ${index}, but segmentation_colors has ${colors.length}`, '$.segmentation_colors');
    const value = colors[index]!;
    if (value === null) return undefined;
    const jsonPath = `$.segmentation_colors[${index}]`;
    if (!Array.isArray(value) || value.length !== 3 || value.some((channel) => typeof channel !== 'number' || !Number.isInteger(channel) || channel < 0 || channel > 255))
      return fail('expected a colour [r, g, b] of three integers 0..255', jsonPath);
    return [value[0] as number, value[1] as number, value[2] as number];
  };
  // Datumaro uses colours only when at least one entry is not null (`any(colors)`).
  const useColors = colors.some((value) => value !== null);

  const labels: LabelmapEntry[] = [];
  const byName = new Map<string, LabelmapEntry>();
  const add = (name: string, where: string): LabelmapEntry => {
    let entry = byName.get(name);
    if (entry) {
      if (where.startsWith('$.labels')) options.diagnostics?.info('duplicate', `label '${name}' is listed twice; the first place is kept`, { file, jsonPath: where });
      return entry;
    }
    entry = { name, parts: [], actions: [] };
    byName.set(name, entry);
    labels.push(entry);
    return entry;
  };

  const parts = rule === 'voc' ? object('parts') : undefined;
  const actions = rule === 'voc' ? object('actions') : undefined;
  labelNames.forEach((name, index) => {
    const entry = add(name, `$.labels[${index}]`);
    if (rule !== 'voc') return;
    // A name listed again takes the parts and actions of its last index (Datumaro reassigns the dict entry).
    const key = String(index);
    entry.parts = parts?.has(key) ? stringList(parts.get(key), `$.parts["${key}"]`) : [];
    entry.actions = actions?.has(key) ? stringList(actions.get(key), `$.actions["${key}"]`) : [];
  });

  (labelMap?.members ?? []).forEach(([key, name], position) => {
    const jsonPath = `$.label_map["${key}"]`;
    if (typeof name !== 'string') fail(`expected a label name (string), found ${typeName(name)}`, jsonPath);
    const entry = add(name as string, jsonPath);
    if (rule === 'voc') {
      if (useColors) {
        const color = colorAt(position, `label_map entry ${position + 1} ('${name as string}')`);
        if (color) entry.color = color;
      }
      return;
    }
    // `parse_meta_file` resets the colour of a name met again, then reads it from `segmentation_colors[int(key)]`.
    delete entry.color;
    if (!useColors) return;
    if (!/^\s*\+?\d+\s*$/.test(key)) fail(`label_map key '${key}' is not a colour index`, jsonPath);
    const color = colorAt(Number.parseInt(key, 10), `label_map["${key}"] ('${name as string}')`);
    if (color) entry.color = color;
  });

  const meta: DatasetMeta = { file, labels };

  const backgroundValue = root.get('background_label');
  if (backgroundValue !== undefined && backgroundValue !== null) {
    const text = String(backgroundValue);
    let index = labels.findIndex((entry) => entry.name === text);
    if (index < 0 && /^\d+$/.test(text) && Number(text) < labels.length) index = Number(text);
    if (index >= 0) meta.background = index;
    else options.diagnostics?.info('field-ignored', `background_label '${text}' names no label; ignored`, { file, jsonPath: '$.background_label' });
  }

  const labelCategories = root.get('label_categories');
  if (labelCategories !== undefined) {
    if (!Array.isArray(labelCategories)) fail(`expected an array of [name, parent] pairs, found ${typeName(labelCategories)}`, '$.label_categories');
    meta.labelCategories = (labelCategories as OrderedJson[]).map((pair, index) => {
      const jsonPath = `$.label_categories[${index}]`;
      if (!Array.isArray(pair) || pair.length < 1 || pair.length > 2 || typeof pair[0] !== 'string' || (pair[1] !== undefined && pair[1] !== null && typeof pair[1] !== 'string'))
        return fail('expected [name, parent] with string name and parent', jsonPath);
      return { name: pair[0], parent: typeof pair[1] === 'string' ? pair[1] : '' };
    });
  }

  const pointCategories = root.get('point_categories');
  if (pointCategories !== undefined) {
    if (!Array.isArray(pointCategories)) fail(`expected an array of [label, points, joints] triples, found ${typeName(pointCategories)}`, '$.point_categories');
    meta.pointCategories = (pointCategories as OrderedJson[]).map((triple, index) => {
      const jsonPath = `$.point_categories[${index}]`;
      if (!Array.isArray(triple) || triple.length < 2 || triple.length > 3 || typeof triple[0] !== 'number' || !Number.isInteger(triple[0]) || triple[0] < 0)
        return fail('expected [label index, point names, joints]', jsonPath);
      const points = stringList(triple[1], `${jsonPath}[1]`);
      const jointsValue = triple[2] ?? [];
      if (!Array.isArray(jointsValue)) return fail(`expected an array of [from, to] joints, found ${typeName(jointsValue)}`, `${jsonPath}[2]`);
      const joints = jointsValue.map((joint, jointIndex): [number, number] => {
        if (!Array.isArray(joint) || joint.length !== 2 || joint.some((end) => typeof end !== 'number' || !Number.isInteger(end)))
          return fail('expected a joint [from, to] of two integers', `${jsonPath}[2][${jointIndex}]`);
        return [joint[0] as number, joint[1] as number];
      });
      return { label: triple[0], points, joints };
    });
  }
  return meta;
}
