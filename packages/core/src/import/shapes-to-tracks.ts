// Rebuilds tracks from per-frame shapes that carry a track id and a keyframe flag, as CVAT does when it imports a
// format that flattens tracks (COCO, Datumaro, VOC, CVAT for images, Ultralytics). Only keyframes and visibility
// changes are kept, an outside keyframe closes every gap and the end of a track that stops before the last frame
// (CVAT's `import_dm_annotations`, `_validate_track_shapes`).
import type { Shape, SubShape, SubTrack, Track, TrackedShape, AttributeVal } from '../model/annotations.js';
import type { Label } from '../model/labels.js';
import { indexAttributeSpecs } from '../dataset-builder.js';

export interface TrackedShapeItem {
  /** The per-frame shape as the format read it (its `frame` is the task-relative frame). */
  shape: Shape;
  /** The track id the file gave it; shapes with the same id (and label) form one track. */
  trackId: number | string;
  keyframe: boolean;
}

export interface ShapesToTracksOptions {
  /** Frame step between consecutive task frames (relative frames are consecutive, so 1 unless told). */
  frameStep?: number;
  /** The task's last relative frame: a track visible before it gets a closing outside keyframe. */
  lastFrame: number;
  /** With labels, track attributes are split as CVAT stores them: immutable on the track, mutable on keyframes. */
  labels?: readonly Label[];
}

interface KeyframeCandidate {
  frame: number;
  outside: boolean;
  keyframe: boolean;
  shape: TrackedShape;
}

/** CVAT's keyframe inference over one track's per-frame shapes, sorted by frame. */
function keepKeyframes(candidates: KeyframeCandidate[], frameStep: number, lastFrame: number): TrackedShape[] {
  const sorted = [...candidates].sort((a, b) => a.frame - b.frame);
  const kept: TrackedShape[] = [];
  let previous: KeyframeCandidate | undefined;
  for (const current of sorted) {
    const previousVisible = previous !== undefined && !previous.outside;
    const currentVisible = !current.outside;
    const hasGap = previousVisible && previous!.frame + frameStep < current.frame;
    if (hasGap) {
      const closing = { ...previous!.shape, frame: previous!.frame + frameStep, outside: true, id: null };
      kept.push(closing);
      previous = { frame: closing.frame, outside: true, keyframe: true, shape: closing };
    }
    // Visibility is compared with the shape before the gap, and the first shape always counts as a change
    // (CVAT compares against None there).
    if (previous === undefined || previousVisible !== currentVisible || (currentVisible && (hasGap || current.keyframe))) kept.push(current.shape);
    previous = current;
  }
  if (previous && !previous.outside && previous.frame + frameStep <= lastFrame) {
    kept.push({ ...previous.shape, frame: previous.frame + frameStep, outside: true, id: null });
  }
  return kept;
}

function toTrackedShape(shape: Shape | SubShape, attributes: AttributeVal[]): TrackedShape {
  return {
    id: null,
    frame: shape.frame,
    type: shape.type,
    occluded: shape.occluded,
    outside: shape.outside,
    z_order: shape.z_order,
    rotation: shape.rotation,
    points: shape.type === 'skeleton' ? [] : [...shape.points],
    attributes,
  };
}

/** Groups shapes by track id and label, infers keyframes as CVAT does, and returns tracks ordered by first appearance. */
export function shapesToTracks(items: readonly TrackedShapeItem[], options: ShapesToTracksOptions): Track[] {
  const frameStep = options.frameStep ?? 1;
  const specs = options.labels ? indexAttributeSpecs(options.labels) : undefined;
  const isMutable = (spec_id: number): boolean => specs?.get(spec_id)?.spec.mutable ?? true;

  interface Building {
    first: Shape;
    trackAttributes: AttributeVal[];
    shapes: KeyframeCandidate[];
    elements: Map<number, { first: SubShape; shapes: KeyframeCandidate[] }>;
  }
  const byId = new Map<string, Building>();
  for (const item of items) {
    const key = `${item.trackId}\u0000${item.shape.label_id}`;
    let building = byId.get(key);
    if (!building) {
      building = {
        first: item.shape,
        trackAttributes: item.shape.attributes.filter((attribute) => !isMutable(attribute.spec_id)),
        shapes: [],
        elements: new Map(),
      };
      byId.set(key, building);
    }
    const mutable = item.shape.attributes.filter((attribute) => isMutable(attribute.spec_id));
    building.shapes.push({ frame: item.shape.frame, outside: item.shape.outside, keyframe: item.keyframe, shape: toTrackedShape(item.shape, mutable) });
    for (const element of item.shape.elements ?? []) {
      let elementTrack = building.elements.get(element.label_id);
      if (!elementTrack) {
        elementTrack = { first: element, shapes: [] };
        building.elements.set(element.label_id, elementTrack);
      }
      elementTrack.shapes.push({ frame: element.frame, outside: element.outside, keyframe: item.keyframe, shape: toTrackedShape(element, element.attributes) });
    }
  }

  const tracks: Track[] = [];
  for (const building of byId.values()) {
    const shapes = keepKeyframes(building.shapes, frameStep, options.lastFrame);
    const elements: SubTrack[] = [];
    for (const element of building.elements.values()) {
      const elementShapes = keepKeyframes(element.shapes, frameStep, options.lastFrame);
      if (elementShapes.length === 0) continue;
      elements.push({
        id: null,
        label_id: element.first.label_id,
        frame: elementShapes[0]!.frame,
        group: 0,
        source: building.first.source,
        attributes: [],
        shapes: elementShapes,
      });
    }
    if (shapes.length === 0 && elements.length === 0) continue;
    tracks.push({
      id: null,
      label_id: building.first.label_id,
      frame: shapes[0]?.frame ?? elements[0]!.frame,
      group: building.first.group,
      source: building.first.source,
      attributes: building.trackAttributes,
      shapes,
      elements,
    });
  }
  return tracks;
}
