// The label map CVAT's VOC exporter writes (its "source" label map): every label and sub-label in creation order,
// `background` first (added when absent), VOC palette colours by position — not the CVAT label colours.
import type { Dataset } from '@annoconv/core';
import { vocPaletteColor, type LabelmapEntry } from '@annoconv/io';

export function vocLabelmapForWrite(dataset: Dataset): LabelmapEntry[] {
  const names: string[] = [];
  for (const label of dataset.labels) {
    names.push(label.name);
    for (const sublabel of label.sublabels) names.push(sublabel.name);
  }
  // Datumaro's source label map always starts with `background` (index 0, black), wherever the task has it.
  const unique = ['background', ...new Set(names.filter((name) => name !== 'background'))];
  return unique.map((name, index) => ({ name, color: vocPaletteColor(index), parts: [], actions: [] }));
}
