// Datumaro's merge_instance_segments, as mask formats apply it on export: shapes without a group are instances of
// their own, in order; then each group (ascending group id) is one instance led by its largest member.
import type { Shape } from '../model/annotations.js';

export interface ShapeInstance<S extends Pick<Shape, 'group'> = Shape> {
  members: S[];
  /** The member whose label the instance takes: the largest one (the first of equals). */
  leader: S;
}

/**
 * Instances of one frame's shapes. `sizeOf` measures a member (in pixels) only when a group has several;
 * `onMerge` hears of every group of two or more shapes that became one instance.
 */
export function mergeInstances<S extends Pick<Shape, 'group'>>(shapes: readonly S[], sizeOf: (shape: S) => number, onMerge?: (group: number, members: readonly S[]) => void): Array<ShapeInstance<S>> {
  const instances: Array<ShapeInstance<S>> = [];
  const groups = new Map<number, S[]>();
  for (const shape of shapes) {
    if (!shape.group) instances.push({ members: [shape], leader: shape });
    else {
      let members = groups.get(shape.group);
      if (!members) groups.set(shape.group, (members = []));
      members.push(shape);
    }
  }
  for (const group of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(group)!;
    let leader = members[0]!;
    if (members.length > 1) {
      let largest = -1;
      for (const member of members) {
        const size = sizeOf(member);
        if (size > largest) {
          largest = size;
          leader = member;
        }
      }
      onMerge?.(group, members);
    }
    instances.push({ members, leader });
  }
  return instances;
}
