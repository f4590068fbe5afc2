import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import type { Dataset } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { readKitti } from './read.js';
import { writeKitti } from './write.js';
import { createContext } from '@annoconv/core';
import { box, datasetWith, shapePixels } from '@annoconv/testing';

const coordinate = fc.double({ min: 0, max: 500, noNaN: true });
const boxPoints = fc.tuple(coordinate, coordinate, fc.double({ min: 0.5, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true })).map(([x, y, w, h]) => [x, y, x + w, y + h]);
const labelNames = fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z_0-9-]{0,8}$/).filter((name) => name !== 'background'), { minLength: 1, maxLength: 3 });

/** What label_2 holds: axis-aligned boxes with label, occluded and the truncated flag. */
const detectionDataset = fc.integer({ min: 1, max: 4 }).chain((frameCount) =>
  fc.record({
    labels: labelNames,
    boxes: fc.array(fc.record({ label: fc.nat(2), frame: fc.nat(frameCount - 1), points: boxPoints, occluded: fc.boolean(), truncated: fc.boolean() }), { maxLength: 8 }),
  }).map(({ labels, boxes }) => {
    const dataset = datasetWith(labels, Array.from({ length: frameCount }, (_, index) => ({ name: `${String(index).padStart(6, '0')}.png`, subset: 'training' })));
    for (const label of dataset.labels) label.attributes = [{ id: label.id, name: 'truncated', mutable: false, input_type: 'checkbox', default_value: 'false', values: ['false', 'true'] }];
    dataset.annotations.shapes = boxes.map((item) => {
      const label = dataset.labels[item.label % labels.length]!;
      return box({ label_id: label.id, frame: item.frame, points: item.points, occluded: item.occluded, attributes: [{ spec_id: label.attributes[0]!.id, value: String(item.truncated) }] });
    });
    return dataset;
  }),
);

function boxesOf(dataset: Dataset): string[] {
  return dataset.annotations.shapes.map((shape) => {
    const label = dataset.labels.find((candidate) => candidate.id === shape.label_id)!;
    const truncated = shape.attributes.find((attribute) => label.attributes.find((spec) => spec.id === attribute.spec_id)?.name === 'truncated')?.value;
    return `${dataset.frames[shape.frame]!.name} ${label.name} ${shape.points.map((value) => value.toFixed(6)).join(',')} ${shape.occluded} ${truncated}`;
  }).sort();
}

describe('KITTI detection round trip', () => {
  it.prop([detectionDataset], { numRuns: 60 })('keeps every box with its label, occluded and truncated flags', async (dataset) => {
    const sink = new MemorySink();
    const writeContext = createContext();
    await writeKitti(dataset, sink, {}, writeContext);
    expect(writeContext.diagnostics.warnings).toEqual([]);
    if (dataset.annotations.shapes.length === 0) return;
    const back = await readKitti(sink.toTree(), {}, createContext());
    expect(boxesOf(back)).toEqual(boxesOf(dataset));
  });
});

/** What instance/ holds: paintable shapes on small frames, no boxes (those go to label_2). */
const segmentationDataset = fc.integer({ min: 1, max: 3 }).chain((frameCount) =>
  fc.record({
    labels: labelNames,
    shapes: fc.array(
      fc.record({ label: fc.nat(2), frame: fc.nat(frameCount - 1), x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 12 }), w: fc.integer({ min: 1, max: 8 }), h: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom('polygon' as const, 'ellipse' as const, 'rotated' as const) }),
      { maxLength: 6 },
    ),
  }).map(({ labels, shapes }) => {
    const dataset = datasetWith(labels, Array.from({ length: frameCount }, (_, index) => ({ name: `${index}.png`, width: 24, height: 16, subset: 'training' })));
    dataset.annotations.shapes = shapes.map((item) => {
      const label_id = dataset.labels[item.label % labels.length]!.id;
      const { x, y, w, h } = item;
      if (item.kind === 'polygon') return box({ type: 'polygon', label_id, frame: item.frame, points: [x, y, x + w, y, x + w, y + h] });
      if (item.kind === 'ellipse') return box({ type: 'ellipse', label_id, frame: item.frame, points: [x + w / 2, y + h / 2, x + w, y + h] });
      return box({ label_id, frame: item.frame, points: [x, y, x + w, y + h], rotation: 30 });
    });
    return dataset;
  }),
);

/** The label on top at every pixel, painting shapes in order (they all have z_order 0). */
function topLabels(dataset: Dataset): Record<string, string> {
  const top: Record<string, string> = {};
  for (const shape of dataset.annotations.shapes) {
    const pixels = shapePixels({ ...dataset, annotations: { ...dataset.annotations, shapes: [shape] } });
    for (const [key, list] of Object.entries(pixels)) {
      const [frame, label] = key.split(':') as [string, string];
      for (const pixel of list) top[`${frame}#${pixel}`] = label;
    }
  }
  return top;
}

describe('KITTI segmentation round trip', () => {
  it.prop([segmentationDataset], { numRuns: 20 })('keeps the label painted on top at every pixel (as masks)', async (dataset) => {
    const sink = new MemorySink();
    await writeKitti(dataset, sink, {}, createContext());
    if (![...sink.files.keys()].some((file) => file.includes('/instance/'))) return;
    const back = await readKitti(sink.toTree(), { convMaskToPoly: false }, createContext());
    expect(topLabels(back)).toEqual(topLabels(dataset));
  });
});
