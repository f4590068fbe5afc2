// Property: canonical → CVAT XML → canonical is the identity. "CVAT for images" for shapes of every type, tags
// and attributes (task and project layouts); "CVAT for video" for tracks of every interpolable type, skeleton
// tracks and attributes. The arbitraries build datasets in the form CVAT's reader produces (label ids in meta
// order, one value per attribute, keyframes carrying all mutable attributes), since the XML cannot say more.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createContext, datasetSchema, SOURCE_TYPES } from '@annoconv/core';
import type { AttributeInputType, AttributeVal, Dataset, Frame, Label, LabelType, Shape, ShapeType, SubShape, SubTrack, Tag, Track, TrackedShape } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { readCvat } from './read.js';
import { writeCvat, type CvatFlavour } from './write.js';

// ---- arbitraries ------------------------------------------------------------------------------------------------

/** Text as XML carries it: any printable characters, including the ones that need escaping. */
const text = (minLength = 0) => fc.string({ minLength, maxLength: 8, unit: fc.constantFrom(...'ab Z09&<>"\'/_-.é\t'.split('')) });
const name = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abcxyz019 _-&<>"\''.split('')) });
/** Coordinates as CVAT writes them: two decimals. */
const coordinate = fc.integer({ min: -50_000, max: 500_000 }).map((value) => value / 100);
const rotation = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 36_000 }).map((value) => value / 100));
const source = fc.constantFrom(...SOURCE_TYPES);

interface AttributeDef {
  name: string;
  mutable: boolean;
  input_type: AttributeInputType;
  default_value: string;
  values: string[];
}
interface LabelDef {
  name: string;
  color: string;
  type: LabelType;
  attributes: AttributeDef[];
  sublabels: Array<{ name: string; color: string }>;
}

const attributeDefs = fc.uniqueArray(
  fc.record({
    name,
    mutable: fc.boolean(),
    input_type: fc.constantFrom<AttributeInputType>('checkbox', 'radio', 'number', 'text', 'select'),
    default_value: text(),
    values: fc.array(text(1), { maxLength: 3 }),
  }),
  { maxLength: 3, selector: (attribute) => attribute.name },
);

const labelDefs: fc.Arbitrary<LabelDef[]> = fc
  .tuple(
    fc.uniqueArray(name, { minLength: 2, maxLength: 4 }),
    fc.array(fc.record({ color: fc.stringMatching(/^#[0-9a-f]{6}$/), type: fc.constantFrom<LabelType>('any', 'rectangle', 'polygon', 'mask', 'tag'), attributes: attributeDefs }), {
      minLength: 4,
      maxLength: 4,
    }),
    fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
  )
  .map(([names, specs, sublabelNames]) => {
    const labels: LabelDef[] = names.slice(1).map((labelName, index) => ({ name: labelName, ...specs[index]!, sublabels: [] }));
    // The first name is a skeleton with sub-labels (points, no attributes, as CVAT creates them).
    labels.push({ name: names[0]!, color: '#0c81b5', type: 'skeleton', attributes: [], sublabels: sublabelNames.map((sub) => ({ name: sub, color: '#d12345' })) });
    return labels;
  });

/** Ids as the reader gives them: top-level labels first in meta order, then sub-labels; specs likewise. */
function buildLabels(defs: LabelDef[]): Label[] {
  let nextLabel = 1;
  let nextSpec = 1;
  const labels: Label[] = defs.map((def) => ({
    id: nextLabel++,
    name: def.name,
    color: def.color,
    type: def.type,
    attributes: def.attributes.map((attribute) => ({ id: nextSpec++, ...attribute })),
    sublabels: [],
    ...(def.type === 'skeleton' ? { svg: def.sublabels.map((sub, index) => `<circle data-node-id="${index + 1}" data-label-name="${sub.name}"></circle>`).join('') } : {}),
  }));
  defs.forEach((def, index) => {
    labels[index]!.sublabels = def.sublabels.map((sub) => ({ id: nextLabel++, name: sub.name, color: sub.color, type: 'points', attributes: [], parent_id: labels[index]!.id }));
  });
  return labels;
}

function pointsOf(type: ShapeType): fc.Arbitrary<number[]> {
  switch (type) {
    case 'rectangle':
    case 'ellipse':
      return fc.array(coordinate, { minLength: 4, maxLength: 4 });
    case 'cuboid':
      return fc.array(coordinate, { minLength: 16, maxLength: 16 });
    case 'polygon':
      return fc.integer({ min: 3, max: 6 }).chain((count) => fc.array(coordinate, { minLength: count * 2, maxLength: count * 2 }));
    case 'polyline':
      return fc.integer({ min: 2, max: 6 }).chain((count) => fc.array(coordinate, { minLength: count * 2, maxLength: count * 2 }));
    case 'points':
      return fc.integer({ min: 1, max: 4 }).chain((count) => fc.array(coordinate, { minLength: count * 2, maxLength: count * 2 }));
    case 'mask':
      // A bitmap of the box, then CVAT's runs (starting with a 0-run) and the inclusive box.
      return fc
        .record({ left: fc.nat(50), top: fc.nat(50), width: fc.integer({ min: 1, max: 6 }), height: fc.integer({ min: 1, max: 6 }) })
        .chain((box) =>
          fc.array(fc.boolean(), { minLength: box.width * box.height, maxLength: box.width * box.height }).map((bits) => {
            const runs: number[] = [];
            let current = false;
            let run = 0;
            for (const bit of bits) {
              if (bit !== current) {
                runs.push(run);
                run = 0;
                current = bit;
              }
              run++;
            }
            runs.push(run);
            return [...runs, box.left, box.top, box.left + box.width - 1, box.top + box.height - 1];
          }),
        );
    case 'skeleton':
      return fc.constant([]);
  }
}

/** One value for some of the label's attributes, in spec order. */
function attributeValues(label: Pick<Label, 'attributes'>, filter: (mutable: boolean) => boolean = () => true, all = false): fc.Arbitrary<AttributeVal[]> {
  const specs = label.attributes.filter((spec) => filter(spec.mutable));
  return fc.tuple(...specs.map((spec) => fc.tuple(all ? fc.constant(true) : fc.boolean(), text()).map(([present, value]) => (present ? [{ spec_id: spec.id, value }] : [])))).map((lists) => lists.flat());
}

const SHAPE_TYPES_PLAIN: ShapeType[] = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask'];

function shapeArbitrary(labels: Label[], frames: number): fc.Arbitrary<Shape> {
  const plain = labels.filter((label) => label.type !== 'skeleton');
  const skeleton = labels.find((label) => label.type === 'skeleton')!;
  const common = { frame: fc.nat(frames - 1), group: fc.nat(3), source, z_order: fc.integer({ min: -3, max: 3 }) };
  const plainShape = fc
    .record({ label: fc.constantFrom(...plain), type: fc.constantFrom(...SHAPE_TYPES_PLAIN), ...common, occluded: fc.boolean() })
    .chain((base) =>
      fc.record({ points: pointsOf(base.type), rotation: base.type === 'rectangle' || base.type === 'ellipse' ? rotation : fc.constant(0), attributes: attributeValues(base.label) }).map(
        (rest): Shape => ({
          id: null,
          label_id: base.label.id,
          frame: base.frame,
          group: base.group,
          source: base.source,
          attributes: rest.attributes,
          type: base.type,
          occluded: base.occluded,
          outside: false,
          z_order: base.z_order,
          rotation: rest.rotation,
          points: rest.points,
          score: 1,
          elements: [],
        }),
      ),
    );
  const skeletonShape = fc.record(common).chain((base) =>
    fc
      .subarray(skeleton.sublabels, { minLength: 1 })
      .chain((sublabels) =>
        fc.tuple(
          ...sublabels.map((sublabel) =>
            fc.record({ points: pointsOf('points').map((points) => points.slice(0, 2)), occluded: fc.boolean(), outside: fc.boolean(), group: fc.nat(2), source }).map(
              (element): SubShape => ({
                id: null,
                label_id: sublabel.id,
                frame: base.frame,
                group: element.group,
                source: element.source,
                attributes: [],
                type: 'points',
                occluded: element.occluded,
                outside: element.outside,
                z_order: 0,
                rotation: 0,
                points: element.points,
                score: 1,
              }),
            ),
          ),
        ),
      )
      .map(
        (elements): Shape => ({
          id: null,
          label_id: skeleton.id,
          frame: base.frame,
          group: base.group,
          source: base.source,
          attributes: [],
          type: 'skeleton',
          occluded: false,
          outside: false,
          z_order: base.z_order,
          rotation: 0,
          points: [],
          score: 1,
          elements,
        }),
      ),
  );
  return fc.oneof({ arbitrary: plainShape, weight: 4 }, { arbitrary: skeletonShape, weight: 1 });
}

function tagArbitrary(labels: Label[], frames: number): fc.Arbitrary<Tag> {
  const plain = labels.filter((label) => label.type !== 'skeleton');
  return fc
    .record({ label: fc.constantFrom(...plain), frame: fc.nat(frames - 1), group: fc.nat(3), source })
    .chain((base) => attributeValues(base.label).map((attributes): Tag => ({ id: null, label_id: base.label.id, frame: base.frame, group: base.group, source: base.source, attributes })));
}

/** Shapes in the order CVAT writes them back: by frame, then z_order (stable). */
function inWrittenOrder(shapes: Shape[]): Shape[] {
  return shapes
    .map((shape, position) => ({ shape, position }))
    .sort((a, b) => a.shape.frame - b.shape.frame || a.shape.z_order - b.shape.z_order || a.position - b.position)
    .map(({ shape }) => shape);
}

const imagesDataset: fc.Arbitrary<Dataset> = fc
  .record({
    labels: labelDefs.map(buildLabels),
    frames: fc.uniqueArray(fc.tuple(text(1), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })), { minLength: 1, maxLength: 4, selector: ([frameName]) => frameName }),
    project: fc.boolean(),
    start: fc.nat(100),
    step: fc.integer({ min: 1, max: 5 }),
    overlap: fc.nat(5),
    taskName: text(),
    subset: fc.constantFrom('', 'train', 'Validation set'),
  })
  .chain((base) => {
    const frames: Frame[] = base.frames.map(([frameName, width, height], index) => ({
      index,
      name: `${frameName}/img${index}.jpg`,
      width,
      height,
      // A project export: one task per subset, frames grouped by subset as CVAT writes them.
      subset: base.project ? (index < Math.ceil(base.frames.length / 2) ? 'train' : 'val') : base.subset,
    }));
    const meta: Dataset['meta'] = new Set(frames.map((frame) => frame.subset)).size > 1
      ? { name: base.taskName, mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }
      : {
          name: base.taskName,
          mode: 'annotation',
          startFrame: base.start,
          frameStep: base.step,
          stopFrame: base.start + (frames.length - 1) * base.step,
          overlap: base.overlap,
          deletedFrames: [],
          segmentSize: 0,
        };
    return fc
      .record({ shapes: fc.array(shapeArbitrary(base.labels, frames.length), { maxLength: 12 }), tags: fc.array(tagArbitrary(base.labels, frames.length), { maxLength: 4 }) })
      .map(({ shapes, tags }): Dataset => ({
        labels: base.labels,
        frames,
        meta,
        // The images flavour writes a frame's shapes by z_order, then its tags.
        annotations: { version: 0, shapes: inWrittenOrder(shapes), tags: [...tags].sort((a, b) => a.frame - b.frame), tracks: [] },
      }));
  });

const TRACK_TYPES: ShapeType[] = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid'];

function trackArbitrary(labels: Label[], frames: number): fc.Arbitrary<Track> {
  const plain = labels.filter((label) => label.type !== 'skeleton');
  const skeleton = labels.find((label) => label.type === 'skeleton')!;
  const keyframeFrames = (from: number) => fc.uniqueArray(fc.integer({ min: from, max: frames - 1 }), { minLength: 1, maxLength: Math.min(4, frames - from) }).map((list) => list.sort((a, b) => a - b));
  const plainTrack = fc
    .record({ label: fc.constantFrom(...plain), type: fc.constantFrom(...TRACK_TYPES), group: fc.nat(3), source, frames: keyframeFrames(0) })
    .chain((base) =>
      // Every keyframe of a track has the same number of points.
      pointsOf(base.type).chain((template) =>
        fc
          .record({
            trackAttributes: attributeValues(base.label, (mutable) => !mutable, true),
            keyframes: fc.tuple(
              ...base.frames.map((frame) =>
                fc
                  .record({
                    points: fc.array(coordinate, { minLength: template.length, maxLength: template.length }),
                    occluded: fc.boolean(),
                    outside: fc.boolean(),
                    z_order: fc.integer({ min: -2, max: 2 }),
                    rotation: base.type === 'rectangle' || base.type === 'ellipse' ? rotation : fc.constant(0),
                    attributes: attributeValues(base.label, (mutable) => mutable, true),
                  })
                  .map((shape): TrackedShape => ({ id: null, frame, type: base.type, ...shape })),
              ),
            ),
          })
          .map(
            ({ trackAttributes, keyframes }): Track => ({
              id: null,
              label_id: base.label.id,
              frame: base.frames[0]!,
              group: base.group,
              source: base.source,
              attributes: trackAttributes,
              shapes: keyframes,
              elements: [],
            }),
          ),
      ),
    );
  const skeletonTrack = fc
    .record({ start: fc.nat(frames - 1), group: fc.nat(3), source, z_order: fc.integer({ min: -2, max: 2 }) })
    .chain((base) =>
      fc.subarray(skeleton.sublabels, { minLength: 1 }).chain((sublabels) =>
        fc
          .tuple(
            ...sublabels.map((sublabel) =>
              // CVAT starts every element track with its skeleton.
              keyframeFrames(base.start).map((list) => [...new Set([base.start, ...list])].sort((a, b) => a - b)).chain((elementFrames) =>
                fc
                  .tuple(
                    ...elementFrames.map((frame) =>
                      fc
                        .record({ points: fc.tuple(coordinate, coordinate).map(([x, y]) => [x, y]), occluded: fc.boolean(), outside: fc.boolean() })
                        .map((shape): TrackedShape => ({ id: null, frame, type: 'points', z_order: 0, rotation: 0, attributes: [], ...shape })),
                    ),
                  )
                  .map((shapes): SubTrack => ({ id: null, label_id: sublabel.id, frame: shapes[0]!.frame, group: 0, source: base.source, attributes: [], shapes })),
              ),
            ),
          )
          .map(
            (elements): Track => ({
              id: null,
              label_id: skeleton.id,
              frame: base.start,
              group: base.group,
              source: base.source,
              attributes: [],
              // The skeleton itself: one visible keyframe, as CVAT's UI makes it.
              shapes: [{ id: null, frame: base.start, type: 'skeleton', occluded: false, outside: false, z_order: base.z_order, rotation: 0, points: [], attributes: [] }],
              elements,
            }),
          ),
      ),
    );
  return fc.oneof({ arbitrary: plainTrack, weight: 3 }, { arbitrary: skeletonTrack, weight: 1 });
}

const videoDataset: fc.Arbitrary<Dataset> = fc
  .record({
    labels: labelDefs.map(buildLabels),
    count: fc.integer({ min: 1, max: 8 }),
    start: fc.nat(100),
    step: fc.integer({ min: 1, max: 4 }),
    width: fc.integer({ min: 1, max: 4000 }),
    height: fc.integer({ min: 1, max: 4000 }),
    overlap: fc.nat(5),
    taskName: text(),
  })
  .chain((base) => {
    const frames: Frame[] = Array.from({ length: base.count }, (_, index) => ({
      index,
      name: `frame_${String(base.start + index * base.step).padStart(6, '0')}`,
      width: base.width,
      height: base.height,
      subset: '',
    }));
    return fc.array(trackArbitrary(base.labels, base.count), { maxLength: 5 }).map(
      (tracks): Dataset => ({
        labels: base.labels,
        frames,
        meta: {
          name: base.taskName,
          mode: 'interpolation',
          startFrame: base.start,
          frameStep: base.step,
          stopFrame: base.start + (base.count - 1) * base.step,
          overlap: base.overlap,
          deletedFrames: [],
          segmentSize: 0,
        },
        annotations: { version: 0, shapes: [], tags: [], tracks },
      }),
    );
  });

// ---- properties -------------------------------------------------------------------------------------------------

async function roundTrip(dataset: Dataset, flavour: CvatFlavour): Promise<{ dataset: Dataset; warnings: string[] }> {
  const sink = new MemorySink();
  const writeContext = createContext();
  await writeCvat(dataset, sink, flavour, {}, writeContext);
  const readContext = createContext();
  const back = await readCvat(new MemoryTree(sink.files), {}, readContext);
  const items = [...writeContext.diagnostics.items, ...readContext.diagnostics.items].filter((item) => item.severity !== 'info');
  return { dataset: back, warnings: items.map((item) => `${item.code}: ${item.message}`) };
}

describe('canonical → CVAT XML → canonical', () => {
  it('is the identity for shapes of every type, tags and attributes ("CVAT for images")', async () => {
    await fc.assert(
      fc.asyncProperty(imagesDataset, async (dataset) => {
        expect(() => datasetSchema.parse(dataset)).not.toThrow();
        const { dataset: back, warnings } = await roundTrip(dataset, 'images');
        expect(warnings).toEqual([]);
        expect(back).toEqual(dataset);
      }),
      { numRuns: 150 },
    );
  });

  it('is the identity for tracks, skeleton tracks and their attributes ("CVAT for video")', async () => {
    await fc.assert(
      fc.asyncProperty(videoDataset, async (dataset) => {
        expect(() => datasetSchema.parse(dataset)).not.toThrow();
        const { dataset: back, warnings } = await roundTrip(dataset, 'video');
        expect(warnings).toEqual([]);
        expect(back).toEqual(dataset);
      }),
      { numRuns: 150 },
    );
  });
});
