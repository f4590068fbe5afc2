// fast-check arbitraries for valid objects of the canonical model (CVAT's): labels with attribute specs and
// skeleton sub-labels, frames, tags, shapes of all eight types with valid point counts (masks as CVAT RLE inside
// their frame), tracks with keyframes, and whole Datasets whose annotations only reference what exists.
import fc from 'fast-check';
import { buildSkeletonSvg, SHAPE_TYPES, type AttributeSpec, type AttributeVal, type Dataset, type Frame, type Label, type Shape, type ShapeType, type SubShape, type SubTrack, type Tag, type Track, type TrackedShape } from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';

export interface ModelArbitraryOptions {
  /** Shape types to generate (default: all eight). Skeletons also bring skeleton labels with sub-labels. */
  shapeTypes?: readonly ShapeType[];
  /** Generate tracks (default true). */
  tracks?: boolean;
  /** Shape types of tracks (default: `shapeTypes` without `mask`, which CVAT cannot interpolate). */
  trackShapeTypes?: readonly ShapeType[];
  /** Generate tags (default true). */
  tags?: boolean;
  /** Generate attribute specs and attribute values (default true). */
  attributes?: boolean;
  /** Non-zero `rotation` on rectangles and ellipses (default true). */
  rotation?: boolean;
  /** Points with two decimals instead of integers (default false). */
  fractionalPoints?: boolean;
  /** Subsets other than '' on frames (default false). */
  subsets?: boolean;
  maxLabels?: number;
  maxFrames?: number;
  /** Per kind (tags, shapes, tracks). */
  maxObjects?: number;
  /** Largest frame width / height (default 64; masks are painted on the full frame). */
  maxFrameSize?: number;
}

interface Resolved {
  shapeTypes: readonly ShapeType[];
  tracks: boolean;
  trackShapeTypes: readonly ShapeType[];
  tags: boolean;
  attributes: boolean;
  rotation: boolean;
  fractionalPoints: boolean;
  subsets: boolean;
  maxLabels: number;
  maxFrames: number;
  maxObjects: number;
  maxFrameSize: number;
}

function resolve(options: ModelArbitraryOptions = {}): Resolved {
  const shapeTypes = options.shapeTypes ?? SHAPE_TYPES;
  return {
    shapeTypes,
    tracks: options.tracks ?? true,
    trackShapeTypes: options.trackShapeTypes ?? shapeTypes.filter((type) => type !== 'mask'),
    tags: options.tags ?? true,
    attributes: options.attributes ?? true,
    rotation: options.rotation ?? true,
    fractionalPoints: options.fractionalPoints ?? false,
    subsets: options.subsets ?? false,
    maxLabels: options.maxLabels ?? 4,
    maxFrames: options.maxFrames ?? 4,
    maxObjects: options.maxObjects ?? 5,
    maxFrameSize: Math.max(options.maxFrameSize ?? 64, 8),
  };
}

// ---- labels ---------------------------------------------------------------------------------------------------

const labelName = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

type SpecDraft = Omit<AttributeSpec, 'id'>;

/** An attribute spec without id: name, mutability, input type with consistent values and default. */
export function attributeSpecDraftArbitrary(): fc.Arbitrary<SpecDraft> {
  return fc.record({ name: labelName, mutable: fc.boolean(), kind: fc.constantFrom('checkbox', 'radio', 'number', 'text', 'select') as fc.Arbitrary<AttributeSpec['input_type']> }).chain(({ name, mutable, kind }): fc.Arbitrary<SpecDraft> => {
    switch (kind) {
      case 'checkbox':
        return fc.boolean().map((value) => ({ name, mutable, input_type: kind, default_value: String(value), values: [String(value)] }));
      case 'number':
        return fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 10 })).map(([min, span]) => ({ name, mutable, input_type: kind, default_value: String(min), values: [String(min), String(min + span), '1'] }));
      case 'text':
        return fc.constantFrom('', 'n/a', 'some text').map((value) => ({ name, mutable, input_type: kind, default_value: value, values: [] }));
      default:
        return fc.uniqueArray(labelName, { minLength: 1, maxLength: 4 }).map((values) => ({ name, mutable, input_type: kind, default_value: values[0]!, values }));
    }
  });
}

function specDrafts(options: Resolved, max: number): fc.Arbitrary<SpecDraft[]> {
  if (!options.attributes) return fc.constant([]);
  return fc.uniqueArray(attributeSpecDraftArbitrary(), { maxLength: max, selector: (spec) => spec.name });
}

interface LabelDraft {
  name: string;
  color: string;
  specs: SpecDraft[];
  skeleton?: { names: string[]; specs: SpecDraft[][] };
}

const colorArbitrary = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`));

/** Labels with ids 1… (sub-labels after their parent), attribute specs with ids 1…, skeletons when asked. */
export function labelsArbitrary(options?: ModelArbitraryOptions): fc.Arbitrary<Label[]> {
  const resolved = resolve(options);
  const skeletons = resolved.shapeTypes.includes('skeleton') || (resolved.tracks && resolved.trackShapeTypes.includes('skeleton'));
  const plain = fc.record({ name: labelName, color: colorArbitrary, specs: specDrafts(resolved, 3) });
  const skeleton = fc.record({
    name: labelName,
    color: colorArbitrary,
    specs: specDrafts(resolved, 1),
    skeleton: fc.uniqueArray(labelName, { minLength: 1, maxLength: 3 }).chain((names) => fc.record({ names: fc.constant(names), specs: fc.tuple(...names.map(() => specDrafts(resolved, 1))) })),
  });
  const drafts = skeletons
    ? fc.tuple(fc.uniqueArray(plain, { minLength: 1, maxLength: Math.max(1, resolved.maxLabels - 1), selector: (label) => label.name }), skeleton).map(([labels, extra]) =>
        labels.some((label) => label.name === extra.name) ? labels : [...labels, extra as LabelDraft],
      )
    : fc.uniqueArray(plain, { minLength: 1, maxLength: resolved.maxLabels, selector: (label) => label.name });
  return drafts.map((list) => buildLabels(list as LabelDraft[]));
}

function buildLabels(drafts: LabelDraft[]): Label[] {
  let nextLabel = 1;
  let nextSpec = 1;
  const specs = (list: SpecDraft[]): AttributeSpec[] => list.map((spec) => ({ id: nextSpec++, ...spec, values: [...spec.values] }));
  return drafts.map((draft) => {
    const label: Label = { id: nextLabel++, name: draft.name, color: draft.color, type: draft.skeleton ? 'skeleton' : 'any', attributes: specs(draft.specs), sublabels: [] };
    if (draft.skeleton) {
      const names = draft.skeleton.names;
      label.sublabels = names.map((name, index) => ({ id: nextLabel++, name, color: '', type: 'points', attributes: specs(draft.skeleton!.specs[index] ?? []), parent_id: label.id }));
      const joints = names.slice(1).map((_, index) => [index + 1, index + 2] as const);
      label.svg = buildSkeletonSvg(names, joints);
    }
    return label;
  });
}

// ---- frames ---------------------------------------------------------------------------------------------------

/** Frames 0…n−1 with unique image names and sizes. */
export function framesArbitrary(options?: ModelArbitraryOptions): fc.Arbitrary<Frame[]> {
  const resolved = resolve(options);
  const size = fc.integer({ min: 8, max: resolved.maxFrameSize });
  const subset = resolved.subsets ? fc.constantFrom('', 'train', 'val') : fc.constant('');
  return fc.array(fc.record({ width: size, height: size, subset, extension: fc.constantFrom('jpg', 'png') }), { minLength: 1, maxLength: resolved.maxFrames }).map((list) =>
    list.map((frame, index) => ({ index, name: `images/frame_${String(index).padStart(6, '0')}.${frame.extension}`, width: frame.width, height: frame.height, subset: frame.subset })),
  );
}

// ---- geometry -------------------------------------------------------------------------------------------------

function coordinate(max: number, options: Resolved): fc.Arbitrary<number> {
  return options.fractionalPoints ? fc.integer({ min: 0, max: max * 100 }).map((value) => value / 100) : fc.integer({ min: 0, max });
}

function pointList(count: { min: number; max: number }, width: number, height: number, options: Resolved): fc.Arbitrary<number[]> {
  return fc.array(fc.tuple(coordinate(width, options), coordinate(height, options)), { minLength: count.min, maxLength: count.max }).map((pairs) => pairs.flat());
}

/** A pair a < b within [0, max]. */
function ordered(max: number, options: Resolved): fc.Arbitrary<[number, number]> {
  return fc.tuple(coordinate(max, options), coordinate(max, options)).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]));
}

/** CVAT mask points (row-major RLE of the tight box, then left, top, right, bottom) of a blob in the frame. */
export function cvatMaskArbitrary(width: number, height: number): fc.Arbitrary<number[]> {
  const maxSide = Math.min(12, width, height);
  return fc
    .record({ w: fc.integer({ min: 1, max: maxSide }), h: fc.integer({ min: 1, max: maxSide }) })
    .chain(({ w, h }) => fc.record({ w: fc.constant(w), h: fc.constant(h), left: fc.integer({ min: 0, max: width - w }), top: fc.integer({ min: 0, max: height - h }), bits: fc.array(fc.boolean(), { minLength: w * h, maxLength: w * h }) }))
    .map(({ w, h, left, top, bits }) => {
      const bitmap = new Uint8Array(width * height);
      let any = false;
      bits.forEach((bit, index) => {
        if (!bit) return;
        any = true;
        bitmap[(top + Math.floor(index / w)) * width + left + (index % w)] = 1;
      });
      if (!any) bitmap[top * width + left] = 1;
      return bitmapToCvatMask(bitmap, height, width);
    });
}

/** Valid `points` for a shape type inside a width × height frame (skeleton: none). */
export function pointsArbitrary(type: ShapeType, width: number, height: number, options?: ModelArbitraryOptions): fc.Arbitrary<number[]> {
  const resolved = resolve(options);
  switch (type) {
    case 'rectangle':
      return fc.tuple(ordered(width, resolved), ordered(height, resolved)).map(([[x1, x2], [y1, y2]]) => [x1, y1, x2, y2]);
    case 'ellipse':
      // Centre, then the x of the right end and the y of the top end.
      return fc.tuple(ordered(width, resolved), ordered(height, resolved)).map(([[cx, right], [top, cy]]) => [cx, cy, right, top]);
    case 'polygon':
      return pointList({ min: 3, max: 8 }, width, height, resolved);
    case 'polyline':
      return pointList({ min: 2, max: 8 }, width, height, resolved);
    case 'points':
      return pointList({ min: 1, max: 5 }, width, height, resolved);
    case 'cuboid':
      return pointList({ min: 8, max: 8 }, width, height, resolved);
    case 'mask':
      return cvatMaskArbitrary(width, height);
    case 'skeleton':
      return fc.constant([]);
  }
}

// ---- annotations ----------------------------------------------------------------------------------------------

/** A valid value for an attribute spec. */
export function attributeValueArbitrary(spec: AttributeSpec): fc.Arbitrary<string> {
  switch (spec.input_type) {
    case 'checkbox':
      return fc.constantFrom('true', 'false');
    case 'number': {
      const min = Number(spec.values[0] ?? 0);
      const max = Number(spec.values[1] ?? min);
      return fc.integer({ min, max: Math.max(min, max) }).map(String);
    }
    case 'text':
      return fc.constantFrom('', 'a', 'some words');
    default:
      return spec.values.length > 0 ? fc.constantFrom(...spec.values) : fc.constant(spec.default_value);
  }
}

function attributesArbitrary(specs: readonly AttributeSpec[]): fc.Arbitrary<AttributeVal[]> {
  if (specs.length === 0) return fc.constant([]);
  return fc.subarray([...specs]).chain((chosen) => fc.tuple(...chosen.map((spec) => attributeValueArbitrary(spec).map((value) => ({ spec_id: spec.id, value })))));
}

interface Context {
  labels: Label[];
  frames: Frame[];
  options: Resolved;
}

const common = { id: null, group: 0, source: 'manual' as const };
const groupArbitrary = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) });

function shapeFieldsArbitrary(type: ShapeType, width: number, height: number, options: Resolved) {
  const rotatable = options.rotation && (type === 'rectangle' || type === 'ellipse');
  return fc.record({
    type: fc.constant(type),
    occluded: fc.boolean(),
    outside: fc.constant(false),
    z_order: fc.integer({ min: -2, max: 2 }),
    rotation: rotatable ? fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 359 })) : fc.constant(0),
    points: pointsArbitrary(type, width, height, options),
  });
}

function plainLabels(context: Context): Label[] {
  return context.labels.filter((label) => label.sublabels.length === 0);
}

function skeletonLabels(context: Context): Label[] {
  return context.labels.filter((label) => label.sublabels.length > 0);
}

function tagArbitrary(context: Context): fc.Arbitrary<Tag> {
  return fc.record({ label: fc.constantFrom(...context.labels), frame: fc.constantFrom(...context.frames) }).chain(({ label, frame }) =>
    fc.record({ group: groupArbitrary, attributes: attributesArbitrary(label.attributes) }).map(({ group, attributes }) => ({ ...common, label_id: label.id, frame: frame.index, group, attributes })),
  );
}

function shapeArbitrary(context: Context): fc.Arbitrary<Shape> {
  const types = context.options.shapeTypes.filter((type) => (type === 'skeleton' ? skeletonLabels(context).length > 0 : plainLabels(context).length > 0));
  if (types.length === 0) return fc.constant(undefined as unknown as Shape).filter(() => false);
  return fc.record({ type: fc.constantFrom(...types), frame: fc.constantFrom(...context.frames) }).chain(({ type, frame }) => {
    const width = frame.width ?? 64;
    const height = frame.height ?? 64;
    const label = fc.constantFrom(...(type === 'skeleton' ? skeletonLabels(context) : plainLabels(context)));
    return label.chain((chosen) =>
      fc
        .record({
          fields: shapeFieldsArbitrary(type, width, height, context.options),
          group: groupArbitrary,
          score: fc.constant(1),
          attributes: attributesArbitrary(chosen.attributes),
          elements: type === 'skeleton' ? fc.tuple(...chosen.sublabels.map((sublabel) => elementArbitrary(sublabel, frame, context))) : fc.constant([] as SubShape[]),
        })
        .map(({ fields, group, score, attributes, elements }) => ({ ...common, label_id: chosen.id, frame: frame.index, group, score, ...fields, attributes, elements })),
    );
  });
}

function elementArbitrary(sublabel: Label['sublabels'][number], frame: Frame, context: Context): fc.Arbitrary<SubShape> {
  return fc
    .record({ fields: shapeFieldsArbitrary('points', frame.width ?? 64, frame.height ?? 64, context.options), outside: fc.boolean(), attributes: attributesArbitrary(sublabel.attributes) })
    .map(({ fields, outside, attributes }) => ({ ...common, label_id: sublabel.id, frame: frame.index, score: 1, ...fields, points: fields.points.slice(0, 2), outside, attributes }));
}

/** Keyframes on strictly increasing frames, the first visible; the same point count on every keyframe. */
function keyframesArbitrary(type: ShapeType, specs: readonly AttributeSpec[], context: Context, allowOutside: boolean): fc.Arbitrary<TrackedShape[]> {
  const width = Math.min(...context.frames.map((frame) => frame.width ?? 64));
  const height = Math.min(...context.frames.map((frame) => frame.height ?? 64));
  const mutable = specs.filter((spec) => spec.mutable);
  return fc.uniqueArray(fc.integer({ min: 0, max: context.frames.length - 1 }), { minLength: 1, maxLength: type === 'mask' ? 1 : Math.min(4, context.frames.length) }).chain((frames) => {
    frames.sort((a, b) => a - b);
    return pointsArbitrary(type, width, height, { ...optionsOf(context), shapeTypes: [type] }).chain((first) =>
      fc.tuple(
        ...frames.map((frame, index) =>
          fc
            .record({
              fields: shapeFieldsArbitrary(type, width, height, context.options),
              points: type === 'rectangle' || type === 'ellipse' || type === 'cuboid' || type === 'points' || type === 'skeleton' || type === 'mask' ? pointsOfLength(type, first.length, width, height, context.options) : pointsArbitrary(type, width, height, optionsOf(context)),
              outside: index === 0 || !allowOutside ? fc.constant(false) : fc.boolean(),
              attributes: attributesArbitrary(mutable),
            })
            .map(({ fields, points, outside, attributes }) => ({ id: null, frame, ...fields, points, outside, attributes })),
        ),
      ),
    );
  });
}

function optionsOf(context: Context): ModelArbitraryOptions {
  return { ...context.options };
}

function pointsOfLength(type: ShapeType, length: number, width: number, height: number, options: Resolved): fc.Arbitrary<number[]> {
  if (type === 'mask') return cvatMaskArbitrary(width, height);
  if (type === 'rectangle' || type === 'ellipse') return pointsArbitrary(type, width, height, options);
  return pointList({ min: length / 2, max: length / 2 }, width, height, options);
}

function trackArbitrary(context: Context): fc.Arbitrary<Track> {
  const types = context.options.trackShapeTypes.filter((type) => (type === 'skeleton' ? skeletonLabels(context).length > 0 : plainLabels(context).length > 0));
  if (types.length === 0) return fc.constant(undefined as unknown as Track).filter(() => false);
  return fc.constantFrom(...types).chain((type) =>
    fc.constantFrom(...(type === 'skeleton' ? skeletonLabels(context) : plainLabels(context))).chain((label): fc.Arbitrary<Track> => {
      const immutable = label.attributes.filter((spec) => !spec.mutable);
      if (type !== 'skeleton') {
        return fc
          .record({ group: groupArbitrary, attributes: attributesArbitrary(immutable), shapes: keyframesArbitrary(type, label.attributes, context, true) })
          .map(({ group, attributes, shapes }): Track => ({ ...common, label_id: label.id, frame: shapes[0]!.frame, group, attributes, shapes, elements: [] }));
      }
      // A skeleton track: one parent keyframe at the start, one point track per sub-label starting there too.
      return fc.integer({ min: 0, max: context.frames.length - 1 }).chain((start) => {
        const later = { ...context, frames: context.frames.filter((frame) => frame.index >= start) };
        return fc
          .record({
            group: groupArbitrary,
            attributes: attributesArbitrary(immutable),
            elements: fc.tuple(
              ...label.sublabels.map((sublabel) =>
                keyframesArbitrary('points', sublabel.attributes, later, true).map(
                  (shapes): SubTrack => ({ ...common, label_id: sublabel.id, frame: start, attributes: [], shapes: shapes.map((shape, index) => (index === 0 ? { ...shape, frame: start, points: shape.points.slice(0, 2) } : { ...shape, points: shape.points.slice(0, 2) })).filter((shape, index, all) => index === 0 || shape.frame > all[0]!.frame) }),
                ),
              ),
            ),
          })
          .map(({ group, attributes, elements }): Track => ({
            ...common,
            label_id: label.id,
            frame: start,
            group,
            attributes,
            shapes: [{ id: null, type: 'skeleton' as const, frame: start, occluded: false, outside: false, z_order: 0, rotation: 0, points: [], attributes: [] }],
            elements,
          }));
      });
    }),
  );
}

/** Tags, shapes and tracks that reference only the given labels, their specs and the given frames. */
export function annotationsArbitrary(labels: Label[], frames: Frame[], options?: ModelArbitraryOptions): fc.Arbitrary<Dataset['annotations']> {
  const resolved = resolve(options);
  const context: Context = { labels, frames, options: resolved };
  const many = <T>(enabled: boolean, item: () => fc.Arbitrary<T>): fc.Arbitrary<T[]> => (enabled && labels.length > 0 && frames.length > 0 ? fc.array(item(), { maxLength: resolved.maxObjects }) : fc.constant([]));
  return fc
    .record({
      tags: many(resolved.tags, () => tagArbitrary(context)),
      shapes: many(resolved.shapeTypes.length > 0, () => shapeArbitrary(context)),
      tracks: many(resolved.tracks && resolved.trackShapeTypes.length > 0, () => trackArbitrary(context)),
    })
    .map(({ tags, shapes, tracks }) => ({ version: 0, tags, shapes, tracks }));
}

/** A whole Dataset: labels, frames, task meta and annotations that reference only existing labels, specs and frames. */
export function datasetArbitrary(options?: ModelArbitraryOptions): fc.Arbitrary<Dataset> {
  return fc.tuple(labelsArbitrary(options), framesArbitrary(options), fc.constantFrom('annotation', 'interpolation') as fc.Arbitrary<'annotation' | 'interpolation'>).chain(([labels, frames, mode]) =>
    annotationsArbitrary(labels, frames, options).map((annotations) => ({
      labels,
      frames,
      meta: { name: 'generated', mode, startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
      annotations,
    })),
  );
}
