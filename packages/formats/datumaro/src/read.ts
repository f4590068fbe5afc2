// Reads Datumaro 1.0 JSON (`annotations/<subset>.json`, current and legacy envelopes) into the canonical model, the
// way CVAT's Datumaro import adapter does: labels by name, internal attributes (occluded, rotation, outside,
// track_id, keyframe, source) as shape properties, groups renumbered per frame, tracks rebuilt from
// track_id + keyframe. Files from `streamThreshold` bytes on are streamed section by section (`items` in batches of
// whole items), so big files never exist as one string or one parsed tree.
import {
  CVAT_INTERNAL_ATTRIBUTES,
  DatasetBuilder,
  ParseError,
  SchemaError,
  attributeValueFromFile,
  buildSkeletonSvg,
  normalizeFrameGroups,
  parseJson,
  shapesToTracks,
  throwIfAborted,
  type AttributeVal,
  type Dataset,
  type FileTree,
  type FormatContext,
  type Frame,
  type Label,
  type ReadOptions,
  type Shape,
  type SubShape,
  type Sublabel,
  type TrackedShapeItem,
  type Where,
} from '@annoconv/core';
import { decodeRle, maskToPolygons, rleFromString, rleToCvatMask, type Rle } from '@annoconv/geometry';
import { DEFAULT_JSON_STREAM_THRESHOLD, extensionOf, streamSections, type SectionHandler } from '@annoconv/io';
import type { z } from 'zod';
import { checkAnnotation, checkItem, type CheckedItem } from './item-check.js';
import { ALLOWED_VERSIONS, categoriesSchema, type DatumaroAnnotation, type DatumaroCategories } from './schema.js';
import { findAnnotationFiles, type AnnotationFile } from './paths.js';

export interface DatumaroReadOptions extends ReadOptions {
  /** Turn masks into polygons (CVAT's conv_mask_to_poly); Datumaro's importer keeps masks by default. */
  convMaskToPoly?: boolean;
  /** Annotation files of at least this many bytes are streamed section by section instead of parsed whole. */
  streamThreshold?: number;
}

/** Files at least this big are streamed, `items` handed over in batches (the same default as COCO's). */
export const DEFAULT_STREAM_THRESHOLD = DEFAULT_JSON_STREAM_THRESHOLD;

/** Top-level keys whose value is not an array: one met as an array is checked (and refused) like a value. */
const VALUE_KEYS = new Set(['dm_format_version', 'media_type', 'categories']);

interface LabelRef {
  label: Label | Sublabel;
  parent?: Label;
}

function zodIssues(error: z.ZodError, prefix: string): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({
    path: prefix + issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join(''),
    message: issue.message,
  }));
}

function rotationOf(value: unknown): number {
  const number = Number(value ?? 0);
  if (!Number.isFinite(number)) return 0;
  const wrapped = number % 360;
  return wrapped < 0 ? wrapped + 360 : wrapped;
}

function truthy(value: unknown): boolean {
  if (typeof value === 'string') return value.toLowerCase() === 'true' || value === '1';
  return Boolean(value);
}

/**
 * `points` as one list of numbers: the array itself when it is already flat (the usual case; it is fresh from
 * JSON.parse and becomes the shape's own), else nested pairs joined. Array.prototype.flat cost more than the rest of
 * reading a polygon.
 */
function flatPoints(points: DatumaroAnnotation['points']): number[] {
  if (points === undefined) return [];
  for (let index = 0; index < points.length; index++) {
    if (typeof points[index] !== 'number') return points.flat();
  }
  return points as number[];
}

/**
 * A shape from the fields every shape of an annotation shares, written out in one literal: spreading `base` into
 * each shape took a fifth of reading a big file.
 */
function shapeFrom(base: Omit<Shape, 'type' | 'points'>, type: Shape['type'], points: number[], rotation = base.rotation): Shape {
  return {
    id: base.id,
    label_id: base.label_id,
    frame: base.frame,
    group: base.group,
    source: base.source,
    attributes: base.attributes,
    // The order a spread of `base` gave, so serialised datasets do not change.
    occluded: base.occluded,
    outside: base.outside,
    z_order: base.z_order,
    rotation,
    score: base.score,
    elements: base.elements,
    type,
    points,
  };
}

const SOURCES = new Set(['auto', 'semi-auto', 'manual', 'file']);

class DatumaroReader {
  private readonly builder = new DatasetBuilder();
  private readonly trackItems: TrackedShapeItem[] = [];
  private readonly shapesByFrame = new Map<number, Shape[]>();
  /** Per annotation file: Datumaro label index → our label. */
  private labelRefs: LabelRef[] = [];
  private skeletonOrder = new Map<number, string[]>();
  private readonly declaredAttributes = new Map<Label | Sublabel, Set<string>>();
  /** Items read so far over all files, for progress (a big file reads for tens of seconds). */
  private itemsRead = 0;

  constructor(
    private readonly tree: FileTree,
    private readonly options: DatumaroReadOptions,
    private readonly context: FormatContext,
  ) {}

  async read(): Promise<Dataset> {
    const files = findAnnotationFiles(this.tree);
    if (files.length === 0) throw new ParseError('no annotations/<subset>.json file in the dataset', { file: this.tree.name });
    let done = 0;
    for (const file of files) {
      throwIfAborted(this.context);
      await this.readFile(file);
      this.context.onProgress?.({ stage: 'reading Datumaro annotations', done: ++done, total: files.length });
    }
    for (const [label, names] of this.declaredAttributes) for (const name of names) this.builder.attribute(label, name, { mutable: true });
    const dataset = this.builder.build();
    for (const frame of dataset.frames) {
      const shapes = this.shapesByFrame.get(frame.index);
      if (shapes) dataset.annotations.shapes.push(...normalizeFrameGroups(shapes));
    }
    dataset.annotations.tracks = shapesToTracks(this.trackItems, { lastFrame: dataset.frames.length - 1, labels: dataset.labels });
    return dataset;
  }

  private async readFile(file: AnnotationFile): Promise<void> {
    const threshold = typeof this.options.streamThreshold === 'number' ? this.options.streamThreshold : DEFAULT_STREAM_THRESHOLD;
    const handler = this.fileHandler(file);
    if ((file.size ?? Number.POSITIVE_INFINITY) < threshold) {
      const root = parseJson(await this.tree.readText(file.path), file.path);
      if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new ParseError('expected a JSON object at the top level', { file: file.path, jsonPath: '$' });
      for (const [key, value] of Object.entries(root)) {
        if (Array.isArray(value)) handler.elements(key, value, 0);
        else handler.value(key, value);
      }
    } else await streamSections(this.tree.stream(file.path), file.path, handler, { root: '$' });
    handler.finish();
  }

  /**
   * Takes one file's top-level sections in file order, whole or streamed. Items wait until the categories are read
   * (Datumaro writes `categories` first, but the keys of a JSON object may come in any order).
   */
  private fileHandler(file: AnnotationFile): SectionHandler & { finish(): void } {
    let categoriesRead = false;
    let pending: Array<{ items: unknown[]; firstIndex: number }> = [];
    const readItems = (items: unknown[], firstIndex: number): void => {
      throwIfAborted(this.context);
      for (let offset = 0; offset < items.length; offset++) {
        const jsonPath = `$.items[${firstIndex + offset}]`;
        this.readItem(checkItem(items[offset], file.path, jsonPath), file, { file: file.path, jsonPath });
      }
      this.itemsRead += items.length;
      this.context.onProgress?.({ stage: 'reading Datumaro items', done: this.itemsRead });
    };
    const readCategories = (categories: DatumaroCategories): void => {
      this.readCategories(categories);
      categoriesRead = true;
      for (const batch of pending) readItems(batch.items, batch.firstIndex);
      pending = [];
    };
    const value = (key: string, value: unknown): void => {
      switch (key) {
        case 'dm_format_version':
          if (typeof value !== 'string') throw new SchemaError([{ path: '$.dm_format_version', message: 'expected a string' }], { where: { file: file.path }, subject: file.path });
          if (!ALLOWED_VERSIONS.has(value)) throw new ParseError(`unsupported dm_format_version '${value}' (this reader knows the legacy envelope and 1.0)`, { file: file.path, jsonPath: '$.dm_format_version' });
          return;
        case 'media_type':
          if (typeof value !== 'number') throw new SchemaError([{ path: '$.media_type', message: 'expected a number' }], { where: { file: file.path }, subject: file.path });
          return;
        case 'categories': {
          const parsed = categoriesSchema.safeParse(value);
          if (!parsed.success) throw new SchemaError(zodIssues(parsed.error, '$.categories'), { where: { file: file.path }, subject: file.path });
          readCategories(parsed.data);
          return;
        }
        case 'items':
          throw new SchemaError([{ path: '$.items', message: 'expected an array' }], { where: { file: file.path }, subject: file.path });
        default:
          // `info` (legacy), `infos` (1.0) and anything newer carry nothing the CVAT model holds.
          return;
      }
    };
    return {
      elements: (key, elements, firstIndex) => {
        if (key === 'items') {
          if (categoriesRead) readItems(elements, firstIndex);
          else pending.push({ items: elements, firstIndex });
        } else if (VALUE_KEYS.has(key)) value(key, elements);
      },
      value,
      finish: () => {
        if (!categoriesRead) readCategories({});
      },
    };
  }

  private readCategories(categories: DatumaroCategories): void {
    const labels = categories.label?.labels ?? [];
    this.labelRefs = [];
    // Parents first, so a sub-label listed before its parent still finds it.
    const topLevel = new Map<string, Label>();
    for (const entry of labels) if (!entry.parent) topLevel.set(entry.name, this.builder.label(entry.name));
    labels.forEach((entry, index) => {
      let ref: LabelRef;
      if (entry.parent) {
        const parent = topLevel.get(entry.parent) ?? this.builder.label(entry.parent);
        const sublabel = this.builder.sublabel(parent, entry.name);
        parent.type = 'skeleton';
        ref = { label: sublabel, parent };
      } else {
        ref = { label: topLevel.get(entry.name)! };
      }
      // Specs are created when a value is first seen, so their input type can follow the value (a JSON boolean
      // makes a checkbox); names declared but never used become text attributes at the end.
      const declared = this.declaredAttributes.get(ref.label) ?? new Set<string>();
      for (const name of entry.attributes) if (!CVAT_INTERNAL_ATTRIBUTES.has(name)) declared.add(name);
      this.declaredAttributes.set(ref.label, declared);
      this.labelRefs[index] = ref;
    });
    this.skeletonOrder = new Map();
    for (const item of categories.points?.items ?? []) {
      const skeleton = this.labelRefs[item.label_id];
      if (!skeleton || skeleton.parent || skeleton.label.type !== 'skeleton') continue;
      this.skeletonOrder.set(item.label_id, item.labels);
      this.ensureSkeletonSvg(skeleton.label as Label, item.labels, item.joints);
    }
  }

  private ensureSkeletonSvg(label: Label, names: string[], joints: number[][]): void {
    if (label.svg) return;
    // CVAT's joints are 1-based node ids; upstream Datumaro files use 0-based indices (any 0 tells them apart).
    const zeroBased = joints.some((joint) => joint.includes(0));
    const pairs = joints.filter((joint) => joint.length === 2).map((joint) => [joint[0]! + (zeroBased ? 1 : 0), joint[1]! + (zeroBased ? 1 : 0)] as [number, number]);
    label.svg = buildSkeletonSvg(names, pairs);
  }

  private frameFor(item: CheckedItem, file: AnnotationFile): Frame {
    const imagePath = item.image?.path || item.media?.path || '';
    const extension = imagePath ? extensionOf(imagePath) : '';
    const name = item.id + extension;
    const size = item.image?.size;
    const frame = this.builder.frame(name, { subset: file.subset, ...(size ? { height: size[0], width: size[1] } : {}) });
    const candidates = [
      `${file.root}images/${file.subset}/${name}`,
      imagePath ? `${file.root}images/${file.subset}/${imagePath}` : undefined,
      imagePath ? `${file.root}images/${imagePath}` : undefined,
    ];
    const found = candidates.find((path) => path !== undefined && this.tree.has(path));
    if (found && !frame.image) {
      const tree = this.tree;
      frame.image = { path: found, read: () => tree.read(found) };
    }
    return frame;
  }

  private readItem(item: CheckedItem, file: AnnotationFile, where: Where): void {
    if (item.point_cloud) {
      this.context.diagnostics.warn('data-unsupported', `item '${item.id}' is a point cloud; 3D data is not supported and the item was skipped`, where);
      return;
    }
    const frame = this.frameFor(item, file);
    const annotations = item.annotations;
    for (let index = 0; index < annotations.length; index++) {
      const jsonPath = `${where.jsonPath}.annotations[${index}]`;
      this.readAnnotation(checkAnnotation(annotations[index], file.path, jsonPath), frame, { file: file.path, jsonPath, frame: frame.index, frameName: frame.name });
    }
  }

  private attributesFor(label: Label | Sublabel, values: Record<string, unknown>): AttributeVal[] {
    const attributes: AttributeVal[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (CVAT_INTERNAL_ATTRIBUTES.has(name)) continue;
      const known = label.attributes.find((spec) => spec.name === name);
      // Specs made from values are mutable: a value that changes along a track stays on its keyframes when tracks
      // are rebuilt (an immutable spec would keep only the track's first value).
      const spec = known ?? this.builder.attribute(label, name, typeof value === 'boolean' ? { input_type: 'checkbox', default_value: 'false', values: ['false', 'true'], mutable: true } : { mutable: true });
      attributes.push({ spec_id: spec.id, value: attributeValueFromFile(spec, value) });
    }
    return attributes;
  }

  private readAnnotation(annotation: DatumaroAnnotation, frame: Frame, where: Where): void {
    const { type } = annotation;
    if (type === 'caption' || type === 'hash_key') {
      this.context.diagnostics.warn('data-unsupported', `a ${type} annotation has no place in the CVAT model and was skipped`, where);
      return;
    }
    if (type === 'cuboid_3d') {
      this.context.diagnostics.warn('shape-unsupported', '3D cuboids are not supported in 2D datasets; skipped', where);
      return;
    }
    const ref = annotation.label_id === null || annotation.label_id === undefined ? undefined : this.labelRefs[annotation.label_id];
    if (!ref) {
      this.context.diagnostics.warn('label-unknown', annotation.label_id === null || annotation.label_id === undefined ? `a ${type} annotation has no label (CVAT refuses these); skipped` : `label_id ${annotation.label_id} is not in the label categories; skipped`, where);
      return;
    }
    const label = ref.label;
    const attributes = this.attributesFor(label, annotation.attributes);
    const raw = annotation.attributes;
    const group = annotation.group ?? 0;
    if (type === 'label') {
      this.builder.dataset.annotations.tags.push({ id: null, label_id: label.id, frame: frame.index, group, source: this.sourceOf(raw), attributes });
      return;
    }
    const base = {
      id: null,
      label_id: label.id,
      frame: frame.index,
      group,
      source: this.sourceOf(raw),
      attributes,
      occluded: truthy(raw.occluded),
      outside: truthy(raw.outside),
      z_order: annotation.z_order ?? 0,
      rotation: 0,
      score: 1,
      elements: [] as SubShape[],
    };
    const shapes: Shape[] = [];
    const flat = (): number[] => flatPoints(annotation.points);
    switch (type) {
      case 'bbox': {
        const [x, y, width, height] = annotation.bbox ?? this.missing('bbox', where);
        shapes.push(shapeFrom(base, 'rectangle', [x!, y!, x! + width!, y! + height!], rotationOf(raw.rotation)));
        break;
      }
      case 'polygon':
      case 'polyline':
      case 'points': {
        const points = flat();
        const minimum = type === 'polygon' ? 6 : type === 'polyline' ? 4 : 2;
        if (points.length < minimum || points.length % 2 !== 0) throw new ParseError(`a ${type} needs an even number of at least ${minimum} coordinates, got ${points.length}`, where);
        shapes.push(shapeFrom(base, type, points));
        break;
      }
      case 'ellipse': {
        const [x1, y1, x2, y2] = flat();
        if (y2 === undefined) throw new ParseError('an ellipse needs 4 coordinates (its bounding box)', where);
        shapes.push(shapeFrom(base, 'ellipse', [(x1! + x2) / 2, (y1! + y2) / 2, x2, y1!], rotationOf(raw.rotation)));
        break;
      }
      case 'cuboid_2d': {
        const points = flat();
        if (points.length !== 16) throw new ParseError(`a cuboid_2d needs 8 points, got ${points.length / 2}`, where);
        shapes.push(shapeFrom(base, 'cuboid', points));
        break;
      }
      case 'mask':
        shapes.push(...this.maskShapes(annotation, base, frame, where));
        break;
      case 'skeleton':
        shapes.push(this.skeletonShape(annotation, ref, base, frame, where));
        break;
      default:
        this.context.diagnostics.warn('data-unsupported', `unknown annotation type '${type}'; skipped`, where);
        return;
    }
    for (const shape of shapes) {
      // A mask with a track id stays a per-frame shape: CVAT cannot interpolate mask tracks (CVAT-MODEL §3), so a
      // rebuilt mask track of several keyframes could not be expanded by any writer (an ellipse track exported as
      // masks comes back like this).
      const maskInTrack = shape.type === 'mask' && 'track_id' in raw && raw.track_id !== null;
      if (maskInTrack) this.context.diagnostics.info('track-flattened', `a mask with track_id ${String(raw.track_id)} is kept as a per-frame mask (mask tracks cannot be interpolated)`, where);
      if (!maskInTrack && 'track_id' in raw && 'keyframe' in raw && raw.track_id !== null) {
        this.trackItems.push({ shape, trackId: String(raw.track_id), keyframe: truthy(raw.keyframe) });
      } else {
        const list = this.shapesByFrame.get(frame.index) ?? [];
        list.push(shape);
        this.shapesByFrame.set(frame.index, list);
      }
    }
  }

  private sourceOf(attributes: Record<string, unknown>): string {
    const source = typeof attributes.source === 'string' ? attributes.source.toLowerCase() : '';
    return SOURCES.has(source) ? source : 'file';
  }

  private missing(what: string, where: Where): never {
    throw new ParseError(`missing '${what}'`, where);
  }

  private maskShapes(annotation: DatumaroAnnotation, base: Omit<Shape, 'type' | 'points'>, frame: Frame, where: Where): Shape[] {
    if (!annotation.rle) this.missing('rle', where);
    const [height, width] = annotation.rle!.size as [number, number];
    let counts: Uint32Array;
    try {
      counts = typeof annotation.rle!.counts === 'string' ? rleFromString(annotation.rle!.counts) : Uint32Array.from(annotation.rle!.counts);
    } catch (error) {
      throw new ParseError(`invalid RLE counts: ${error instanceof Error ? error.message : String(error)}`, where, { cause: error });
    }
    let total = 0;
    for (const count of counts) total += count;
    if (total !== height * width) throw new ParseError(`RLE counts cover ${total} pixels, not ${height}×${width}`, where);
    if (frame.width === undefined) Object.assign(frame, { width, height });
    const rle: Rle = { size: [height, width], counts };
    if (this.options.convMaskToPoly) {
      const polygons = maskToPolygons(decodeRle(rle), height, width);
      if (polygons.length === 0) this.context.diagnostics.warn('shape-unsupported', 'an empty mask was skipped', where);
      return polygons.map((points) => shapeFrom(base, 'polygon', points));
    }
    const points = rleToCvatMask(rle);
    if (points.length < 5) {
      this.context.diagnostics.warn('shape-unsupported', 'an empty mask was skipped', where);
      return [];
    }
    return [shapeFrom(base, 'mask', points)];
  }

  private skeletonShape(annotation: DatumaroAnnotation, ref: LabelRef, base: Omit<Shape, 'type' | 'points'>, frame: Frame, where: Where): Shape {
    const skeleton = ref.label as Label;
    const labelIndex = annotation.label_id!;
    const order = this.skeletonOrder.get(labelIndex) ?? skeleton.sublabels.map((sublabel) => sublabel.name);
    const elements: SubShape[] = [];
    const element = (sublabel: Sublabel, x: number, y: number, visibility: number, values: Record<string, unknown>): SubShape => ({
      id: null,
      label_id: sublabel.id,
      frame: frame.index,
      group: 0,
      source: this.sourceOf(values),
      attributes: this.attributesFor(sublabel, values),
      type: 'points',
      points: [x, y],
      occluded: visibility === 1,
      outside: visibility === 0,
      z_order: base.z_order,
      rotation: 0,
      score: 1,
    });
    if (annotation.elements) {
      for (const entry of annotation.elements) {
        const sublabel = entry.label_id === null || entry.label_id === undefined ? undefined : this.labelRefs[entry.label_id]?.label;
        if (!sublabel || !skeleton.sublabels.includes(sublabel as Sublabel)) throw new ParseError('a skeleton element has no sub-label of its skeleton', where);
        elements.push(element(sublabel as Sublabel, entry.points[0] ?? 0, entry.points[1] ?? 0, entry.visibility?.[0] ?? 2, entry.attributes));
      }
    } else {
      const points = flatPoints(annotation.points);
      if (points.length !== order.length * 3) throw new ParseError(`a skeleton of '${skeleton.name}' needs ${order.length} (x, y, visibility) triplets, got ${points.length} numbers`, where);
      order.forEach((name, index) => {
        const sublabel = skeleton.sublabels.find((candidate) => candidate.name === name) ?? this.builder.sublabel(skeleton, name);
        elements.push(element(sublabel, points[index * 3]!, points[index * 3 + 1]!, points[index * 3 + 2]!, annotation.points_attributes?.[index] ?? {}));
      });
    }
    if (elements.length === 0) throw new ParseError('a skeleton has no elements', where);
    return { ...shapeFrom(base, 'skeleton', []), elements };
  }
}

export async function readDatumaro(tree: FileTree, options: DatumaroReadOptions, context: FormatContext): Promise<Dataset> {
  return new DatumaroReader(tree, options, context).read();
}
