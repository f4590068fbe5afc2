// A deep copy of a tracked shape (keyframe), with optional field changes, for slicing and cutting tracks.
import type { TrackedShape } from '../model/annotations.js';

export function copyTrackedShape(shape: TrackedShape, changes: Partial<TrackedShape> = {}): TrackedShape {
  return {
    id: shape.id,
    type: shape.type,
    frame: shape.frame,
    occluded: shape.occluded,
    outside: shape.outside,
    z_order: shape.z_order,
    rotation: shape.rotation,
    points: [...shape.points],
    attributes: shape.attributes.map((attribute) => ({ ...attribute })),
    ...changes,
  };
}
