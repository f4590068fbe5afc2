// Annotation objects in the key order CVAT's responses use (CVAT-MODEL.md §1.8, `*SerializerFromDB`), and
// deep copies. Top-level shapes and tracks carry `elements`; elements do not.
import type { AttributeVal, LabeledData, Shape, SubShape, SubTrack, Tag, Track, TrackedShape } from '../model/annotations.js';

/** The response body of GET / PUT / PATCH: the model's envelope plus CVAT's always-empty `intervals`. */
export type AnnotationsResponse = LabeledData & { intervals: unknown[] };

function attributes(list: readonly AttributeVal[]): AttributeVal[] {
  return list.map((attribute) => ({ spec_id: attribute.spec_id, value: attribute.value }));
}

export function serializeTag(tag: Tag): Tag {
  return { id: tag.id, label_id: tag.label_id, frame: tag.frame, group: tag.group ?? 0, source: tag.source, attributes: attributes(tag.attributes) };
}

export function serializeSubShape(shape: SubShape): SubShape {
  return {
    id: shape.id,
    label_id: shape.label_id,
    type: shape.type,
    frame: shape.frame,
    group: shape.group ?? 0,
    source: shape.source,
    score: shape.score,
    occluded: shape.occluded,
    outside: shape.outside,
    z_order: shape.z_order,
    rotation: shape.rotation,
    points: [...shape.points],
    attributes: attributes(shape.attributes),
  };
}

export function serializeShape(shape: Shape): Shape {
  return { ...serializeSubShape(shape), elements: (shape.elements ?? []).map(serializeSubShape) };
}

export function serializeTrackedShape(shape: TrackedShape): TrackedShape {
  return {
    id: shape.id,
    type: shape.type,
    frame: shape.frame,
    occluded: shape.occluded,
    outside: shape.outside,
    z_order: shape.z_order,
    rotation: shape.rotation,
    points: [...shape.points],
    attributes: attributes(shape.attributes),
  };
}

export function serializeSubTrack(track: SubTrack): SubTrack {
  return {
    id: track.id,
    label_id: track.label_id,
    frame: track.frame,
    group: track.group ?? 0,
    source: track.source,
    shapes: track.shapes.map(serializeTrackedShape),
    attributes: attributes(track.attributes),
  };
}

export function serializeTrack(track: Track): Track {
  return { ...serializeSubTrack(track), elements: (track.elements ?? []).map(serializeSubTrack) };
}

export function serializeAnnotations(data: LabeledData): AnnotationsResponse {
  return {
    version: 0,
    tags: data.tags.map(serializeTag),
    shapes: data.shapes.map(serializeShape),
    tracks: data.tracks.map(serializeTrack),
    intervals: [],
  };
}
