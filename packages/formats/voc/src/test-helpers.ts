// Test helpers of the VOC tests: a canonical view of a dataset for comparisons (labels by name, attributes by name
// with defaults filled, frames by name), so round trips compare meaning, not ids.
import { indexAttributeSpecs, indexLabels, type Dataset, type Shape } from '@annoconv/core';

export interface CanonicalShape {
  frame: string;
  label: string;
  type: string;
  points: number[];
  occluded: boolean;
  rotation: number;
  attributes: Record<string, string>;
}

/** Every shape (tracks expanded by the caller if needed) as label names and attribute names. */
export function canonicalShapes(dataset: Dataset, shapes: readonly Shape[] = dataset.annotations.shapes, options: { attributes?: boolean } = {}): CanonicalShape[] {
  const labels = indexLabels(dataset.labels);
  const specs = indexAttributeSpecs(dataset.labels);
  const frames = new Map(dataset.frames.map((frame) => [frame.index, `${frame.subset}/${frame.name}`]));
  const result = shapes.map((item) => {
    const label = labels.get(item.label_id)!;
    const attributes: Record<string, string> = {};
    if (options.attributes !== false) {
      for (const spec of label.attributes) attributes[spec.name] = spec.default_value;
      for (const value of item.attributes) attributes[specs.get(value.spec_id)!.spec.name] = value.value;
    }
    return { frame: frames.get(item.frame)!, label: label.name, type: item.type, points: [...item.points], occluded: item.occluded, rotation: item.rotation, attributes };
  });
  return result.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export function canonicalTags(dataset: Dataset): string[] {
  const labels = indexLabels(dataset.labels);
  const frames = new Map(dataset.frames.map((frame) => [frame.index, `${frame.subset}/${frame.name}`]));
  return dataset.annotations.tags.map((tag) => `${frames.get(tag.frame)}:${labels.get(tag.label_id)!.name}`).sort();
}
