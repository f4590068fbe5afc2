// Imported annotations refer to the frames and labels of the file they came from; CVAT matches frames by name and
// labels by name (sub-labels under their parent, attribute specs under their label). A label the task does not
// have fails the import; attributes the task does not know are dropped, as CVAT's importer skips them.
import type { AttributeVal, Frame, Label, LabeledData, Shape, SubShape, SubTrack, Tag, Track, TrackedShape } from '@annoconv/core';
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

const stem = (name: string): string => name.replace(/\.[^./]*$/, '');
const base = (name: string): string => stem(name).split('/').pop() ?? name;

/**
 * The task frame of each file frame, matched by name as CVAT's `match_dm_item` does: the whole path, then the
 * path without extension, then the base name without extension.
 */
export function frameMapping(source: readonly Frame[], task: readonly Frame[]): Map<number, number> {
  const byName = new Map<string, number>();
  const byStem = new Map<string, number>();
  const byBase = new Map<string, number>();
  for (const frame of task) {
    if (!byName.has(frame.name)) byName.set(frame.name, frame.index);
    if (!byStem.has(stem(frame.name))) byStem.set(stem(frame.name), frame.index);
    if (!byBase.has(base(frame.name))) byBase.set(base(frame.name), frame.index);
  }
  const mapping = new Map<number, number>();
  for (const frame of source) {
    const index = byName.get(frame.name) ?? byStem.get(stem(frame.name)) ?? byBase.get(base(frame.name));
    if (index !== undefined) mapping.set(frame.index, index);
  }
  return mapping;
}

/**
 * The annotations with the task's frame, label and spec ids and no object ids (they go in as a "create").
 * An annotated file frame no task frame matches fails the import, as in CVAT.
 */
export function mapToTask(data: LabeledData, source: { labels: readonly Label[]; frames: readonly Frame[] }, task: { labels: readonly Label[]; frames: readonly Frame[] }): LabeledData {
  const frames = frameMapping(source.frames, task.frames);
  const frameOf = (frame: number): number => {
    const mapped = frames.get(frame);
    if (mapped !== undefined) return mapped;
    const name = source.frames.find((candidate) => candidate.index === frame)?.name ?? `#${frame}`;
    throw new AnnoconvError('invalid-request', `Could not match item '${name}' with any task frame`);
  };
  const mapping = buildMapping(source.labels, task.labels);
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
    return { ...value, id: null, frame: frameOf(value.frame), label_id: to.id, attributes: attributes(value.attributes, to.specs) };
  };
  const subShape = (value: SubShape): SubShape => {
    const to = target(value.label_id);
    return { ...value, id: null, frame: frameOf(value.frame), label_id: to.id, points: [...value.points], attributes: attributes(value.attributes, to.specs) };
  };
  const shape = (value: Shape): Shape => ({ ...subShape(value), elements: (value.elements ?? []).map(subShape) });
  const subTrack = (value: SubTrack): SubTrack => {
    const to = target(value.label_id);
    const keyframe = (item: TrackedShape): TrackedShape => ({ ...item, id: null, frame: frameOf(item.frame), points: [...item.points], attributes: attributes(item.attributes, to.specs) });
    return { ...value, id: null, frame: frameOf(value.frame), label_id: to.id, shapes: value.shapes.map(keyframe), attributes: attributes(value.attributes, to.specs) };
  };
  const track = (value: Track): Track => ({ ...subTrack(value), elements: (value.elements ?? []).map(subTrack) });
  return { version: 0, tags: data.tags.map(tag), shapes: data.shapes.map(shape), tracks: data.tracks.map(track) };
}
