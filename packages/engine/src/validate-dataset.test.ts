import { describe, expect, it } from 'vitest';
import { emptyDataset } from '@annoconv/core';
import { validateDataset } from './validate-dataset.js';

function dataset() {
  const value = emptyDataset();
  value.labels.push({
    id: 1, name: 'person', color: '', type: 'skeleton', attributes: [{ id: 1, name: 'pose', mutable: false, input_type: 'text', default_value: '', values: [] }],
    sublabels: [{ id: 2, name: 'head', color: '', type: 'points', attributes: [], parent_id: 1 }],
  });
  value.labels.push({ id: 3, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] });
  value.frames.push({ index: 0, name: 'a.jpg', subset: '' });
  return value;
}
const base = { id: null, group: 0, source: 'manual', occluded: false, outside: false, z_order: 0, rotation: 0, score: 1 };

describe('validateDataset', () => {
  it('accepts a consistent dataset', () => {
    const value = dataset();
    value.annotations.shapes.push({ ...base, label_id: 1, frame: 0, attributes: [{ spec_id: 1, value: 'x' }], type: 'skeleton', points: [], elements: [{ ...base, label_id: 2, frame: 0, attributes: [], type: 'points', points: [1, 1] }] });
    expect(validateDataset(value)).toEqual([]);
  });

  it('reports schema problems with their paths', () => {
    const value = dataset();
    value.annotations.shapes.push({ ...base, label_id: 3, frame: 0, attributes: [], type: 'rectangle', points: [1, 2, 3], elements: [] });
    expect(validateDataset(value)).toEqual([{ path: 'annotations.shapes[0].points', message: "invalid length for shape type 'rectangle'" }]);
  });

  it('reports every broken reference', () => {
    const value = dataset();
    value.annotations.shapes.push({ ...base, label_id: 9, frame: 0, attributes: [], type: 'rectangle', points: [1, 2, 3, 4], elements: [] });
    value.annotations.shapes.push({ ...base, label_id: 3, frame: 5, attributes: [{ spec_id: 1, value: 'x' }], type: 'rectangle', points: [1, 2, 3, 4], elements: [] });
    value.annotations.shapes.push({ ...base, label_id: 1, frame: 0, attributes: [], type: 'skeleton', points: [], elements: [{ ...base, label_id: 3, frame: 0, attributes: [], type: 'points', points: [1, 1] }] });
    value.labels.push({ id: 3, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] });
    expect(validateDataset(value)).toEqual([
      { path: 'labels[2].name', message: "duplicate label name 'car'" },
      { path: 'labels[2].id', message: 'duplicate label id 3' },
      { path: 'annotations.shapes[0].label_id', message: 'label 9 does not exist' },
      { path: 'annotations.shapes[1].attributes[0].spec_id', message: "attribute spec 1 does not belong to label 'car'" },
      { path: 'annotations.shapes[1].frame', message: 'frame 5 is not a frame of the dataset' },
      { path: 'annotations.shapes[2].elements[0].label_id', message: 'label 3 is not a sub-label of label 1' },
    ]);
  });
});
