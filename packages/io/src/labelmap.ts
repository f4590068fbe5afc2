// The VOC-style `labelmap.txt` (`name:r,g,b:parts:actions` per line) that PASCAL VOC and Segmentation mask share:
// parsing with Datumaro's rules, writing as CVAT does, and the default VOC label map used when the file is absent.
import { ParseError } from '@annoconv/core';
import { vocPaletteColor, type Rgb } from './voc-palette.js';

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
