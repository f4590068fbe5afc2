import { describe, expect, it } from 'vitest';
import { DatasetBuilder, indexAttributeSpecs, indexLabels } from './dataset-builder.js';

describe('DatasetBuilder', () => {
  it('numbers labels, sub-labels and attribute specs in creation order', () => {
    const builder = new DatasetBuilder();
    const car = builder.label('car', { attributes: [{ name: 'color', input_type: 'select', values: ['red'] }] });
    const face = builder.label('face');
    const nose = builder.sublabel(face, 'nose');
    builder.attribute(car, 'color', { values: ['blue'] });
    expect([car.id, face.id, nose.id]).toEqual([1, 2, 3]);
    expect(face.type).toBe('skeleton');
    expect(car.attributes).toEqual([{ id: 1, name: 'color', mutable: false, input_type: 'select', default_value: '', values: ['red', 'blue'] }]);
    expect(builder.label('car')).toBe(car);
    expect(indexLabels(builder.build().labels).get(3)?.name).toBe('nose');
    expect(indexAttributeSpecs(builder.build().labels).get(1)?.label.name).toBe('car');
  });
  it('keys frames by subset and name', () => {
    const builder = new DatasetBuilder();
    const a = builder.frame('img.jpg', { subset: 'train', width: 10 });
    const b = builder.frame('img.jpg', { subset: 'val' });
    expect(builder.frame('img.jpg', { subset: 'train', height: 5 })).toBe(a);
    expect([a.index, b.index]).toEqual([0, 1]);
    expect(a).toMatchObject({ width: 10, height: 5, subset: 'train' });
    expect(builder.findFrame('img.jpg', 'val')).toBe(b);
  });
});
