// Label remapping between reading and writing, as Datumaro's `remap_labels` transform does: a label may be renamed,
// merged into another (several names mapped to one), or deleted with its annotations (mapped to ''); labels the
// map does not name are kept, or deleted with `unmapped: 'delete'`. Ids of the labels and attribute specs that stay
// are kept, so nothing else in the dataset moves.
import type { AttributeSpec, AttributeVal, Dataset, FormatContext, Label, Sublabel } from '@annoconv/core';
import { AnnoconvError } from '@annoconv/core';

export interface RemapLabelsOptions {
  /** Old label name → new name; '' deletes the label and its annotations. */
  mapping: Readonly<Record<string, string>>;
  /** What happens to labels the mapping does not name (Datumaro's `--default`); `keep` unless given. */
  unmapped?: 'keep' | 'delete';
}

interface Plan {
  labels: Label[];
  /** Old label or sublabel id → new id; absent = deleted. */
  labelIds: Map<number, number>;
  /** Old attribute spec id → new spec id. */
  specIds: Map<number, number>;
}

const cloneSpec = (spec: AttributeSpec): AttributeSpec => ({ ...spec, values: [...spec.values] });

/** Adds `from`'s specs to `into`'s by name (a spec both have keeps `into`'s id and gains `from`'s values). */
function mergeSpecs(into: { attributes: AttributeSpec[] }, from: { attributes: AttributeSpec[] }, specIds: Map<number, number>): void {
  for (const spec of from.attributes) {
    const same = into.attributes.find((candidate) => candidate.name === spec.name);
    if (!same) {
      into.attributes.push(cloneSpec(spec));
      specIds.set(spec.id, spec.id);
      continue;
    }
    specIds.set(spec.id, same.id);
    for (const value of spec.values) if (!same.values.includes(value)) same.values.push(value);
  }
}

function plan(dataset: Dataset, options: RemapLabelsOptions, context: FormatContext): Plan {
  const mapping = new Map(Object.entries(options.mapping).map(([from, to]) => [from, to.trim()]));
  const names = new Set(dataset.labels.map((label) => label.name));
  for (const from of mapping.keys())
    if (!names.has(from)) context.diagnostics.warn('label-unknown', `the label map names '${from}', which the dataset has no label of`);
  const target = (label: Label): string | undefined => {
    const to = mapping.has(label.name) ? mapping.get(label.name)! : options.unmapped === 'delete' ? '' : label.name;
    return to === '' ? undefined : to;
  };
  // A target that is also a kept label's own name grows from that label (its id, colour, specs), else from the
  // first label mapped to it.
  const bases = new Map<string, Label>();
  for (const label of dataset.labels) if (target(label) === label.name) bases.set(label.name, label);
  for (const label of dataset.labels) {
    const to = target(label);
    if (to !== undefined && !bases.has(to)) bases.set(to, label);
  }

  const labelIds = new Map<number, number>();
  const specIds = new Map<number, number>();
  const merged = new Map<string, Label>();
  const sources = new Map<string, string[]>();
  for (const [to, base] of bases) {
    merged.set(to, { ...base, name: to, attributes: base.attributes.map(cloneSpec), sublabels: base.sublabels.map((sub) => ({ ...sub, attributes: sub.attributes.map(cloneSpec) })) });
    labelIds.set(base.id, base.id);
    for (const spec of base.attributes) specIds.set(spec.id, spec.id);
    for (const sub of base.sublabels) {
      labelIds.set(sub.id, sub.id);
      for (const spec of sub.attributes) specIds.set(spec.id, spec.id);
    }
  }
  let deleted = 0;
  for (const label of dataset.labels) {
    const to = target(label);
    if (to === undefined) {
      deleted++;
      continue;
    }
    sources.set(to, [...(sources.get(to) ?? []), label.name]);
    const into = merged.get(to)!;
    if (bases.get(to) === label) continue;
    labelIds.set(label.id, into.id);
    if (into.type !== label.type) into.type = 'any';
    mergeSpecs(into, label, specIds);
    mergeSublabels(into, label, labelIds, specIds);
  }
  for (const [to, from] of sources) {
    if (from.length > 1) context.diagnostics.info('label-remapped', `labels ${from.map((name) => `'${name}'`).join(', ')} merged into '${to}'`);
    else if (from[0] !== to) context.diagnostics.info('label-remapped', `label '${from[0]}' renamed '${to}'`);
  }
  if (deleted > 0) context.diagnostics.info('label-remapped', `${deleted} label${deleted === 1 ? '' : 's'} deleted with ${deleted === 1 ? 'its' : 'their'} annotations`);
  // Kept in the order of the labels they grow from.
  const order = new Map(dataset.labels.map((label, index) => [label.id, index]));
  const labels = [...merged.values()].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { labels, labelIds, specIds };
}

/** Skeletons merge only with skeletons of the same points (matched by name); their points merge like labels. */
function mergeSublabels(into: Label, from: Label, labelIds: Map<number, number>, specIds: Map<number, number>): void {
  if (from.sublabels.length === 0 && into.sublabels.length === 0) return;
  const names = (label: Label): string => label.sublabels.map((sub) => sub.name).sort().join(', ');
  if (names(into) !== names(from))
    throw new AnnoconvError('invalid-request', `cannot merge label '${from.name}' into '${into.name}': their skeleton points differ (${names(from) || 'none'} / ${names(into) || 'none'})`);
  for (const sub of from.sublabels) {
    const same: Sublabel = into.sublabels.find((candidate) => candidate.name === sub.name)!;
    labelIds.set(sub.id, same.id);
    mergeSpecs(same, sub, specIds);
  }
}

/** The dataset with its labels remapped; annotations of deleted labels are dropped, the rest follow their label. */
export function remapLabels(dataset: Dataset, options: RemapLabelsOptions, context: FormatContext): Dataset {
  const { labels, labelIds, specIds } = plan(dataset, options, context);
  const values = (attributes: AttributeVal[]): AttributeVal[] => attributes.map((value) => ({ ...value, spec_id: specIds.get(value.spec_id) ?? value.spec_id }));
  const kept = <T extends { label_id: number }>(object: T): boolean => labelIds.has(object.label_id);
  let dropped = 0;
  const keep = <T extends { label_id: number }>(objects: T[]): T[] => {
    const result = objects.filter(kept);
    dropped += objects.length - result.length;
    return result;
  };
  const annotations = dataset.annotations;
  const shapes = keep(annotations.shapes).map((shape) => ({
    ...shape,
    label_id: labelIds.get(shape.label_id)!,
    attributes: values(shape.attributes),
    elements: shape.elements.map((element) => ({ ...element, label_id: labelIds.get(element.label_id) ?? element.label_id, attributes: values(element.attributes) })),
  }));
  const tags = keep(annotations.tags).map((tag) => ({ ...tag, label_id: labelIds.get(tag.label_id)!, attributes: values(tag.attributes) }));
  const tracks = keep(annotations.tracks).map((track) => ({
    ...track,
    label_id: labelIds.get(track.label_id)!,
    attributes: values(track.attributes),
    shapes: track.shapes.map((shape) => ({ ...shape, attributes: values(shape.attributes) })),
    elements: track.elements.map((element) => ({
      ...element,
      label_id: labelIds.get(element.label_id) ?? element.label_id,
      attributes: values(element.attributes),
      shapes: element.shapes.map((shape) => ({ ...shape, attributes: values(shape.attributes) })),
    })),
  }));
  if (dropped > 0) context.diagnostics.info('label-remapped', `${dropped} annotation${dropped === 1 ? '' : 's'} of deleted labels dropped`);
  return { ...dataset, labels, annotations: { ...annotations, shapes, tags, tracks } };
}
