// The GET form of single stored objects and GET's order (CVAT-MODEL.md §1.8; `JobAnnotation._init_*_from_db`):
// attributes completed with defaults (tracked shapes carry missing mutable values forward from the previous
// keyframe), skeleton points emptied; tags and shapes by frame then id, non-empty tracks by id.
import type { AttributeVal, LabeledData, Shape, SubShape, SubTrack, Tag, Track, TrackedShape } from '../model/annotations.js';
import type { LabelIndex } from './label-index.js';
import { serializeShape, serializeSubShape, serializeTag } from './serialize-annotations.js';

function byFrameThenId(a: { frame: number; id: number | null }, b: { frame: number; id: number | null }): number {
  return a.frame - b.frame || (a.id ?? 0) - (b.id ?? 0);
}

function byId(a: { id: number | null }, b: { id: number | null }): number {
  return (a.id ?? 0) - (b.id ?? 0);
}

/** Appends, for every default whose spec is missing, `{spec_id, value}` (CVAT's `_extend_attributes`). */
function extendAttributes(list: AttributeVal[], defaults: ReadonlyArray<{ spec_id: number; value: string }>): AttributeVal[] {
  const present = new Set(list.map((attribute) => attribute.spec_id));
  for (const entry of defaults) if (!present.has(entry.spec_id)) list.push({ spec_id: entry.spec_id, value: entry.value });
  return list;
}

/** Same (spec_id, value) pairs once: CVAT dedupes track attribute rows through a set. */
function dedupe(list: readonly AttributeVal[]): AttributeVal[] {
  const seen = new Set<string>();
  const result: AttributeVal[] = [];
  for (const attribute of list) {
    const key = `${attribute.spec_id}\u0000${attribute.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ spec_id: attribute.spec_id, value: attribute.value });
  }
  return result;
}

function defaultsOf(labels: LabelIndex, labelId: number, kind: 'all' | 'immutable' | 'mutable') {
  return labels.specsOf(labelId, kind).map((spec) => ({ spec_id: spec.id, value: spec.default_value }));
}

function readSubShape(shape: SubShape, labels: LabelIndex): SubShape {
  const result = serializeSubShape(shape);
  extendAttributes(result.attributes, defaultsOf(labels, shape.label_id, 'all'));
  if (result.type === 'skeleton') result.points = [];
  return result;
}

export function readShape(shape: Shape, labels: LabelIndex): Shape {
  const result = serializeShape(shape);
  const base = readSubShape(shape, labels);
  return { ...base, elements: [...result.elements].sort(byId).map((element) => readSubShape(element, labels)) };
}

function readSubTrack(track: SubTrack, labels: LabelIndex): SubTrack {
  const attributes = extendAttributes(dedupe(track.attributes), defaultsOf(labels, track.label_id, 'immutable'));
  let carried: ReadonlyArray<{ spec_id: number; value: string }> = defaultsOf(labels, track.label_id, 'mutable');
  const shapes: TrackedShape[] = [];
  for (const shape of [...track.shapes].sort((a, b) => a.frame - b.frame)) {
    const shapeAttributes = extendAttributes(dedupe(shape.attributes), carried);
    carried = shapeAttributes;
    shapes.push({
      id: shape.id,
      type: shape.type,
      frame: shape.frame,
      occluded: shape.occluded,
      outside: shape.outside,
      z_order: shape.z_order,
      rotation: shape.rotation,
      points: shape.type === 'skeleton' ? [] : [...shape.points],
      attributes: shapeAttributes,
    });
  }
  return { id: track.id, label_id: track.label_id, frame: track.frame, group: track.group ?? 0, source: track.source, shapes, attributes };
}

export function readTrack(track: Track, labels: LabelIndex): Track {
  const base = readSubTrack(track, labels);
  const elements = [...(track.elements ?? [])].filter((element) => element.shapes.length > 0).sort(byId);
  return { ...base, elements: elements.map((element) => readSubTrack(element, labels)) };
}

export function readTag(tag: Tag, labels: LabelIndex): Tag {
  const result = serializeTag(tag);
  extendAttributes(result.attributes, defaultsOf(labels, tag.label_id, 'all'));
  return result;
}

/** The objects GET answers, in GET's order. */
export function readOrder(data: LabeledData): { tags: Tag[]; shapes: Shape[]; tracks: Track[] } {
  return {
    tags: [...data.tags].sort(byFrameThenId),
    shapes: [...data.shapes].sort(byFrameThenId),
    tracks: data.tracks.filter((track) => track.shapes.length > 0).sort(byId),
  };
}

