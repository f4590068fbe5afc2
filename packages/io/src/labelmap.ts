// The VOC-style text files PASCAL VOC and Segmentation mask share: `labelmap.txt` (`name:r,g,b:parts:actions` per
// line, parsed with Datumaro's rules, written as CVAT does, and the default VOC map used when it is absent) and the
// `ImageSets/<task>/*.txt` lists (item ids, and `<id> ±1` per-class lists).
import { ParseError } from '@annoconv/core';
import { rgbKey, vocPaletteColor, type Rgb } from './voc-palette.js';

export interface LabelmapEntry {
  name: string;
  /** Absent when the line leaves the colour field empty (`name:::`). */
  color?: Rgb;
  parts: string[];
  actions: string[];
}

/** The header line CVAT's exporters write first. */
export const LABELMAP_HEADER = '# label:color_rgb:parts:actions';

function commaList(field: string): string[] {
  return field === '' ? [] : field.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * Parses a label map. Blank lines and lines starting with `#` are skipped; every other line must have exactly four
 * `:`-separated fields (Datumaro's `parse_label_map`, so an inline `# comment` is not supported and ends up in the
 * actions field); a colour has three integers 0..255; a repeated name is an error.
 */
export function parseLabelmap(text: string, file = 'labelmap.txt'): LabelmapEntry[] {
  const entries: LabelmapEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = { file, line: index + 1 };
    const fields = line.split(':');
    if (fields.length !== 4) throw new ParseError(`label map line must have 4 ':'-separated fields (name:r,g,b:parts:actions), found ${fields.length}`, where);
    const [name, colorField, partsField, actionsField] = fields as [string, string, string, string];
    if (name === '') throw new ParseError('label map line has an empty label name', where);
    if (seen.has(name)) throw new ParseError(`label '${name}' is declared twice in the label map`, where);
    seen.add(name);
    const entry: LabelmapEntry = { name, parts: commaList(partsField), actions: commaList(actionsField) };
    if (colorField.trim() !== '') {
      const channels = colorField.split(',').map((channel) => channel.trim());
      const values = channels.map(Number);
      if (channels.length !== 3 || values.some((value, position) => channels[position] === '' || !Number.isInteger(value) || value < 0 || value > 255))
        throw new ParseError(`label '${name}' has colour '${colorField}', expected three integers 0..255 'r,g,b'`, where);
      entry.color = [values[0]!, values[1]!, values[2]!];
    }
    entries.push(entry);
  }
  return entries;
}

/** Writes a label map as CVAT does: the header, then `name:r,g,b:parts:actions` lines, ending with a newline. */
export function formatLabelmap(entries: readonly LabelmapEntry[]): string {
  const lines = [LABELMAP_HEADER];
  for (const entry of entries) {
    const color = entry.color ? entry.color.join(',') : '';
    lines.push(`${entry.name}:${color}:${entry.parts.join(',')}:${entry.actions.join(',')}`);
  }
  return lines.join('\n') + '\n';
}

/** The 20 VOC classes in VOC's class-index order, after `background` (index 0). */
export const VOC_CLASS_NAMES: readonly string[] = [
  'background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
  'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor',
];
/** VOC body parts (Layout task) of `person`. */
export const VOC_BODY_PARTS: readonly string[] = ['head', 'hand', 'foot'];
/** VOC actions (Action task) of `person`. */
export const VOC_ACTIONS: readonly string[] = [
  'other', 'jumping', 'phoning', 'playinginstrument', 'reading', 'ridingbike', 'ridinghorse', 'running', 'takingphoto',
  'usingcomputer', 'walking',
];

/**
 * The label map Datumaro assumes when a VOC dataset has neither `labelmap.txt` nor `dataset_meta.json`: the 21
 * classes with the VOC palette colour of their index, `person` with its parts and actions, and `ignored` (VOC's
 * 255 border value, colour 224,224,192).
 */
export function vocDefaultLabelmap(): LabelmapEntry[] {
  const entries: LabelmapEntry[] = VOC_CLASS_NAMES.map((name, index) => ({ name, color: vocPaletteColor(index), parts: [], actions: [] }));
  const person = entries.find((entry) => entry.name === 'person')!;
  person.parts = [...VOC_BODY_PARTS];
  person.actions = [...VOC_ACTIONS];
  entries.push({ name: 'ignored', color: vocPaletteColor(255), parts: [], actions: [] });
  return entries;
}

/** An item id of an image-set list, with the line it came from. */
export interface VocListItem {
  id: string;
  line: number;
}

/**
 * Reads an `ImageSets/<task>/<subset>.txt` list as Datumaro does: one item id per line, blank and `#` lines skipped.
 * In Main, Segmentation and Action lists the id is the whole (trimmed) line, so it may hold spaces; in Layout lists
 * it is the text between double quotes, else the first whitespace-separated token (an object count may follow).
 */
export function parseVocImageSet(text: string, file: string, options: { layout?: boolean } = {}): VocListItem[] {
  const items: VocListItem[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!options.layout) {
      items.push({ id: line, line: index + 1 });
    } else if (line.includes('"')) {
      const parts = line.split('"');
      if (parts.length !== 3) throw new ParseError('unexpected number of quotes in the item id, expected 0 or 2', { file, line: index + 1 });
      items.push({ id: parts[1]!, line: index + 1 });
    } else {
      items.push({ id: line.split(/\s+/)[0]!, line: index + 1 });
    }
  }
  return items;
}

/** Writes an image-set list: one id per line; Layout lists quote an id that holds whitespace, as Datumaro does. */
export function formatVocImageSet(ids: readonly string[], options: { layout?: boolean } = {}): string {
  return ids.map((id) => (options.layout && /\s/.test(id) ? `"${id}"` : id) + '\n').join('');
}

/** A line of a per-class list `ImageSets/Main/<label>_<subset>.txt`: the item has the label (1) or not (-1, 0). */
export interface VocClassListItem extends VocListItem {
  present: boolean;
}

/** Reads a per-class list; each line is `<id> <1|0|-1>`. */
export function parseVocClassList(text: string, file: string): VocClassListItem[] {
  const items: VocClassListItem[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    // The flag is the last token; the id is everything before it (ids may hold spaces).
    const match = /^(.+?)\s+(-?\d+)$/.exec(line);
    if (!match || !['1', '0', '-1'].includes(match[2]!)) throw new ParseError(`expected '<item id> 1' or '<item id> -1', found '${line}'`, { file, line: index + 1 });
    items.push({ id: match[1]!, present: match[2] === '1', line: index + 1 });
  }
  return items;
}

/** Writes a per-class list as CVAT does: `<id>  1` for items with the label, `<id> -1` for the others. */
export function formatVocClassList(items: ReadonlyArray<{ id: string; present: boolean }>): string {
  return items.map((item) => `${item.id} ${item.present ? ' 1' : '-1'}\n`).join('');
}

/** The four VOC task folders under `ImageSets/`. */
export const VOC_IMAGE_SET_TASKS = ['Main', 'Segmentation', 'Layout', 'Action'] as const;
export type VocImageSetTask = (typeof VOC_IMAGE_SET_TASKS)[number];

/** A list file found under `ImageSets/<task>/`, split into subset lists and per-class (`_`) lists. */
export interface VocListFile {
  path: string;
  task: VocImageSetTask;
  /** The file name without `.txt`. */
  name: string;
}

/**
 * Finds the VOC root of a tree (the folder holding `ImageSets/` or `Annotations/`, possibly nested one or more
 * folders deep, as in an archive of a folder) and its list files. Returns undefined when there is no such folder.
 */
export function findVocLayout(paths: readonly string[]): { root: string; lists: VocListFile[] } | undefined {
  let root: string | undefined;
  const pattern = /^(.*?)(?:ImageSets\/(?:Main|Segmentation|Layout|Action)\/[^/]+\.txt|Annotations\/.+\.xml|SegmentationClass\/.+\.png)$/;
  for (const path of paths) {
    const match = pattern.exec(path);
    if (!match) continue;
    const prefix = match[1]!;
    if (prefix !== '' && !prefix.endsWith('/')) continue;
    if (root === undefined || prefix.length < root.length) root = prefix;
  }
  if (root === undefined) return undefined;
  const lists: VocListFile[] = [];
  for (const path of paths) {
    if (!path.startsWith(root)) continue;
    const match = /^ImageSets\/(Main|Segmentation|Layout|Action)\/([^/]+)\.txt$/.exec(path.slice(root.length));
    if (match) lists.push({ path, task: match[1] as VocImageSetTask, name: match[2]! });
  }
  lists.sort((a, b) => VOC_IMAGE_SET_TASKS.indexOf(a.task) - VOC_IMAGE_SET_TASKS.indexOf(b.task) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { root, lists };
}

/**
 * The label map of a VOC-style dataset: `labelmap.txt` when present, else Datumaro's default VOC map. A file that
 * declares no colour at all gets the VOC palette colour of each line's position, as Datumaro does.
 */
export function labelmapOrDefault(text: string | undefined, file: string): LabelmapEntry[] {
  if (text === undefined) return vocDefaultLabelmap();
  const entries = parseLabelmap(text, file);
  if (entries.length > 0 && entries.every((entry) => !entry.color)) entries.forEach((entry, index) => (entry.color = vocPaletteColor(index)));
  return entries;
}

/** Colour → label-map index for class masks; a colour declared twice maps to its first label. */
export function labelmapColorLookup(entries: readonly LabelmapEntry[]): Map<number, number> {
  const lookup = new Map<number, number>();
  entries.forEach((entry, index) => {
    if (!entry.color) return;
    const key = rgbKey(...entry.color);
    if (!lookup.has(key)) lookup.set(key, index);
  });
  return lookup;
}
