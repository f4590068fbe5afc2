// `dataset_meta.json` as Datumaro's VOC exporter writes it with `--save-dataset-meta` (`VocLabelMap
// .dump_to_meta_file`), in place of `labelmap.txt`. CVAT never asks for it; annoconv writes it on request.
import type { LabelmapEntry } from './labelmap.js';

/**
 * The file for a VOC label map, byte for byte as Datumaro's compact JSON writer prints it: `labels` (every name),
 * then — when some label has a colour — `label_map` ("<index>": name of each coloured label), `segmentation_colors`
 * (their colours, packed in the same order) and `background_label` (the first black label, else one named
 * `background`), then `parts` and `actions` ("<index>": names, for every label). No final newline.
 */
export function formatVocDatasetMeta(entries: readonly LabelmapEntry[]): string {
  const document: Record<string, unknown> = { labels: entries.map((entry) => entry.name) };
  const labelMap: Record<string, string> = {};
  const colors: number[][] = [];
  entries.forEach((entry, index) => {
    if (!entry.color) return;
    labelMap[String(index)] = entry.name;
    colors.push([...entry.color]);
  });
  if (colors.length > 0) {
    document.label_map = labelMap;
    document.segmentation_colors = colors;
    const black = entries.find((entry) => entry.color && entry.color[0] === 0 && entry.color[1] === 0 && entry.color[2] === 0);
    const background = black?.name ?? entries.find((entry) => entry.name === 'background')?.name;
    if (background) document.background_label = background;
  }
  // Datumaro tests `any(parts)` on a dict keyed "0", "1", …: true as soon as there is a label.
  if (entries.length > 0) {
    document.parts = Object.fromEntries(entries.map((entry, index) => [String(index), [...entry.parts]]));
    document.actions = Object.fromEntries(entries.map((entry, index) => [String(index), [...entry.actions]]));
  }
  return JSON.stringify(document);
}
