// The arbitraries generate what the model's own parser accepts, honour their options, and canonicalize is
// insensitive to the order the model leaves free.
import { cvatMaskToBitmap } from '@annoconv/geometry';
import { parseDataset, pointsLengthProblem, SHAPE_TYPES, type Dataset } from '@annoconv/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonicalize.js';
import { cvatMaskArbitrary, datasetArbitrary, pointsArbitrary } from './model-arbitraries.js';

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('datasetArbitrary', () => {
  it('generates datasets that parseDataset accepts unchanged', () => {
    fc.assert(
      fc.property(datasetArbitrary(), (dataset) => {
        const parsed = parseDataset(jsonCopy(dataset));
        expect(parsed).toEqual(jsonCopy(dataset));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps to the shape types asked for and leaves out tracks, tags and attributes when asked', () => {
    fc.assert(
      fc.property(datasetArbitrary({ shapeTypes: ['rectangle', 'polygon'], tracks: false, tags: false, attributes: false }), (dataset) => {
        expect(dataset.annotations.tracks).toEqual([]);
        expect(dataset.annotations.tags).toEqual([]);
        for (const shape of dataset.annotations.shapes) {
          expect(['rectangle', 'polygon']).toContain(shape.type);
          expect(shape.attributes).toEqual([]);
        }
        expect(dataset.labels.every((label) => label.attributes.length === 0 && label.sublabels.length === 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('generates skeletons with one element per sub-label, and every shape type', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(datasetArbitrary({ maxObjects: 8 }), (dataset) => {
        for (const shape of dataset.annotations.shapes) {
          seen.add(shape.type);
          if (shape.type !== 'skeleton') continue;
          const label = dataset.labels.find((candidate) => candidate.id === shape.label_id)!;
          expect(shape.elements.map((element) => element.label_id)).toEqual(label.sublabels.map((sublabel) => sublabel.id));
        }
      }),
      { numRuns: 80 },
    );
    expect([...seen].sort()).toEqual([...SHAPE_TYPES].sort());
  });

  it('keeps every geometry inside its frame', () => {
    fc.assert(
      fc.property(datasetArbitrary({ shapeTypes: ['rectangle', 'ellipse', 'polygon', 'polyline', 'points', 'cuboid'] }), (dataset) => {
        for (const shape of dataset.annotations.shapes) {
          const frame = dataset.frames[shape.frame]!;
          shape.points.forEach((value, index) => expect(value).toBeLessThanOrEqual(index % 2 === 0 ? frame.width! : frame.height!));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('pointsArbitrary and cvatMaskArbitrary', () => {
  it('give CVAT-valid point counts for every type', () => {
    for (const type of SHAPE_TYPES) {
      fc.assert(fc.property(pointsArbitrary(type, 20, 30), (points) => {
        expect(pointsLengthProblem(type, points.length)).toBeUndefined();
      }), { numRuns: 30 });
    }
  });

  it('give masks whose runs fill their tight inclusive box inside the frame', () => {
    fc.assert(
      fc.property(cvatMaskArbitrary(24, 16), (points) => {
        const [left, top, right, bottom] = points.slice(-4) as [number, number, number, number];
        const runs = points.slice(0, -4);
        expect(runs.reduce((sum, run) => sum + run, 0)).toBe((right - left + 1) * (bottom - top + 1));
        expect(right).toBeLessThan(24);
        expect(bottom).toBeLessThan(16);
        const bitmap = cvatMaskToBitmap(points, 16, 24);
        const row = (y: number) => bitmap.subarray(y * 24 + left, y * 24 + right + 1).some((bit) => bit !== 0);
        expect(row(top) && row(bottom)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('canonicalize', () => {
  it('does not depend on the order of objects, keyframes and attributes, and strips ids', () => {
    fc.assert(
      fc.property(datasetArbitrary(), (dataset) => {
        const shuffled: Dataset = jsonCopy(dataset);
        shuffled.annotations.tags.reverse();
        shuffled.annotations.shapes.reverse();
        shuffled.annotations.tracks.reverse();
        for (const track of shuffled.annotations.tracks) track.shapes.reverse();
        for (const shape of shuffled.annotations.shapes) shape.attributes.reverse();
        shuffled.annotations.shapes.forEach((shape, index) => (shape.id = index + 1));
        expect(canonicalize(shuffled)).toEqual(canonicalize(dataset));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps ids when asked and compares label references by name', () => {
    const dataset = fc.sample(datasetArbitrary({ tracks: false }), { numRuns: 1, seed: 7 })[0]!;
    dataset.annotations.shapes.forEach((shape, index) => (shape.id = index + 10));
    expect(canonicalize(dataset, { stripIds: false }).annotations.shapes.map((shape) => shape.id).sort()).toEqual(dataset.annotations.shapes.map((shape) => shape.id).sort());
    const named = canonicalize(dataset, { byNames: true });
    for (const shape of named.annotations.shapes) expect(typeof shape.label_id).toBe('string');
  });
});
