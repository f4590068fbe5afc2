// The label map of a VOC dataset on read (labelmap.txt, else Datumaro's default VOC map) and on write (CVAT's
// source label map: every label and sub-label in creation order, `background` first when absent, VOC palette
// colours by position).
import type { Dataset } from '@annoconv/core';
import { parseLabelmap, rgbKey, vocDefaultLabelmap, vocPaletteColor, type LabelmapEntry, type Rgb } from '@annoconv/io';

export function rgbToHex([red, green, blue]: Rgb): string {
  return `#${((1 << 24) | (red << 16) | (green << 8) | blue).toString(16).slice(1)}`;
}

export function hexToRgb(hex: string): Rgb | undefined {
  const match = /^#?([0-9a-fA-F]{6})$/.exec(hex.trim());
  if (!match) return undefined;
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Reads `labelmap.txt` when present, else the default VOC map; entries without any colour get palette colours. */
export function readLabelmap(text: string | undefined, file: string): { entries: LabelmapEntry[]; fromFile: boolean } {
  if (text === undefined) return { entries: vocDefaultLabelmap(), fromFile: false };
  const entries = parseLabelmap(text, file);
  // Datumaro colours a map that declares no colour at all with the VOC palette by position.
  if (entries.length > 0 && entries.every((entry) => !entry.color)) entries.forEach((entry, index) => (entry.color = vocPaletteColor(index)));
  return { entries, fromFile: true };
}

/** Colour → label-map index for class masks; a colour declared twice maps to its first label. */
export function classColorLookup(entries: readonly LabelmapEntry[]): Map<number, number> {
  const lookup = new Map<number, number>();
  entries.forEach((entry, index) => {
    if (entry.color && !lookup.has(rgbKey(...entry.color))) lookup.set(rgbKey(...entry.color), index);
  });
  return lookup;
}

/** The label map CVAT's VOC exporter writes: label names in dataset order, `background` prepended, palette colours. */
export function vocLabelmapForWrite(dataset: Dataset): LabelmapEntry[] {
  const names: string[] = [];
  for (const label of dataset.labels) {
    names.push(label.name);
    for (const sublabel of label.sublabels) names.push(sublabel.name);
  }
  const unique = [...new Set(names)];
  if (!unique.includes('background')) unique.unshift('background');
  return unique.map((name, index) => ({ name, color: vocPaletteColor(index), parts: [], actions: [] }));
}
