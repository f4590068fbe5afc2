import { describe, expect, it } from 'vitest';
import { mergeInstances } from './merge-instances.js';

describe('mergeInstances', () => {
  it('keeps ungrouped shapes apart and leads each group by its largest member', () => {
    const shapes = [
      { group: 2, size: 5, name: 'a' },
      { group: 0, size: 1, name: 'b' },
      { group: 1, size: 3, name: 'c' },
      { group: 2, size: 9, name: 'd' },
      { group: 2, size: 9, name: 'e' },
    ];
    const merged: number[] = [];
    const instances = mergeInstances(shapes, (shape) => shape.size, (group) => merged.push(group));
    expect(instances.map((instance) => [instance.leader.name, instance.members.map((member) => member.name)])).toEqual([
      ['b', ['b']],
      ['c', ['c']],
      ['d', ['a', 'd', 'e']],
    ]);
    expect(merged).toEqual([2]);
  });
});
