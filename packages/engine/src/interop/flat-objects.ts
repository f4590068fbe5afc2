// A dataset's annotations as one flat list of per-frame objects named by frame name and label name, with tracks
// expanded to their visible frames: the form in which two datasets read by different formats can be compared.
import type { Dataset } from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';

export interface FlatObject {
  kind: 'tag' | 'shape';
  frame: number;
  frameName: string;
  label: string;
  type: string;
  points: readonly number[];
  rotation: number;
  /** Attribute values by spec name (a track's immutable values included on each of its frames). */
  attributes: Map<string, string>;
  group: number;
  /** Index of the track the shape comes from, if any. */
  track?: number;
  /** An interpolated track shape whose next keyframe is outside (see `interpolatedBeforeOutside`). */
  beforeOutside?: boolean;
}

export function flatObjects(dataset: Dataset): FlatObject[] {
  const labelNames = new Map<number, string>();
  const specNames = new Map<number, string>();
  for (const label of dataset.labels) {
    labelNames.set(label.id, label.name);
    for (const spec of label.attributes) specNames.set(spec.id, spec.name);
    for (const sublabel of label.sublabels) labelNames.set(sublabel.id, `${label.name}.${sublabel.name}`);
  }
  const frameNames = new Map(dataset.frames.map((frame) => [frame.index, frame.name]));
  const attributes = (list: readonly { spec_id: number; value: string }[]): Map<string, string> => new Map(list.map((value) => [specNames.get(value.spec_id) ?? `#${value.spec_id}`, value.value]));
  const objects: FlatObject[] = [];
  const base = (frame: number, labelId: number) => ({ frame, frameName: frameNames.get(frame) ?? `#${frame}`, label: labelNames.get(labelId) ?? `#${labelId}` });
  for (const tag of dataset.annotations.tags) objects.push({ kind: 'tag', ...base(tag.frame, tag.label_id), type: 'tag', points: [], rotation: 0, group: tag.group ?? 0, attributes: attributes(tag.attributes) });
  for (const shape of dataset.annotations.shapes) objects.push({ kind: 'shape', ...base(shape.frame, shape.label_id), type: shape.type, points: shape.points, rotation: shape.rotation, group: shape.group ?? 0, attributes: attributes(shape.attributes) });
  const endFrame = Math.max(dataset.frames.length, ...dataset.frames.map((frame) => frame.index + 1));
  const expanded = tracksToShapes(dataset.annotations.tracks, { endFrame, deletedFrames: dataset.meta.deletedFrames });
  for (const shape of expanded) {
    if (shape.outside) continue;
    const next = shape.keyframe ? undefined : nextKeyframe(dataset.annotations.tracks[shape.track_id]?.shapes ?? [], shape.frame);
    objects.push({
      kind: 'shape',
      ...base(shape.frame, shape.label_id),
      type: shape.type,
      points: shape.points,
      rotation: shape.rotation,
      group: shape.group,
      attributes: attributes(shape.attributes as { spec_id: number; value: string }[]),
      track: shape.track_id,
      ...(next?.outside ? { beforeOutside: true } : {}),
    });
  }
  return objects;
}

function nextKeyframe<T extends { frame: number }>(keyframes: readonly T[], frame: number): T | undefined {
  let next: T | undefined;
  for (const keyframe of keyframes) if (keyframe.frame > frame && (next === undefined || keyframe.frame < next.frame)) next = keyframe;
  return next;
}

/** `frame name|tag|label` or `frame name|shape|label|type`: objects that must survive one by one. */
export function objectKey(object: FlatObject): string {
  return object.kind === 'tag' ? `${object.frameName}|tag|${object.label}` : `${object.frameName}|shape|${object.label}|${object.type}`;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name);
    if (list) list.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}
