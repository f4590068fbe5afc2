// Reads COCO annotation files (instances, person keypoints and the other tasks Datumaro knows) into the canonical
// model as CVAT's importer does: categories by rank of id become labels, images become frames, annotations become
// shapes (a non-empty segmentation wins over the bbox), and `attributes.track_id` + `keyframe` rebuild tracks.
import {
  attributeValueFromFile,
  buildSkeletonSvg,
  DatasetBuilder,
  ParseError,
  shapesToTracks,
  throwIfAborted,
  type AttributeSpec,
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
} from '@annoconv/core';
import { bitmapToCvatMask, rleFromString, rleToCvatMask, type Rle } from '@annoconv/geometry';
import { DEFAULT_JSON_STREAM_THRESHOLD, decodePng, parseSections, readDatasetMeta, streamSections, type DatasetMeta, type SectionHandler } from '@annoconv/io';
import { findAnnotationFiles, imageCandidates, type AnnotationFile } from './layout.js';
import { round2 } from './numbers.js';
import { annotationFields, categorySchema, checkNumbers, checkRecord, failAt, imageSchema, isRecord, type CocoAnnotation, type CocoCategory, type CocoTask } from './schema.js';

export type CocoFlavour = 'instances' | 'keypoints';

/** Files at least this big are streamed section by section instead of parsed whole. */
export const DEFAULT_STREAM_THRESHOLD = DEFAULT_JSON_STREAM_THRESHOLD;

/** Tasks whose annotations carry labels; Datumaro's multi-task reader keeps only one of them. */
const LABEL_TASKS: readonly CocoTask[] = ['instances', 'labels', 'panoptic', 'person_keypoints', 'stuff'];

interface CategoryInfo {
  label: Label;
  /** Keypoint sub-labels in the category's `keypoints` order (created on demand past its end). */
  points: Sublabel[];
  joints: Array<[number, number]>;
  keypointCategory: boolean;
}

const decoder = new TextDecoder('utf-8');

/** Picks the files a flavour reads and reports the ones it skips. */
function chooseFiles(files: AnnotationFile[], flavour: CocoFlavour, context: FormatContext): AnnotationFile[] {
  const preferred: CocoTask = flavour === 'keypoints' ? 'person_keypoints' : 'instances';
  const retyped = files.map((file) => (!file.named && flavour === 'keypoints' ? { ...file, task: 'person_keypoints' as const } : file));
  const present = new Set(retyped.map((file) => file.task));
  // Preferred task first; else the alphabetically first label-carrying task present, as Datumaro's `coco` reader.
  const labelTask = present.has(preferred) ? preferred : LABEL_TASKS.find((task) => present.has(task));
  const chosen: AnnotationFile[] = [];
  for (const file of retyped) {
    if (file.task === 'image_info' || file.task === 'captions' || file.task === labelTask) chosen.push(file);
    else context.diagnostics.warn('data-unsupported', `skipped ${file.task} annotations: this import reads ${labelTask} annotations and only one label-carrying COCO task at a time`, { file: file.path });
  }
  return chosen;
}

export async function readCoco(tree: FileTree, options: ReadOptions, context: FormatContext, flavour: CocoFlavour): Promise<Dataset> {
  const files = chooseFiles(findAnnotationFiles(tree), flavour, context);
  if (files.length === 0) throw new ParseError('no COCO annotation file found (expected annotations/<task>_<subset>.json, <subset>/_annotations.coco.json or a single .json file)', { file: tree.name });
  const threshold = typeof options.streamThreshold === 'number' ? options.streamThreshold : DEFAULT_STREAM_THRESHOLD;
  const reader = new CocoReader(tree, context);
  // Datumaro reads `dataset_meta.json` from the folder holding `annotations/` (not for a lone JSON file, which CVAT
  // moves to a fresh `annotations/default.json`, nor for Roboflow's layout, which Datumaro does not know).
  const metas = new Map<string, DatasetMeta | undefined>();
  for (const file of files) {
    if (file.layout === 'coco' && !metas.has(file.root)) metas.set(file.root, await readDatasetMeta(tree, file.root, { diagnostics: context.diagnostics }));
  }
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    throwIfAborted(context);
    const handler = reader.fileHandler(file, index, file.layout === 'coco' ? metas.get(file.root) : undefined);
    const size = file.size ?? Number.POSITIVE_INFINITY;
    if (size < threshold) parseSections(decoder.decode(await tree.read(file.path)), file.path, handler);
    else await streamSections(tree.stream(file.path), file.path, handler);
    await reader.finishFile(handler);
  }
  return reader.finish();
}

interface FileState extends SectionHandler {
  file: AnnotationFile;
  fileIndex: number;
  categories: Map<number, CategoryInfo> | undefined;
  /** The `dataset_meta.json` whose labels replace the file's categories. */
  metaFile: string | undefined;
  images: Map<number, Frame>;
  imagesDone: boolean;
  /** Annotations met before categories or images (sections in an unusual order); handled at the end of the file. */
  pending: Array<{ value: unknown; index: number }>;
  missingIscrowd: number;
  captions: number;
  /** Panoptic records, read once the file is done (their masks are PNGs beside it). */
  panoptic: Array<{ frame: Frame; fileName: string; segments: unknown[]; index: number }>;
}

class CocoReader {
  private readonly builder = new DatasetBuilder();
  private readonly shapes: Shape[] = [];
  private readonly trackItems: TrackedShapeItem[] = [];
  private readonly nextGroup: number[] = [];
  /** `file, track_id, frame` of every track shape read, so a track gets one shape per frame. */
  private readonly trackFrames = new Set<string>();
  private readonly keypointLabels = new Map<number, CategoryInfo>();
  private annotationsRead = 0;

  constructor(
    private readonly tree: FileTree,
    private readonly context: FormatContext,
  ) {}

  fileHandler(file: AnnotationFile, fileIndex: number, meta?: DatasetMeta): FileState {
    const state: FileState = {
      file,
      fileIndex,
      categories: meta ? this.metaCategories(meta) : undefined,
      metaFile: meta?.file,
      images: new Map(),
      imagesDone: false,
      pending: [],
      missingIscrowd: 0,
      captions: 0,
      panoptic: [],
      elements: (key, elements, firstIndex) => {
        if (key === 'categories') {
          if (state.metaFile === undefined) this.readCategories(state, elements);
          else this.context.diagnostics.info('field-ignored', `categories are not read: labels come from ${state.metaFile}, category_id n naming its n-th label (Datumaro)`, { file: file.path, jsonPath: 'categories' });
        }
        else if (key === 'images') this.readImages(state, elements, firstIndex);
        else if (key === 'annotations') {
          throwIfAborted(this.context);
          if (state.categories === undefined || !state.imagesDone) elements.forEach((value, offset) => state.pending.push({ value, index: firstIndex + offset }));
          else for (let offset = 0; offset < elements.length; offset++) this.readAnnotation(state, elements[offset], firstIndex + offset);
          this.annotationsRead += elements.length;
          this.context.onProgress?.({ stage: 'reading annotations', done: this.annotationsRead });
        } else if (key !== 'licenses') this.context.diagnostics.info('field-ignored', `top-level '${key}' is not read`, { file: file.path, jsonPath: key });
      },
      value: (key, value) => {
        if (key === 'categories' || key === 'images' || key === 'annotations') failAt(`'${key}' must be an array`, file.path, key);
        if (key !== 'info') this.context.diagnostics.info('field-ignored', `top-level '${key}' is not read`, { file: file.path, jsonPath: key });
        void value;
      },
    };
    return state;
  }

  async finishFile(state: FileState): Promise<void> {
    state.categories ??= new Map();
    state.imagesDone = true;
    for (const { value, index } of state.pending) this.readAnnotation(state, value, index);
    state.pending = [];
    const file = state.file.path;
    if (state.missingIscrowd > 0) this.context.diagnostics.info('value-coerced', `${state.missingIscrowd} annotation(s) without 'iscrowd' read as iscrowd 0`, { file });
    if (state.captions > 0) this.context.diagnostics.warn('data-unsupported', `${state.captions} caption(s) dropped: the CVAT model has no captions`, { file });
    for (const record of state.panoptic) await this.readPanoptic(state, record);
  }

  finish(): Dataset {
    for (const info of this.keypointLabels.values()) {
      if (info.points.length > 0 && info.label.svg === undefined) info.label.svg = buildSkeletonSvg(info.points.map((point) => point.name), info.joints);
    }
    const dataset = this.builder.build();
    dataset.annotations.shapes = this.shapes;
    if (this.trackItems.length > 0) {
      dataset.annotations.tracks = shapesToTracks(this.trackItems, { lastFrame: Math.max(dataset.frames.length - 1, 0), labels: dataset.labels });
    }
    renumberLabels(dataset);
    return dataset;
  }

  /**
   * Labels of `dataset_meta.json`, in its order, as categories 1..n: with the file, Datumaro's COCO reader ignores the
   * JSON categories (names, ids, supercategories, keypoint names and skeletons alike) and maps category_id n to the
   * n-th label.
   */
  private metaCategories(meta: DatasetMeta): Map<number, CategoryInfo> {
    const categories = new Map<number, CategoryInfo>();
    meta.labels.forEach((entry, index) => {
      // Only names are taken (`parse_meta_file(...).keys()`), not colours. A skeleton met in an earlier file keeps its points.
      const label = this.builder.label(entry.name);
      categories.set(index + 1, this.keypointLabels.get(label.id) ?? { label, points: [], joints: [], keypointCategory: false });
    });
    return categories;
  }

  private readCategories(state: FileState, elements: unknown[]): void {
    const path = state.file.path;
    const records = elements.map((value, index) => ({ record: checkRecord(categorySchema, value, path, 'categories', index), index }));
    // Datumaro sorts categories by id: the label order is the rank of the id, gaps allowed.
    records.sort((a, b) => a.record.id - b.record.id);
    const map = (state.categories ??= new Map());
    for (const { record, index } of records) {
      if (map.has(record.id)) failAt(`duplicate category id ${record.id}`, path, `categories[${index}].id`);
      if (record.id === 0) this.context.diagnostics.warn('invalid-value', `category '${record.name}' has id 0, which COCO tools read as "no label"`, { file: path, jsonPath: `categories[${index}].id` });
      map.set(record.id, this.category(record, state));
    }
  }

  private category(record: CocoCategory, state: FileState): CategoryInfo {
    // Keypoints files list every label; only those with points are skeletons (others have empty lists).
    const keypointCategory = state.file.task === 'person_keypoints' && ((record.keypoints?.length ?? 0) > 0 || (record.skeleton?.length ?? 0) > 0);
    const label = this.builder.label(record.name, keypointCategory ? { type: 'skeleton' } : {});
    let info = this.keypointLabels.get(label.id);
    if (!keypointCategory) return info ?? { label, points: [], joints: [], keypointCategory: false };
    if (!info) {
      info = { label, points: [], joints: [], keypointCategory: true };
      this.keypointLabels.set(label.id, info);
      for (const name of record.keypoints ?? []) info.points.push(this.builder.sublabel(label, name));
      const joints = record.skeleton ?? [];
      // COCO numbers joints from 1 (CVAT writes SVG node ids); Datumaro's own files use 0-based positions.
      const zeroBased = joints.some(([from, to]) => from === 0 || to === 0);
      if (zeroBased) this.context.diagnostics.info('value-coerced', `skeleton joints of '${record.name}' are 0-based; read as positions + 1`, { file: state.file.path });
      for (const [from, to] of joints) info.joints.push(zeroBased ? [from + 1, to + 1] : [from, to]);
    }
    return info;
  }

  private readImages(state: FileState, elements: unknown[], firstIndex: number): void {
    const file = state.file;
    const subsetFolder = file.subset || 'default';
    for (let offset = 0; offset < elements.length; offset++) {
      const record = checkRecord(imageSchema, elements[offset], file.path, 'images', firstIndex + offset);
      if (state.images.has(record.id)) {
        this.context.diagnostics.warn('duplicate', `image id ${record.id} appears twice; the first one is kept`, { file: file.path, jsonPath: `images[${firstIndex + offset}].id` });
        continue;
      }
      const init: Partial<Frame> = { subset: file.subset };
      if (record.width) init.width = record.width;
      if (record.height) init.height = record.height;
      const imagePath = imageCandidates(file, record.file_name, subsetFolder).find((candidate) => this.tree.has(candidate));
      if (imagePath !== undefined) init.image = { path: imagePath, read: () => this.tree.read(imagePath) };
      const frame = this.builder.frame(record.file_name, init);
      state.images.set(record.id, frame);
    }
    state.imagesDone = true;
  }

  private readAnnotation(state: FileState, value: unknown, index: number): void {
    const file = state.file.path;
    const path = `annotations[${index}]`;
    const task = state.file.task;
    if (task === 'image_info') return;
    if (task === 'panoptic') {
      if (!isRecord(value)) failAt('a panoptic annotation must be an object', file, path);
      if (typeof value.image_id !== 'number') failAt('panoptic image_id must be an integer', file, `${path}.image_id`);
      if (typeof value.file_name !== 'string') failAt('panoptic file_name must be a string', file, `${path}.file_name`);
      if (!Array.isArray(value.segments_info)) failAt('segments_info must be an array', file, `${path}.segments_info`);
      const frame = state.images.get(value.image_id);
      if (!frame) failAt(`panoptic annotation: image_id ${value.image_id} names no image`, file, `${path}.image_id`);
      state.panoptic.push({ frame, fileName: value.file_name, segments: value.segments_info, index });
      return;
    }
    if (task === 'captions') {
      state.captions++;
      return;
    }
    const annotation = annotationFields(value, file, path, true);
    const id = annotation.id;
    const frame = state.images.get(annotation.image_id);
    if (!frame) failAt(`annotation ${id}: image_id ${annotation.image_id} names no image`, file, `${path}.image_id`, id);
    if (annotation.category_id === 0) failAt(`annotation ${id} has no label (category_id 0)`, file, `${path}.category_id`, id);
    const category = state.categories!.get(annotation.category_id);
    if (!category) failAt(`annotation ${id}: category_id ${annotation.category_id} names no category`, file, `${path}.category_id`, id);

    if (task === 'labels') {
      const tag = { id: null, frame: frame.index, label_id: category.label.id, group: 0, source: 'file', attributes: [] as Shape['attributes'] };
      const carrier = this.newShape('rectangle', frame, category.label);
      this.applyAttributes(carrier, annotation, category.label, state, path);
      tag.attributes = carrier.attributes;
      this.builder.dataset.annotations.tags.push(tag);
      return;
    }
    if (annotation.iscrowd === undefined) state.missingIscrowd++;

    const made: Shape[] = [];
    const segmentation = annotation.segmentation;
    if (segmentation !== undefined && !Array.isArray(segmentation) && !isRecord(segmentation))
      failAt(`annotation ${id}: segmentation must be a list of polygons or an RLE object`, file, `${path}.segmentation`, id);
    const polygons = Array.isArray(segmentation) ? segmentation.filter((part) => !(Array.isArray(part) && part.length === 0)) : [];
    const isKeypoints = task === 'person_keypoints' && annotation.keypoints !== undefined;
    if (isRecord(segmentation)) {
      const mask = this.maskShape(segmentation, frame, category.label, file, `${path}.segmentation`, id);
      if (mask) made.push(mask);
    } else if (polygons.length > 0) {
      for (let partIndex = 0; partIndex < polygons.length; partIndex++) {
        // The JSON path is spelled out only for an error (this runs once per polygon of a big file).
        const part = polygons[partIndex];
        const points = isNumberList(part) ? part : checkNumbers(part, file, `${path}.segmentation[${partIndex}]`, id);
        if (points.length < 6 || points.length % 2 !== 0)
          failAt(`annotation ${id}: a polygon needs an even number (at least 6) of coordinates, got ${points.length}`, file, `${path}.segmentation[${partIndex}]`, id);
        const shape = this.newShape('polygon', frame, category.label);
        shape.points = roundAll(points);
        made.push(shape);
      }
    } else if (!isKeypoints) {
      // Box-only instance. (Keypoint annotations' boxes are derived from the points; CVAT removes them.)
      const bbox = checkNumbers(annotation.bbox, file, `${path}.bbox`, id);
      if (bbox.length !== 4) failAt(`annotation ${id}: bbox must have 4 numbers`, file, `${path}.bbox`, id);
      const x = round2(bbox[0]!);
      const y = round2(bbox[1]!);
      const shape = this.newShape('rectangle', frame, category.label);
      shape.points = [x, y, round2(x + round2(bbox[2]!)), round2(y + round2(bbox[3]!))];
      made.push(shape);
    }
    if (isKeypoints) made.push(this.skeletonShape(annotation, frame, category, state, path));

    let group = 0;
    if (made.length > 1) group = this.nextGroup[frame.index] = (this.nextGroup[frame.index] ?? 0) + 1;
    // The shape that carries the annotation's track: the skeleton of a keypoint annotation, else the first part.
    const leader = isKeypoints ? made.length - 1 : 0;
    for (let index = 0; index < made.length; index++) {
      const shape = made[index]!;
      shape.group = group;
      const tracked = this.applyAttributes(shape, annotation, category.label, state, path);
      if (tracked && this.keepsTrack(shape, tracked, index === leader, frame, file, path, id, state.fileIndex)) {
        this.trackItems.push({ shape, trackId: `${state.fileIndex}\u0000${tracked.trackId}`, keyframe: tracked.keyframe });
      } else this.shapes.push(shape);
    }
  }

  /**
   * Whether a shape with track_id + keyframe joins its track. Masks stay per-frame shapes, as in the Datumaro
   * reader: CVAT cannot interpolate mask tracks (CVAT-MODEL §3), so a rebuilt mask track of several keyframes could
   * not be expanded by any writer (an ellipse track exported as masks comes back like this). A track has one
   * shape per frame: further parts of a multi-part annotation, and later annotations of the same track on the
   * same frame, stay plain shapes.
   */
  private keepsTrack(shape: Shape, tracked: { trackId: number | string }, leader: boolean, frame: Frame, file: string, path: string, id: number, fileIndex: number): boolean {
    const where = { file, jsonPath: path, frameName: frame.name, objectId: id, objectKind: 'annotation' };
    if (shape.type === 'mask') {
      this.context.diagnostics.info('track-flattened', `annotation ${id}: a mask with track_id ${String(tracked.trackId)} is kept as a per-frame mask (mask tracks cannot be interpolated)`, where);
      return false;
    }
    const key = `${fileIndex}\u0000${tracked.trackId}\u0000${frame.index}`;
    if (!leader || this.trackFrames.has(key)) {
      const why = leader ? `track ${String(tracked.trackId)} already has a shape on this frame` : `only one shape of a multi-part annotation joins track ${String(tracked.trackId)}`;
      this.context.diagnostics.warn('invalid-value', `annotation ${id}: ${shape.type} kept as a plain shape: ${why}`, where);
      return false;
    }
    this.trackFrames.add(key);
    return true;
  }

  /**
   * A panoptic record: one mask per segment from the PNG in `annotations/panoptic_<subset>/`, where a pixel's
   * segment id is R + 256·G + 256²·B (Datumaro's `coco_panoptic`). Segment ids become singleton groups, which CVAT drops.
   */
  private async readPanoptic(state: FileState, record: FileState['panoptic'][number]): Promise<void> {
    const file = state.file.path;
    const pngPath = `${file.slice(0, -'.json'.length)}/${record.fileName}`;
    const where = { file, jsonPath: `annotations[${record.index}]`, frameName: record.frame.name };
    if (!this.tree.has(pngPath)) {
      this.context.diagnostics.warn('image-missing', `panoptic mask ${pngPath} is missing; its ${record.segments.length} segment(s) are dropped`, where);
      return;
    }
    const png = decodePng(await this.tree.read(pngPath), { name: pngPath });
    const pixels = png.width * png.height;
    const ids = new Uint32Array(pixels);
    const data = png.data;
    for (let pixel = 0; pixel < pixels; pixel++) {
      if (png.colorType === 'palette') {
        const entry = data[pixel]! * 3;
        ids[pixel] = (png.palette?.[entry] ?? 0) + 256 * (png.palette?.[entry + 1] ?? 0) + 65536 * (png.palette?.[entry + 2] ?? 0);
      } else if (png.channels >= 3) {
        const at = pixel * png.channels;
        ids[pixel] = data[at]! + 256 * data[at + 1]! + 65536 * data[at + 2]!;
      } else ids[pixel] = data[pixel * png.channels]!;
    }
    if (record.frame.width === undefined && record.frame.height === undefined) {
      record.frame.width = png.width;
      record.frame.height = png.height;
    }
    record.segments.forEach((segment, offset) => {
      const path = `annotations[${record.index}].segments_info[${offset}]`;
      if (!isRecord(segment) || typeof segment.id !== 'number' || typeof segment.category_id !== 'number') failAt('a segment needs an integer id and category_id', file, path);
      const category = state.categories!.get(segment.category_id);
      if (!category) failAt(`segment ${segment.id}: category_id ${segment.category_id} names no category`, file, `${path}.category_id`);
      const bitmap = new Uint8Array(pixels);
      let count = 0;
      for (let pixel = 0; pixel < pixels; pixel++) if (ids[pixel] === segment.id) {
        bitmap[pixel] = 1;
        count++;
      }
      if (count === 0) {
        this.context.diagnostics.warn('invalid-value', `segment ${segment.id} has no pixels in ${pngPath}; dropped`, { ...where, jsonPath: path });
        return;
      }
      const shape = this.newShape('mask', record.frame, category.label);
      shape.points = bitmapToCvatMask(bitmap, png.height, png.width);
      this.shapes.push(shape);
    });
  }

  private newShape(type: Shape['type'], frame: Frame, label: Label | Sublabel): Shape {
    return { id: null, label_id: label.id, frame: frame.index, group: 0, source: 'file', attributes: [], type, occluded: false, outside: false, z_order: 0, rotation: 0, points: [], score: 1, elements: [] };
  }

  private maskShape(segmentation: Record<string, unknown>, frame: Frame, label: Label, file: string, path: string, id: number): Shape | undefined {
    const size = segmentation.size;
    if (!Array.isArray(size) || size.length !== 2 || !size.every((item) => Number.isInteger(item) && (item as number) >= 0))
      failAt(`annotation ${id}: RLE size must be [height, width]`, file, `${path}.size`, id);
    const [height, width] = size as [number, number];
    let counts: Uint32Array;
    if (typeof segmentation.counts === 'string') {
      counts = rleFromString(segmentation.counts);
    } else if (Array.isArray(segmentation.counts)) {
      // Datumaro rejects an uncompressed RLE whose size differs from the image's.
      if (frame.height !== undefined && frame.width !== undefined && (height !== frame.height || width !== frame.width))
        failAt(`annotation ${id}: RLE size [${height}, ${width}] differs from the image size [${frame.height}, ${frame.width}]`, file, `${path}.size`, id);
      const list = segmentation.counts as unknown[];
      counts = new Uint32Array(list.length);
      for (let index = 0; index < list.length; index++) {
        const count = list[index];
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) failAt(`annotation ${id}: RLE counts must be non-negative integers`, file, `${path}.counts[${index}]`, id);
        counts[index] = count;
      }
    } else {
      failAt(`annotation ${id}: RLE counts must be a list of integers or a compressed string`, file, `${path}.counts`, id);
    }
    let total = 0;
    for (let index = 0; index < counts.length; index++) total += counts[index]!;
    if (total !== height * width) failAt(`annotation ${id}: RLE counts cover ${total} pixels, not ${height}×${width}`, file, `${path}.counts`, id);
    const rle: Rle = { size: [height, width], counts };
    let foreground = 0;
    for (let index = 1; index < counts.length; index += 2) foreground += counts[index]!;
    if (foreground === 0) {
      this.context.diagnostics.warn('invalid-value', `annotation ${id}: empty mask dropped`, { file, jsonPath: path, frameName: frame.name, objectId: id, objectKind: 'annotation' });
      return undefined;
    }
    if (frame.height === undefined && frame.width === undefined) {
      frame.height = height;
      frame.width = width;
    }
    const shape = this.newShape('mask', frame, label);
    shape.points = rleToCvatMask(rle);
    return shape;
  }

  private skeletonShape(annotation: CocoAnnotation, frame: Frame, category: CategoryInfo, state: FileState, path: string): Shape {
    const file = state.file.path;
    const id = annotation.id;
    const values = checkNumbers(annotation.keypoints, file, `${path}.keypoints`, id);
    if (values.length % 3 !== 0) failAt(`annotation ${id}: keypoints must be x, y, v triplets`, file, `${path}.keypoints`, id);
    let info = category;
    if (!info.keypointCategory) {
      info = { label: category.label, points: [], joints: [], keypointCategory: true };
      this.keypointLabels.set(category.label.id, info);
      state.categories!.set(annotation.category_id, info);
    }
    const skeleton = this.newShape('skeleton', frame, info.label);
    for (let index = 0; index < values.length / 3; index++) {
      const visibility = values[index * 3 + 2]!;
      if (visibility !== 0 && visibility !== 1 && visibility !== 2) failAt(`annotation ${id}: keypoint visibility must be 0, 1 or 2`, file, `${path}.keypoints[${index * 3 + 2}]`, id);
      // Datumaro names points a category does not list `<category>_<n>`.
      info.points[index] ??= this.builder.sublabel(info.label, `${info.label.name}_${index + 1}`);
      const element: SubShape = {
        id: null,
        label_id: info.points[index]!.id,
        frame: frame.index,
        group: 0,
        source: 'file',
        attributes: [],
        type: 'points',
        occluded: visibility === 1,
        outside: visibility === 0,
        z_order: 0,
        rotation: 0,
        points: [round2(values[index * 3]!), round2(values[index * 3 + 1]!)],
        score: 1,
      };
      skeleton.elements.push(element);
    }
    if (skeleton.elements.length === 0) failAt(`annotation ${id}: a skeleton needs at least one keypoint`, file, `${path}.keypoints`, id);
    return skeleton;
  }

  /** CVAT's attribute rules: occluded / rotation / outside become shape fields, track_id + keyframe rebuild tracks, the rest label attributes. */
  private applyAttributes(shape: Shape, annotation: CocoAnnotation, label: Label, state: FileState, path: string): { trackId: number | string; keyframe: boolean } | undefined {
    // Datumaro turns a top-level `score` into an attribute of that name; CVAT keeps it like any other attribute.
    const attributes = annotation.score !== undefined ? { ...annotation.attributes, score: annotation.score } : annotation.attributes;
    if (!attributes) return undefined;
    let trackId: number | string | undefined;
    let keyframe: boolean | undefined;
    for (const name of Object.keys(attributes)) {
      const value = attributes[name];
      switch (name) {
        case 'occluded':
          shape.occluded = truthy(value);
          continue;
        case 'outside':
          shape.outside = truthy(value);
          continue;
        case 'rotation': {
          const rotation = Number(value);
          if (!Number.isFinite(rotation)) {
            this.context.diagnostics.warn('invalid-value', `annotation ${annotation.id}: rotation ${JSON.stringify(value)} is not a number`, { file: state.file.path, jsonPath: `${path}.attributes.rotation` });
            continue;
          }
          if (shape.type === 'rectangle' || shape.type === 'ellipse') shape.rotation = ((rotation % 360) + 360) % 360;
          continue;
        }
        case 'track_id':
          if (typeof value === 'number' || typeof value === 'string') trackId = value;
          continue;
        case 'keyframe':
          keyframe = truthy(value);
          continue;
        case 'source':
          continue;
        default: {
          const spec = this.attributeSpec(label, name, value);
          shape.attributes.push({ spec_id: spec.id, value: attributeValueFromFile(spec, value) });
        }
      }
    }
    // CVAT rebuilds a track only when both track_id and keyframe are present.
    return trackId !== undefined && keyframe !== undefined ? { trackId, keyframe } : undefined;
  }

  /**
   * The label's spec for a file attribute; created from the value's type, since the labels come from the file.
   * Mutable, as the VOC and Datumaro readers make theirs: a value that changes along a track must stay on its
   * keyframes when tracks are rebuilt (an immutable spec keeps only the track's first value).
   */
  private attributeSpec(label: Label, name: string, value: unknown): AttributeSpec {
    const existing = label.attributes.find((spec) => spec.name === name);
    if (existing) return existing;
    if (typeof value === 'boolean') return this.builder.attribute(label, name, { input_type: 'checkbox', default_value: 'false', values: ['false'], mutable: true });
    if (typeof value === 'number') return this.builder.attribute(label, name, { input_type: 'number', default_value: '0', mutable: true });
    return this.builder.attribute(label, name, { input_type: 'text', mutable: true });
  }
}

function truthy(value: unknown): boolean {
  if (typeof value === 'string') return value.toLowerCase() === 'true' || value === '1';
  return Boolean(value);
}

/** True for an array of finite numbers (what checkNumbers accepts without throwing). */
function isNumberList(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  }
  return true;
}

/** Rounds in place: `points` is a fresh array of this file's parse, owned by the shape it becomes. */
function roundAll(points: number[]): number[] {
  for (let index = 0; index < points.length; index++) {
    const value = points[index]!;
    const rounded = round2(value);
    if (rounded !== value) points[index] = rounded;
  }
  return points;
}

/**
 * Label ids in list order with each skeleton's points right after it (CVAT's creation order), so ids do not depend
 * on whether point names came from the categories or were met first in annotations.
 */
function renumberLabels(dataset: Dataset): void {
  const remap = new Map<number, number>();
  for (const label of dataset.labels) {
    remap.set(label.id, remap.size + 1);
    for (const sublabel of label.sublabels) remap.set(sublabel.id, remap.size + 1);
  }
  if ([...remap].every(([from, to]) => from === to)) return;
  const id = (value: number): number => remap.get(value) ?? value;
  for (const label of dataset.labels) {
    label.id = id(label.id);
    for (const sublabel of label.sublabels) {
      sublabel.id = id(sublabel.id);
      sublabel.parent_id = label.id;
    }
  }
  const annotations = dataset.annotations;
  for (const tag of annotations.tags) tag.label_id = id(tag.label_id);
  for (const shape of annotations.shapes) {
    shape.label_id = id(shape.label_id);
    for (const element of shape.elements) element.label_id = id(element.label_id);
  }
  for (const track of annotations.tracks) {
    track.label_id = id(track.label_id);
    for (const element of track.elements) element.label_id = id(element.label_id);
  }
}
