// Test helper of the LabelMe tests: a canonical view of a dataset's shapes, compared across a LabelMe round trip.
import type { Dataset } from '@annoconv/core';
import { cvatMaskToBitmap } from '@annoconv/geometry';

/**
 * A dataset's shapes in a form that survives LabelMe: per shape its frame, label, type, geometry (masks as pixel
 * lists), occluded, attributes by name, and its group as the sorted labels of its members.
 */
export function canonicalShapes(dataset: Dataset, options: { skipAttributes?: string[] } = {}): string[] {
  const labelOf = new Map(dataset.labels.map((label) => [label.id, label]));
  const groups = new Map<string, string[]>();
  for (const shape of dataset.annotations.shapes) {
    if (!shape.group) continue;
    const key = `${shape.frame}:${shape.group}`;
    groups.set(key, [...(groups.get(key) ?? []), labelOf.get(shape.label_id)!.name].sort());
  }
  return dataset.annotations.shapes.map((shape) => {
    const frame = dataset.frames[shape.frame]!;
    const label = labelOf.get(shape.label_id)!;
    const geometry = shape.type === 'mask'
      ? [...cvatMaskToBitmap(shape.points, frame.height!, frame.width!).entries()].filter(([, value]) => value).map(([index]) => index).join(',')
      : shape.points.map((value) => value.toFixed(2)).join(',');
    const attributes = shape.attributes
      .map((attribute) => [label.attributes.find((spec) => spec.id === attribute.spec_id)!.name, attribute.value] as const)
      .filter(([name]) => !options.skipAttributes?.includes(name))
      .map(([name, value]) => `${name}=${value}`).sort().join(';');
    const group = shape.group ? groups.get(`${shape.frame}:${shape.group}`)!.join('+') : '';
    return `${frame.subset || 'default'}/${frame.name}|${label.name}|${shape.type}|${geometry}|${shape.occluded}|${shape.rotation}|${attributes}|${group}`;
  }).sort();
}
