// Property tests: any dataset a flavour can hold survives write → read. Every coordinate is written as `%.6f` of its
// normalized value (within 5e-7 of it) and read back within 1e-6 of the normalized value written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext, type Dataset, type Label, type Shape } from '@annoconv/core';
import { rectangleCorners } from './encode-shapes.js';
import { plugins } from './index.js';
import { splitLines } from './line.js';
import { shape } from '@annoconv/testing';
import { element, writeToMemory } from './test-helpers.js';

const pluginById = (id: string) => plugins.find((plugin) => plugin.id === id)!;
const RUNS = 40;

interface FrameSpec {
  width: number;
  height: number;
  subset: string;
}

const frameSpec = fc.record({ width: fc.integer({ min: 1, max: 4000 }), height: fc.integer({ min: 1, max: 4000 }), subset: fc.constantFrom('', 'default', 'train', 'val', 'test') });
const coordinate = (size: number) => fc.double({ min: -0.2 * size, max: 1.2 * size, noNaN: true, noDefaultInfinity: true });

function baseDataset(labels: Label[], frames: FrameSpec[]): Dataset {
  return {
    labels,
    frames: frames.map((frame, index) => ({ index, name: index % 2 ? `dir/f${index}.png` : `f${index}.jpg`, width: frame.width, height: frame.height, subset: frame.subset })),
    meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes: [], tracks: [] },
  };
}

function plainLabels(count: number): Label[] {
  return Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `label ${index}`, color: '', type: 'any' as const, attributes: [], sublabels: [] }));
}

/** Label file lines of a written tree, keyed by frame name, parsed to numbers. */
function writtenValues(files: Map<string, Uint8Array>, labelPath: (frame: Dataset['frames'][number], subset: string) => string, dataset: Dataset): Map<number, number[][]> {
  const decoder = new TextDecoder();
  const result = new Map<number, number[][]>();
  for (const frame of dataset.frames) {
    const subset = frame.subset === '' || frame.subset === 'default' ? 'train' : frame.subset;
    const bytes = files.get(labelPath(frame, subset));
    expect(bytes, `label file of ${frame.name}`).toBeDefined();
    result.set(frame.index, splitLines(decoder.decode(bytes)).map((row) => row.fields.map(Number)));
  }
  return result;
}

const stem = (name: string) => name.replace(/\.[^./]+$/, '');
const ultralyticsLabelPath = (frame: Dataset['frames'][number], subset: string) => `labels/${subset}/${stem(frame.name)}.txt`;
const darknetLabelPath = (frame: Dataset['frames'][number], subset: string) => `obj_${subset}_data/${stem(frame.name)}.txt`;

function expectClose(actual: number, expected: number, tolerance: number, what: string): void {
  if (!(Math.abs(actual - expected) <= tolerance)) throw new Error(`${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);
}

/** Normalized expected values of one shape per flavour, as the writer should print them. */
function normalized(item: Shape, frame: FrameSpec, flavour: string): number[] {
  const { width: W, height: H } = frame;
  const p = item.points;
  if (flavour === 'box') return [(p[0]! + p[2]!) / 2 / W, (p[1]! + p[3]!) / 2 / H, (p[2]! - p[0]!) / W, (p[3]! - p[1]!) / H];
  if (flavour === 'obb') return rectangleCorners(p, item.rotation).map((value, index) => value / (index % 2 ? H : W));
  return p.map((value, index) => value / (index % 2 ? H : W));
}

function rectangleArbitrary(frames: FrameSpec[], labelCount: number, rotated: boolean) {
  return fc.integer({ min: 0, max: frames.length - 1 }).chain((frame) =>
    fc
      .record({
        label: fc.integer({ min: 1, max: labelCount }),
        x: fc.tuple(coordinate(frames[frame]!.width), coordinate(frames[frame]!.width)),
        y: fc.tuple(coordinate(frames[frame]!.height), coordinate(frames[frame]!.height)),
        rotation: rotated ? fc.double({ min: 0, max: 359.999, noNaN: true }) : fc.constant(0),
      })
      .map(({ label, x, y, rotation }) =>
        shape({ type: 'rectangle', label_id: label, frame, rotation, points: [Math.min(...x), Math.min(...y), Math.max(...x), Math.max(...y)] }),
      ),
  );
}

async function roundTrip(pluginId: string, dataset: Dataset) {
  const plugin = pluginById(pluginId);
  const { sink, tree } = await writeToMemory(plugin, dataset);
  const again = await plugin.read!(tree, {}, createContext());
  return { files: sink.files, again };
}

/** Shapes of the re-read dataset grouped by frame name, in file order. */
function shapesByFrameName(dataset: Dataset): Map<string, Shape[]> {
  const byName = new Map<string, Shape[]>();
  for (const item of dataset.annotations.shapes) {
    const name = dataset.frames[item.frame]!.name;
    byName.set(name, [...(byName.get(name) ?? []), item]);
  }
  return byName;
}

describe('round trips', () => {
  for (const [pluginId, labelPath] of [
    ['yolo', darknetLabelPath],
    ['ultralytics-detection', ultralyticsLabelPath],
  ] as const) {
    it(`${pluginId}: axis-aligned rectangles`, async () => {
      const arbitrary = fc
        .tuple(fc.array(frameSpec, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }))
        .chain(([frames, labelCount]) => fc.tuple(fc.constant(frames), fc.constant(labelCount), fc.array(rectangleArbitrary(frames, labelCount, false), { maxLength: 12 })));
      await fc.assert(
        fc.asyncProperty(arbitrary, async ([frames, labelCount, shapes]) => {
          const dataset = baseDataset(plainLabels(labelCount), frames);
          dataset.annotations.shapes = shapes;
          const { files, again } = await roundTrip(pluginId, dataset);
          const written = writtenValues(files, labelPath, dataset);
          const reread = shapesByFrameName(again);
          const againLabels = new Map(again.labels.map((label) => [label.id, label.name]));
          dataset.frames.forEach((frame) => {
            const originals = shapes.filter((item) => item.frame === frame.index);
            const lines = written.get(frame.index)!;
            const back = reread.get(frame.name) ?? [];
            expect(lines).toHaveLength(originals.length);
            expect(back).toHaveLength(originals.length);
            originals.forEach((original, index) => {
              const expected = normalized(original, frames[frame.index]!, 'box');
              expect(lines[index]![0]).toBe(original.label_id - 1);
              expected.forEach((value, at) => expectClose(lines[index]![at + 1]!, value, 5e-7 + 1e-12, 'written'));
              const again = normalized(back[index]!, frames[frame.index]!, 'box');
              again.forEach((value, at) => expectClose(value, lines[index]![at + 1]!, 1e-6, 'read back'));
              expect(againLabels.get(back[index]!.label_id)).toBe(dataset.labels[original.label_id - 1]!.name);
            });
          });
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('ultralytics-segmentation: polygons', async () => {
    const arbitrary = fc
      .tuple(fc.array(frameSpec, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([frames, labelCount]) =>
        fc.tuple(
          fc.constant(frames),
          fc.constant(labelCount),
          fc.array(
            fc.integer({ min: 0, max: frames.length - 1 }).chain((frame) =>
              fc
                .record({
                  label: fc.integer({ min: 1, max: labelCount }),
                  points: fc.array(fc.tuple(coordinate(frames[frame]!.width), coordinate(frames[frame]!.height)), { minLength: 3, maxLength: 8 }),
                })
                .map(({ label, points }) => shape({ type: 'polygon', label_id: label, frame, points: points.flat() })),
            ),
            { maxLength: 8 },
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([frames, labelCount, shapes]) => {
        const dataset = baseDataset(plainLabels(labelCount), frames);
        dataset.annotations.shapes = shapes;
        const { files, again } = await roundTrip('ultralytics-segmentation', dataset);
        const written = writtenValues(files, ultralyticsLabelPath, dataset);
        const reread = shapesByFrameName(again);
        for (const frame of dataset.frames) {
          const originals = shapes.filter((item) => item.frame === frame.index);
          const back = reread.get(frame.name) ?? [];
          expect(back).toHaveLength(originals.length);
          originals.forEach((original, index) => {
            const line = written.get(frame.index)![index]!;
            normalized(original, frames[frame.index]!, 'polygon').forEach((value, at) => expectClose(line[at + 1]!, value, 5e-7 + 1e-12, 'written'));
            normalized(back[index]!, frames[frame.index]!, 'polygon').forEach((value, at) => expectClose(value, line[at + 1]!, 1e-6, 'read back'));
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ultralytics-obb: rotated rectangles keep their corners (and so their rotation)', async () => {
    const squareish = fc.integer({ min: 50, max: 2000 }).chain((width) => fc.record({ width: fc.constant(width), height: fc.integer({ min: Math.ceil(width / 2), max: width * 2 }), subset: fc.constantFrom('', 'val') }));
    const arbitrary = fc
      .tuple(fc.array(squareish, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([frames, labelCount]) => fc.tuple(fc.constant(frames), fc.constant(labelCount), fc.array(rectangleArbitrary(frames, labelCount, true), { maxLength: 8 })));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([frames, labelCount, shapes]) => {
        const dataset = baseDataset(plainLabels(labelCount), frames);
        dataset.annotations.shapes = shapes;
        const { files, again } = await roundTrip('ultralytics-obb', dataset);
        const written = writtenValues(files, ultralyticsLabelPath, dataset);
        const reread = shapesByFrameName(again);
        for (const frame of dataset.frames) {
          const originals = shapes.filter((item) => item.frame === frame.index);
          const back = reread.get(frame.name) ?? [];
          expect(back).toHaveLength(originals.length);
          originals.forEach((original, index) => {
            const line = written.get(frame.index)![index]!;
            normalized(original, frames[frame.index]!, 'obb').forEach((value, at) => expectClose(line[at + 1]!, value, 5e-7 + 1e-12, 'written'));
            // Four rounded corners are no longer an exact rectangle; the fitted one stays within the rounding.
            normalized(back[index]!, frames[frame.index]!, 'obb').forEach((value, at) => expectClose(value, line[at + 1]!, 2e-6, 'read back'));
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ultralytics-pose: skeletons keep points and visibility', async () => {
    const arbitrary = fc
      .tuple(fc.array(frameSpec, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }))
      .chain(([frames, pointCounts]) =>
        fc.tuple(
          fc.constant(frames),
          fc.constant(pointCounts),
          fc.array(
            fc.record({ frame: fc.integer({ min: 0, max: frames.length - 1 }), skeleton: fc.integer({ min: 0, max: pointCounts.length - 1 }), seed: fc.array(fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.constantFrom(0, 1, 2)), { minLength: 4, maxLength: 4 }) }),
            { maxLength: 6 },
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([frames, pointCounts, specs]) => {
        let nextId = 1;
        const labels: Label[] = pointCounts.map((count, index) => {
          const id = nextId++;
          return { id, name: `skeleton ${index}`, color: '', type: 'skeleton', attributes: [], sublabels: Array.from({ length: count }, (_, point) => ({ id: nextId++, name: `p${point}`, color: '', type: 'points' as const, attributes: [], parent_id: id })) };
        });
        const dataset = baseDataset(labels, frames);
        // A skeleton whose points are all outside has no box and is dropped; keep one point visible.
        dataset.annotations.shapes = specs.map(({ frame, skeleton, seed }) => {
          const label = labels[skeleton]!;
          const { width: W, height: H } = frames[frame]!;
          return shape({
            type: 'skeleton',
            label_id: label.id,
            frame,
            elements: label.sublabels.map((sublabel, index) => {
              const [x, y, v] = seed[index]!;
              const visibility = index === 0 && v === 0 ? 2 : v;
              return element({ label_id: sublabel.id, frame, points: [x * W, y * H], outside: visibility === 0, occluded: visibility === 1 });
            }),
          });
        });
        const { again } = await roundTrip('ultralytics-pose', dataset);
        const reread = shapesByFrameName(again);
        for (const frame of dataset.frames) {
          const originals = dataset.annotations.shapes.filter((item) => item.frame === frame.index);
          const back = reread.get(frame.name) ?? [];
          expect(back).toHaveLength(originals.length);
          const { width: W, height: H } = frames[frame.index]!;
          originals.forEach((original, index) => {
            const copy = back[index]!;
            expect(again.labels.find((label) => label.id === copy.label_id)!.name).toBe(labels.find((label) => label.id === original.label_id)!.name);
            original.elements.forEach((sub, at) => {
              const got = copy.elements[at]!;
              expect([got.outside, got.occluded]).toEqual([sub.outside, sub.occluded]);
              expectClose(got.points[0]! / W, sub.points[0]! / W, 5e-7 + 1e-12, 'x');
              expectClose(got.points[1]! / H, sub.points[1]! / H, 5e-7 + 1e-12, 'y');
            });
            // Padding points of shorter skeletons come back outside.
            for (const extra of copy.elements.slice(original.elements.length)) expect(extra.outside).toBe(true);
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ultralytics-classification: tags per image', async () => {
    const arbitrary = fc
      .tuple(fc.array(frameSpec, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 4 }))
      .chain(([frames, labelCount]) => fc.tuple(fc.constant(frames), fc.constant(labelCount), fc.array(fc.subarray(Array.from({ length: labelCount }, (_, index) => index + 1)), { minLength: frames.length, maxLength: frames.length })));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([frames, labelCount, tagSets]) => {
        const dataset = baseDataset(plainLabels(labelCount), frames);
        dataset.annotations.tags = tagSets.flatMap((labels, frame) => labels.map((label_id) => ({ id: null, label_id, frame, group: 0, source: 'manual', attributes: [] })));
        const { again } = await roundTrip('ultralytics-classification', dataset);
        const names = (data: Dataset) => {
          const byId = new Map(data.labels.map((label) => [label.id, label.name]));
          const subsetOf = (subset: string) => (subset === '' || subset === 'default' ? 'train' : subset);
          return data.annotations.tags.map((tag) => `${subsetOf(data.frames[tag.frame]!.subset)}/${data.frames[tag.frame]!.name}=${byId.get(tag.label_id)}`).sort();
        };
        expect(names(again)).toEqual(names(dataset));
        expect(again.frames).toHaveLength(dataset.frames.length);
      }),
      { numRuns: RUNS },
    );
  });
});
