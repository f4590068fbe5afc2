// `dataset_meta.json` as Datumaro's exporters write it with `--save-dataset-meta`: the common `save_meta_file` over
// the categories CVAT hands Datumaro, and the VOC exporter's own `VocLabelMap.dump_to_meta_file` (in place of
// `labelmap.txt`). CVAT never asks for the file; annoconv writes it on request.
import { skeletonLayout, type Label } from '@annoconv/core';
import type { LabelmapEntry } from './labelmap.js';

/**
 * The file `save_meta_file` writes for a CVAT label list (CVAT's categories have labels and skeleton points, no mask
 * colours): `labels` (every label, each skeleton's points right after it, as CVAT lists them), `label_categories`
 * ([name, parent], parent '' for a top-level label) and, when there are skeletons, `point_categories` ([index of the
 * skeleton in `labels`, point names in the skeleton's SVG order, joints as the SVG's node ids]). Indented by two
 * spaces like Datumaro's writer, no final newline.
 */
export function formatDatasetMeta(labels: readonly Label[]): string {
  const names: string[] = [];
  const categories: Array<[string, string]> = [];
  const points: Array<[number, string[], Array<[number, number]>]> = [];
  for (const label of labels) {
    const index = names.length;
    names.push(label.name);
    categories.push([label.name, '']);
    if (label.type === 'skeleton') {
      // CVAT reads the joints' node ids straight from the SVG's <line data-node-from data-node-to>.
      const joints: Array<[number, number]> = [];
      for (const match of (label.svg ?? '').matchAll(/<line\b[^>]*>/g)) {
        const from = /data-node-from="(\d+)"/.exec(match[0]);
        const to = /data-node-to="(\d+)"/.exec(match[0]);
        if (from && to) joints.push([Number(from[1]), Number(to[1])]);
      }
      points.push([index, skeletonLayout(label).sublabels.map((sublabel) => sublabel.name), joints]);
    }
    for (const sublabel of label.sublabels) {
      names.push(sublabel.name);
      categories.push([sublabel.name, label.name]);
    }
  }
  const document: Record<string, unknown> = { labels: names, label_categories: categories };
  if (points.length > 0) document.point_categories = points;
  return JSON.stringify(document, null, 2);
}

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
