// remapLabels: renaming, merging, deleting, what happens to annotations and ids, and that the result stays valid.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { AnnoconvError, createContext, type Dataset } from '@annoconv/core';
import { datasetArbitrary, datasetWith, shape, track } from '@annoconv/testing';
import { validateDataset } from '../validate-dataset.js';
import { remapLabels } from './remap-labels.js';

function vehicles(): Dataset {
  const dataset = datasetWith(
    [
      { name: 'car', color: '#ff0000', attributes: [{ name: 'parked', input_type: 'checkbox' }, { name: 'model' }] },
      { name: 'bus', attributes: [{ name: 'model' }, { name: 'line', input_type: 'number', values: ['0', '100', '1'] }] },
      'person',
    ],
    [{ name: 'a.jpg', width: 10, height: 10 }],
  );
  dataset.annotations.shapes = [
    shape({ type: 'rectangle', label_id: 1, frame: 0, points: [0, 0, 1, 1], attributes: [{ spec_id: 1, value: 'true' }, { spec_id: 2, value: 'T' }] }),
    shape({ type: 'rectangle', label_id: 2, frame: 0, points: [0, 0, 2, 2], attributes: [{ spec_id: 3, value: 'X' }, { spec_id: 4, value: '7' }] }),
    shape({ type: 'rectangle', label_id: 3, frame: 0, points: [0, 0, 3, 3] }),
  ];
  dataset.annotations.tags = [{ id: null, frame: 0, label_id: 3, group: 0, source: 'manual', attributes: [] }];
  dataset.annotations.tracks = [track(3, [{ frame: 0, points: [1, 1, 2, 2] }])];
  return dataset;
}

describe('remapLabels', () => {
  it('renames a label and keeps its id, colour and annotations', () => {
    const context = createContext();
    const result = remapLabels(vehicles(), { mapping: { car: 'automobile' } }, context);
    expect(result.labels.map((label) => [label.id, label.name, label.color])).toEqual([[1, 'automobile', '#ff0000'], [2, 'bus', ''], [3, 'person', '']]);
    expect(result.annotations.shapes.map((item) => item.label_id)).toEqual([1, 2, 3]);
    expect(context.diagnostics.items.map((item) => item.message)).toEqual(["label 'car' renamed 'automobile'"]);
  });

  it('merges labels mapped to one name: attributes by name, values follow their spec', () => {
    const context = createContext();
    const result = remapLabels(vehicles(), { mapping: { car: 'vehicle', bus: 'vehicle' } }, context);
    expect(result.labels.map((label) => label.name)).toEqual(['vehicle', 'person']);
    const vehicle = result.labels[0]!;
    expect(vehicle.attributes.map((spec) => [spec.id, spec.name])).toEqual([[1, 'parked'], [2, 'model'], [4, 'line']]);
    expect(result.annotations.shapes.map((item) => [item.label_id, item.attributes])).toEqual([
      [1, [{ spec_id: 1, value: 'true' }, { spec_id: 2, value: 'T' }]],
      [1, [{ spec_id: 2, value: 'X' }, { spec_id: 4, value: '7' }]],
      [3, []],
    ]);
    expect(context.diagnostics.items.map((item) => item.message)).toEqual(["labels 'car', 'bus' merged into 'vehicle'"]);
    expect(validateDataset(result)).toEqual([]);
  });

  it('merges into a label that keeps its own name, whichever comes first', () => {
    const result = remapLabels(vehicles(), { mapping: { car: 'bus' } }, createContext());
    expect(result.labels.map((label) => [label.id, label.name])).toEqual([[2, 'bus'], [3, 'person']]);
    expect(result.annotations.shapes.map((item) => item.label_id)).toEqual([2, 2, 3]);
  });

  it('deletes a label mapped to nothing with its shapes, tags and tracks', () => {
    const context = createContext();
    const result = remapLabels(vehicles(), { mapping: { person: '' } }, context);
    expect(result.labels.map((label) => label.name)).toEqual(['car', 'bus']);
    expect(result.annotations.shapes).toHaveLength(2);
    expect(result.annotations.tags).toEqual([]);
    expect(result.annotations.tracks).toEqual([]);
    expect(context.diagnostics.items.map((item) => item.message)).toEqual(['1 label deleted with its annotations', '3 annotations of deleted labels dropped']);
  });

  it('deletes the labels the map does not name when asked, and warns about names it does not know', () => {
    const context = createContext();
    const result = remapLabels(vehicles(), { mapping: { car: 'car', truck: 'vehicle' }, unmapped: 'delete' }, context);
    expect(result.labels.map((label) => label.name)).toEqual(['car']);
    expect(context.diagnostics.items[0]).toMatchObject({ code: 'label-unknown', severity: 'warning', message: "the label map names 'truck', which the dataset has no label of" });
  });

  it('refuses to merge skeletons whose points differ', () => {
    const dataset = datasetWith(['a', 'b'], []);
    dataset.labels[0]!.type = 'skeleton';
    dataset.labels[0]!.sublabels = [{ id: 10, name: 'head', color: '', type: 'points', attributes: [], parent_id: 1 }];
    dataset.labels[1]!.type = 'skeleton';
    dataset.labels[1]!.sublabels = [{ id: 11, name: 'tail', color: '', type: 'points', attributes: [], parent_id: 2 }];
    let error: unknown;
    try {
      remapLabels(dataset, { mapping: { a: 'x', b: 'x' } }, createContext());
    } catch (caught) {
      error = caught;
    }
    expect(AnnoconvError.isInstance(error) && error.code).toBe('invalid-request');
    expect((error as Error).message).toContain("cannot merge label 'b' into 'x': their skeleton points differ (tail / head)");
  });

  test.prop([
    datasetArbitrary().chain((dataset) =>
      fc.tuple(
        fc.constant(dataset),
        fc.dictionary(
          fc.constantFrom(...dataset.labels.map((label) => label.name), 'nonexistent'),
          fc.constantFrom('', 'merged', ...dataset.labels.map((label) => label.name)),
        ),
        fc.constantFrom('keep' as const, 'delete' as const),
      ),
    ),
  ], { numRuns: 60 })('keeps any dataset valid, and drops exactly the annotations of deleted labels', ([dataset, mapping, unmapped]) => {
    // Skeletons with different points cannot merge; such maps are refused (tested above).
    let result: Dataset;
    try {
      result = remapLabels(dataset, { mapping, unmapped }, createContext());
    } catch (error) {
      expect((error as Error).message).toMatch(/skeleton points differ/);
      return;
    }
    expect(validateDataset(result)).toEqual([]);
    const surviving = new Set(dataset.labels.filter((label) => {
      const to = Object.hasOwn(mapping, label.name) ? mapping[label.name] : unmapped === 'delete' ? '' : label.name;
      return to !== '';
    }).map((label) => label.id));
    const count = (data: Dataset, keep: (labelId: number) => boolean): number =>
      [...data.annotations.shapes, ...data.annotations.tags, ...data.annotations.tracks].filter((item) => keep(item.label_id)).length;
    expect(count(result, () => true)).toBe(count(dataset, (id) => surviving.has(id)));
  });
});
