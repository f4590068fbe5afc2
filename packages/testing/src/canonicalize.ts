// A canonical form of a Dataset for round-trip comparisons: a deep copy with a stable order of every list the
// model leaves unordered (objects, keyframes, elements, attributes), optionally without ids, and without the
// frames' image sources (functions, not data).
import type { AttributeVal, Dataset, Label, Shape, SubShape, SubTrack, Tag, Track, TrackedShape } from '@annoconv/core';

export interface CanonicalizeOptions {
  /** Remove annotation ids (default true): ids are assigned by whoever stores the data. */
  stripIds?: boolean;
  /** Remove label, sub-label and attribute-spec ids too, replacing references by names (default false). */
  byNames?: boolean;
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const left = a[index]!;
    const right = b[index]!;
    if (left === right) continue;
    if (typeof left === 'number' && typeof right === 'number') return left - right;
    return String(left) < String(right) ? -1 : 1;
  }
  return a.length - b.length;
}

function sortBy<T>(list: readonly T[], key: (item: T) => (string | number)[]): T[] {
  return list
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

function attributes(list: readonly AttributeVal[]): AttributeVal[] {
  return sortBy(list, (attribute) => [attribute.spec_id, attribute.value]).map((attribute) => ({ spec_id: attribute.spec_id, value: attribute.value }));
}

export function canonicalize(dataset: Dataset, options: CanonicalizeOptions = {}): Dataset {
  const stripIds = options.stripIds ?? true;
  const id = <T extends { id: number | null }>(value: T): T => (stripIds ? { ...value, id: null } : value);
  const subShape = (shape: SubShape): SubShape =>
    id({ id: shape.id, label_id: shape.label_id, type: shape.type, frame: shape.frame, group: shape.group ?? 0, source: shape.source, score: shape.score, occluded: shape.occluded, outside: shape.outside, z_order: shape.z_order, rotation: shape.rotation, points: [...shape.points], attributes: attributes(shape.attributes) });
  const shape = (value: Shape): Shape => ({ ...subShape(value), elements: sortBy(value.elements.map(subShape), (element) => [element.label_id, element.frame, JSON.stringify(element.points)]) });
  const trackedShape = (value: TrackedShape): TrackedShape =>
    id({ id: value.id, type: value.type, frame: value.frame, occluded: value.occluded, outside: value.outside, z_order: value.z_order, rotation: value.rotation, points: [...value.points], attributes: attributes(value.attributes) });
  const subTrack = (value: SubTrack): SubTrack =>
    id({ id: value.id, label_id: value.label_id, frame: value.frame, group: value.group ?? 0, source: value.source, shapes: sortBy(value.shapes.map(trackedShape), (item) => [item.frame]), attributes: attributes(value.attributes) });
  const track = (value: Track): Track => ({ ...subTrack(value), elements: sortBy(value.elements.map(subTrack), (element) => [element.label_id, element.frame]) });
  const tag = (value: Tag): Tag => id({ id: value.id, label_id: value.label_id, frame: value.frame, group: value.group ?? 0, source: value.source, attributes: attributes(value.attributes) });
  const labels: Label[] = dataset.labels.map((label) => structuredClone({ ...label }));
  const result: Dataset = {
    labels,
    frames: sortBy(dataset.frames, (frame) => [frame.index]).map((frame) => {
      const copy: Dataset['frames'][number] = { index: frame.index, name: frame.name, subset: frame.subset ?? '' };
      if (frame.width !== undefined) copy.width = frame.width;
      if (frame.height !== undefined) copy.height = frame.height;
      return copy;
    }),
    meta: structuredClone(dataset.meta),
    annotations: {
      version: 0,
      tags: sortBy(dataset.annotations.tags.map(tag), (value) => [value.frame, value.label_id, JSON.stringify(value.attributes), value.group ?? 0]),
      shapes: sortBy(dataset.annotations.shapes.map(shape), (value) => [value.frame, value.label_id, value.type, JSON.stringify(value.points), value.z_order, JSON.stringify(value)]),
      tracks: sortBy(dataset.annotations.tracks.map(track), (value) => [value.frame, value.label_id, JSON.stringify(value.shapes[0]?.points ?? []), JSON.stringify(value)]),
    },
  };
  return options.byNames ? replaceIdsByNames(result) : result;
}

/** Label and spec references by name, for comparing datasets whose readers numbered labels differently. */
function replaceIdsByNames(dataset: Dataset): Dataset {
  const labelNames = new Map<number, string>();
  const specNames = new Map<number, string>();
  for (const label of dataset.labels) {
    labelNames.set(label.id, label.name);
    for (const spec of label.attributes) specNames.set(spec.id, `${label.name}.${spec.name}`);
    for (const sublabel of label.sublabels) {
      labelNames.set(sublabel.id, `${label.name}.${sublabel.name}`);
      for (const spec of sublabel.attributes) specNames.set(spec.id, `${label.name}.${sublabel.name}.${spec.name}`);
    }
  }
  const text = JSON.stringify(dataset.annotations, (key, value: unknown) => {
    if (key === 'label_id' && typeof value === 'number') return labelNames.get(value) ?? value;
    if (key === 'spec_id' && typeof value === 'number') return specNames.get(value) ?? value;
    return value;
  });
  const strip = (value: unknown): unknown => (Array.isArray(value) ? value.map(strip) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id' && key !== 'parent_id').map(([key, item]) => [key, strip(item)])) : value);
  const sortAgain = JSON.parse(text) as Dataset['annotations'];
  const by = (value: unknown): string => JSON.stringify(value);
  sortAgain.tags.sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0));
  sortAgain.shapes.sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0));
  sortAgain.tracks.sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0));
  return { ...dataset, labels: strip(dataset.labels) as Label[], annotations: sortAgain };
}
