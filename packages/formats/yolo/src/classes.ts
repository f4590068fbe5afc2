// Class ids on export. CVAT numbers classes among top-level labels (labels without a parent) in label order; the
// Pose flavour numbers skeleton labels only (FORMATS.md §3.2, §4.1). CVAT's YOLO 1.1 `obj.names` also lists
// skeleton sub-labels, which the ids skip — a bug that makes its files inconsistent; we follow the format and list
// exactly the labels the ids count.
import type { Label } from '@annoconv/core';

export interface ClassTable {
  /** Class names in id order. */
  names: string[];
  /** Label id → class id. */
  classOf: Map<number, number>;
}

/** Top-level labels in the dataset's label order (Darknet, Detection, Segmentation, OBB, Classification). */
export function topLevelClasses(labels: readonly Label[]): ClassTable {
  const names: string[] = [];
  const classOf = new Map<number, number>();
  for (const label of labels) {
    classOf.set(label.id, names.length);
    names.push(label.name);
  }
  return { names, classOf };
}

/** Skeleton labels only, in label order (Pose). */
export function skeletonClasses(labels: readonly Label[]): ClassTable {
  const names: string[] = [];
  const classOf = new Map<number, number>();
  for (const label of labels) {
    if (label.type !== 'skeleton' && label.sublabels.length === 0) continue;
    classOf.set(label.id, names.length);
    names.push(label.name);
  }
  return { names, classOf };
}
