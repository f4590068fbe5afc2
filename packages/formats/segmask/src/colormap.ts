// The label map CVAT's Segmentation mask exporter builds (`make_colormap`): every label with its CVAT colour,
// `background` (0,0,0) added when no label has that name, sorted by name in Python's string order, so class indices
// are alphabetical; the background class is the first black entry, else the one named `background`.
import type { Dataset, DiagnosticBag } from '@annoconv/core';
import { hexToRgb, rgbKey, vocPaletteColor, type LabelmapEntry } from '@annoconv/io';

export interface SegmaskColormap {
  entries: LabelmapEntry[];
  /** Label name → class index (position in `entries`). */
  classIndex: Map<string, number>;
  background: number;
}

export function segmaskColormap(dataset: Dataset, diagnostics: DiagnosticBag): SegmaskColormap {
  const colors = new Map<string, [number, number, number]>();
  let fallback = 1;
  const add = (name: string, color: string): void => {
    if (colors.has(name)) return;
    let rgb = hexToRgb(color);
    if (!rgb) {
      rgb = vocPaletteColor(fallback++);
      diagnostics.warn('value-coerced', `label '${name}' has no usable colour ('${color}'); its masks are painted ${rgb.join(',')}`, { objectKind: 'label', objectId: name });
    }
    colors.set(name, rgb);
  };
  for (const label of dataset.labels) {
    add(label.name, label.color);
    for (const sublabel of label.sublabels) add(sublabel.name, sublabel.color);
  }
  if (!colors.has('background')) colors.set('background', [0, 0, 0]);
  // Python sorts str by code point; comparing UTF-16 code units agrees for every name without astral characters.
  const names = [...colors.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = names.map((name) => ({ name, color: colors.get(name)!, parts: [], actions: [] }));
  const seen = new Map<number, string>();
  for (const entry of entries) {
    const key = rgbKey(...entry.color);
    const other = seen.get(key);
    if (other !== undefined) diagnostics.warn('label-color-collision', `labels '${other}' and '${entry.name}' share colour ${entry.color.join(',')}; their masks cannot be told apart on import (cvat#6274)`, { file: 'labelmap.txt', objectKind: 'label', objectId: entry.name });
    else seen.set(key, entry.name);
  }
  const black = entries.findIndex((entry) => rgbKey(...entry.color) === 0);
  const background = black >= 0 ? black : names.indexOf('background');
  return { entries, classIndex: new Map(names.map((name, index) => [name, index])), background };
}
