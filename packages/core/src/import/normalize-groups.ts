// CVAT's import rule for groups: per frame, groups with fewer than two members are dropped and the others are
// renumbered 1..n in ascending order of their original ids (`import_dm_annotations`).
import type { Shape } from '../model/annotations.js';

/** Renumbers the `group` of one frame's shapes in place; returns the same array. */
export function normalizeFrameGroups<T extends Pick<Shape, 'group'>>(shapes: T[]): T[] {
  const sizes = new Map<number, number>();
  for (const shape of shapes) if (shape.group) sizes.set(shape.group, (sizes.get(shape.group) ?? 0) + 1);
  const kept = [...sizes].filter(([, size]) => size > 1).map(([group]) => group).sort((a, b) => a - b);
  const renumbered = new Map(kept.map((group, index) => [group, index + 1]));
  for (const shape of shapes) shape.group = renumbered.get(shape.group) ?? 0;
  return shapes;
}
