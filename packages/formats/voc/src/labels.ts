// The label map CVAT's VOC exporter writes (its "source" label map): every label and sub-label in creation order,
// `background` prepended when absent, VOC palette colours by position — not the CVAT label colours.
import type { Dataset } from '@annoconv/core';
import { vocPaletteColor, type LabelmapEntry } from '@annoconv/io';

export function vocLabelmapForWrite(dataset: Dataset): LabelmapEntry[] {
  const names: string[] = [];
  for (const label of dataset.labels) {
    names.push(label.name);
    for (const sublabel of label.sublabels) names.push(sublabel.name);
  }
  // Datumaro's source label map keeps the task's order and adds `background` in front only when the task has none;
  // colours then follow positions, so a task whose `background` is not first paints its first label black.
  const unique = [...new Set(names)];
  if (!unique.includes('background')) unique.unshift('background');
  return unique.map((name, index) => ({ name, color: vocPaletteColor(index), parts: [], actions: [] }));
}
