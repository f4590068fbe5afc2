import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import type { Shape } from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { MemorySink } from '@annoconv/io';
import { readLabelMe } from './read.js';
import { writeLabelMe } from './write.js';
import { createContext } from '@annoconv/core';
import { box, datasetWith } from '@annoconv/testing';
import { canonicalShapes } from './test-helpers.js';

const WIDTH = 16;
const HEIGHT = 12;
// Coordinates on the 2-decimal grid LabelMe writes.
const coordinate = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((value) => value / 100);
const text = fc.string({ maxLength: 10 }).filter((value) => value.trim() === value && !/[<>&\r\n]/.test(value));

/** What LabelMe holds: boxes (with rotation), polygons and masks, occluded, groups, text and checkbox attributes. */
const labelMeDataset = fc.record({
  labels: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z ,=]{0,6}[a-z]$/), { minLength: 1, maxLength: 3 }),
  frames: fc.uniqueArray(fc.stringMatching(/^([a-z]{1,3}\/)?[a-z0-9]{1,5}$/), { minLength: 1, maxLength: 3 }),
  shapes: fc.array(
    fc.record({
      label: fc.nat(2), frame: fc.nat(2), occluded: fc.boolean(), group: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('rectangle' as const, 'polygon' as const, 'mask' as const),
      points: fc.array(fc.tuple(coordinate(WIDTH), coordinate(HEIGHT)), { minLength: 3, maxLength: 5 }),
      rotation: fc.constantFrom(0, 0, 30, 359.5),
      pixels: fc.uniqueArray(fc.nat(WIDTH * HEIGHT - 1), { minLength: 1, maxLength: 20 }),
      note: text, flag: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
}).map(({ labels, frames, shapes }) => {
  const dataset = datasetWith(labels, frames.map((name, index) => ({ name: `${name}.jpg`, width: WIDTH, height: HEIGHT, subset: index === 2 ? 'val' : 'default' })));
  let specId = 0;
  for (const label of dataset.labels) {
    label.attributes = [
      { id: ++specId, name: 'note', mutable: false, input_type: 'text', default_value: '', values: [] },
      { id: ++specId, name: 'flag', mutable: false, input_type: 'checkbox', default_value: 'false', values: ['false', 'true'] },
    ];
  }
  dataset.annotations.shapes = shapes.map((item): Shape => {
    const label = dataset.labels[item.label % labels.length]!;
    const frame = item.frame % frames.length;
    const attributes = [{ spec_id: label.attributes[0]!.id, value: item.note }, { spec_id: label.attributes[1]!.id, value: String(item.flag) }];
    const base = { label_id: label.id, frame, occluded: item.occluded, group: item.group, attributes };
    if (item.kind === 'rectangle') {
      const xs = item.points.map(([x]) => x);
      const ys = item.points.map(([, y]) => y);
      const [x1, x2] = [Math.min(...xs), Math.max(...xs)];
      const [y1, y2] = [Math.min(...ys), Math.max(...ys)];
      return box({ ...base, points: [x1, y1, x2 > x1 ? x2 : x1 + 1, y2 > y1 ? y2 : y1 + 1], rotation: item.rotation });
    }
    if (item.kind === 'polygon') return box({ ...base, type: 'polygon', points: item.points.flat() });
    const bitmap = new Uint8Array(WIDTH * HEIGHT);
    for (const pixel of item.pixels) bitmap[pixel] = 1;
    return box({ ...base, type: 'mask', points: bitmapToCvatMask(bitmap, HEIGHT, WIDTH) });
  });
  return dataset;
});

describe('LabelMe round trip', () => {
  it.prop([labelMeDataset], { numRuns: 40 })('keeps every shape, its label, geometry, occluded, rotation, attributes and grouping', async (dataset) => {
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeLabelMe(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    const back = await readLabelMe(sink.toTree(), { convMaskToPoly: false }, createContext());
    // CVAT drops groups of one member on import; compare with those removed.
    const expected = canonicalShapes(dataset).map((shape) => (shape.endsWith('|') || shape.split('|').pop()!.includes('+') ? shape : shape.replace(/\|[^|]*$/, '|')));
    expect(canonicalShapes(back)).toEqual(expected);
  });
});

describe('LabelMe labels', () => {
  it('reports the labels no written object uses: LabelMe keeps no label list, so they do not come back', async () => {
    const dataset = datasetWith(['car', 'person', 'tree'], [{ name: 'a.jpg', width: 8, height: 8 }]);
    dataset.annotations.shapes = [box({ label_id: 1, frame: 0, points: [1, 1, 4, 4] }), box({ label_id: 3, frame: 0, type: 'polyline', points: [1, 1, 4, 4] })];
    const sink = new MemorySink();
    const context = createContext();
    await writeLabelMe(dataset, sink, {}, context);
    const reported = context.diagnostics.items.filter((item) => item.code === 'field-dropped');
    expect(reported.map((item) => item.message)).toEqual([expect.stringMatching(/'person', 'tree'/)]);
    const back = await readLabelMe(sink.toTree(), {}, createContext());
    expect(back.labels.map((label) => label.name)).toEqual(['car']);
  });
});

describe('LabelMe without frames', () => {
  it('reports that an export without frames is empty and reads back as nothing', async () => {
    const sink = new MemorySink();
    const context = createContext();
    await writeLabelMe(datasetWith(['car'], []), sink, {}, context);
    expect([...sink.files.keys()]).toEqual([]);
    expect(context.diagnostics.items.filter((item) => item.code === 'data-unsupported').map((item) => item.severity)).toEqual(['warning']);
    await expect(readLabelMe(sink.toTree(), {}, createContext())).rejects.toMatchObject({ code: 'parse' });
  });
});
