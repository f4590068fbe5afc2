// What CVAT's GET returns for stored annotations (CVAT-MODEL.md §1.8; `JobAnnotation._init_*_from_db`):
// objects ordered (tags and shapes by frame, tracks by id, keyframes by frame), attributes completed with
// defaults (tracked shapes carry missing mutable values forward from the previous keyframe), skeleton points
// emptied, empty tracks left out.
import type { AttributeVal, LabeledData, Shape, SubShape, SubTrack, Track, TrackedShape } from '../model/annotations.js';
import type { LabelIndex } from './label-index.js';
import { serializeShape, serializeSubShape, serializeTag, type AnnotationsResponse } from './serialize-annotations.js';

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

function readShape(shape: Shape, labels: LabelIndex): Shape {
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

function readTrack(track: Track, labels: LabelIndex): Track {
  const base = readSubTrack(track, labels);
  const elements = [...(track.elements ?? [])].filter((element) => element.shapes.length > 0).sort(byId);
  return { ...base, elements: elements.map((element) => readSubTrack(element, labels)) };
}

/** CVAT's GET body for stored annotations. */
export function readAnnotations(data: LabeledData, labels: LabelIndex): AnnotationsResponse {
  return {
    version: 0,
    tags: [...data.tags].sort(byFrameThenId).map((tag) => {
      const result = serializeTag(tag);
      extendAttributes(result.attributes, defaultsOf(labels, tag.label_id, 'all'));
      return result;
    }),
    shapes: [...data.shapes].sort(byFrameThenId).map((shape) => readShape(shape, labels)),
    tracks: [...data.tracks].filter((track) => track.shapes.length > 0).sort(byId).map((track) => readTrack(track, labels)),
    intervals: [],
  };
}
