// Matching an imported file's frames and labels to the task's, as CVAT's importer does.
import { describe, expect, it } from 'vitest';
import type { Frame, Label } from '@annoconv/core';
import { frameMapping, mapToTask } from './map-to-task.js';

const frame = (index: number, name: string): Frame => ({ index, name, subset: '' });
const taskLabels: Label[] = [
  { id: 1, name: 'car', color: '', type: 'any', attributes: [{ id: 1, name: 'color', mutable: false, input_type: 'text', default_value: '', values: [] }], sublabels: [] },
  { id: 2, name: 'pose', color: '', type: 'skeleton', attributes: [], sublabels: [{ id: 3, name: 'head', color: '', type: 'points', attributes: [], parent_id: 2 }] },
];
const fileLabels: Label[] = [
  { id: 7, name: 'pose', color: '', type: 'skeleton', attributes: [], sublabels: [{ id: 8, name: 'head', color: '', type: 'points', attributes: [], parent_id: 7 }] },
  { id: 9, name: 'car', color: '', type: 'any', attributes: [{ id: 4, name: 'color', mutable: false, input_type: 'text', default_value: '', values: [] }, { id: 5, name: 'speed', mutable: false, input_type: 'text', default_value: '', values: [] }], sublabels: [] },
];

describe('frameMapping', () => {
  it('matches by path, then path without extension, then base name', () => {
    const task = [frame(0, 'images/a.jpg'), frame(1, 'images/b.png'), frame(2, 'c.jpg')];
    const file = [frame(0, 'images/a.jpg'), frame(1, 'images/b.jpg'), frame(2, 'other/c.png'), frame(3, 'zzz.jpg')];
    expect([...frameMapping(file, task)]).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });
});

describe('mapToTask', () => {
  it("rewrites frames, labels, sub-labels and specs to the task's, drops unknown specs and ids", () => {
    const data = {
      version: 0,
      tags: [],
      shapes: [
        { id: 5, label_id: 9, type: 'rectangle' as const, frame: 1, group: 0, source: 'file' as const, score: 1, occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 2, 3, 4], attributes: [{ spec_id: 4, value: 'red' }, { spec_id: 5, value: 'fast' }], elements: [] },
        {
          id: 6, label_id: 7, type: 'skeleton' as const, frame: 0, group: 0, source: 'file' as const, score: 1, occluded: false, outside: false, z_order: 0, rotation: 0, points: [], attributes: [],
          elements: [{ id: 7, label_id: 8, type: 'points' as const, frame: 0, group: 0, source: 'file' as const, score: 1, occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 1], attributes: [] }],
        },
      ],
      tracks: [],
    };
    const mapped = mapToTask(data, { labels: fileLabels, frames: [frame(0, 'x.jpg'), frame(1, 'y.jpg')] }, { labels: taskLabels, frames: [frame(0, 'y.jpg'), frame(1, 'x.jpg')] });
    expect(mapped.shapes.map((shape) => [shape.id, shape.frame, shape.label_id, shape.attributes])).toEqual([
      [null, 0, 1, [{ spec_id: 1, value: 'red' }]],
      [null, 1, 2, []],
    ]);
    expect(mapped.shapes[1]!.elements.map((element) => [element.id, element.label_id, element.frame])).toEqual([[null, 3, 1]]);
  });

  it('fails on a label the task lacks and on an annotated frame no task frame matches', () => {
    const shape = { id: null, label_id: 9, type: 'rectangle' as const, frame: 0, group: 0, source: 'file' as const, score: 1, occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 2, 3, 4], attributes: [], elements: [] };
    expect(() => mapToTask({ version: 0, tags: [], shapes: [shape], tracks: [] }, { labels: fileLabels, frames: [frame(0, 'x.jpg')] }, { labels: [taskLabels[1]!], frames: [frame(0, 'x.jpg')] })).toThrow(
      "Label 'car' is not registered for this task",
    );
    expect(() => mapToTask({ version: 0, tags: [], shapes: [shape], tracks: [] }, { labels: fileLabels, frames: [frame(0, 'x.jpg')] }, { labels: taskLabels, frames: [frame(0, 'q.jpg')] })).toThrow(
      "Could not match item 'x.jpg' with any task frame",
    );
  });
});
