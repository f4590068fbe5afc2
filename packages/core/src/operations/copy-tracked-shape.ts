// A deep copy of a tracked shape (keyframe), with optional field changes, for slicing and cutting tracks: the
// serializer's copy (exactly the model's fields) with the changes on top.
import type { TrackedShape } from '../model/annotations.js';
import { serializeTrackedShape } from './serialize-annotations.js';

export function copyTrackedShape(shape: TrackedShape, changes: Partial<TrackedShape> = {}): TrackedShape {
  return { ...serializeTrackedShape(shape), ...changes };
}
