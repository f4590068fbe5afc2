// Imported annotations refer to the labels of the file they came from; CVAT matches them to the task's labels by
// name (sub-labels by name under their parent, attribute specs by name under their label). A label the task
// does not have fails the import; attributes the task does not know are dropped, as CVAT's importer skips them.
import type { AttributeVal, Label, LabeledData, Shape, SubShape, SubTrack, Tag, Track, TrackedShape } from '@annoconv/core';
import { AnnoconvError } from '@annoconv/core';

interface Target {
  id: number;
  specs: Map<number, number>;
}

function specMap(from: Label['attributes'], to: Label['attributes']): Map<number, number> {
  const map = new Map<number, number>();
  for (const spec of from) {
    const match = to.find((candidate) => candidate.name === spec.name);
    if (match) map.set(spec.id, match.id);
  }
  return map;
}

function buildMapping(source: readonly Label[], task: readonly Label[]): Map<number, Target | string> {
  const mapping = new Map<number, Target | string>();
  for (const label of source) {
    const match = task.find((candidate) => candidate.name === label.name);
    mapping.set(label.id, match ? { id: match.id, specs: specMap(label.attributes, match.attributes) } : label.name);
    for (const sub of label.sublabels ?? []) {
      const subMatch = match?.sublabels.find((candidate) => candidate.name === sub.name);
      mapping.set(sub.id, subMatch ? { id: subMatch.id, specs: specMap(sub.attributes, subMatch.attributes) } : `${label.name}.${sub.name}`);
    }
  }
  return mapping;
}

/** The annotations with the task's label and spec ids and no object ids (they go in as a "create"). */
export function mapToTaskLabels(data: LabeledData, source: readonly Label[], task: readonly Label[]): LabeledData {
  const mapping = buildMapping(source, task);
  const target = (labelId: number): Target => {
    const found = mapping.get(labelId);
    if (found === undefined) throw new AnnoconvError('invalid-request', `the imported file refers to an undefined label id ${labelId}`);
    if (typeof found === 'string') throw new AnnoconvError('invalid-request', `Label '${found}' is not registered for this task`);
    return found;
  };
  const attributes = (list: readonly AttributeVal[], specs: Map<number, number>): AttributeVal[] =>
    list.flatMap((attribute) => {
      const id = specs.get(attribute.spec_id);
      return id === undefined ? [] : [{ spec_id: id, value: attribute.value }];
    });
  const tag = (value: Tag): Tag => {
    const to = target(value.label_id);
    return { ...value, id: null, label_id: to.id, attributes: attributes(value.attributes, to.specs) };
  };
  const subShape = (value: SubShape): SubShape => {
    const to = target(value.label_id);
    return { ...value, id: null, label_id: to.id, points: [...value.points], attributes: attributes(value.attributes, to.specs) };
  };
  const shape = (value: Shape): Shape => ({ ...subShape(value), elements: (value.elements ?? []).map(subShape) });
  const subTrack = (value: SubTrack): SubTrack => {
    const to = target(value.label_id);
    const keyframe = (item: TrackedShape): TrackedShape => ({ ...item, id: null, points: [...item.points], attributes: attributes(item.attributes, to.specs) });
    return { ...value, id: null, label_id: to.id, shapes: value.shapes.map(keyframe), attributes: attributes(value.attributes, to.specs) };
  };
  const track = (value: Track): Track => ({ ...subTrack(value), elements: (value.elements ?? []).map(subTrack) });
  return { version: 0, tags: data.tags.map(tag), shapes: data.shapes.map(shape), tracks: data.tracks.map(track) };
}
