// Writes a dataset as CVAT exports COCO 1.0 / COCO Keypoints 1.0 through Datumaro: one
// `annotations/<task>_<subset>.json` per subset, keys and numbers as Datumaro prints them, streamed to the sink
// in chunks. Tracks are flattened to per-frame shapes carrying `track_id` / `keyframe`; every loss is a diagnostic.
import {
  attributesForExport,
  indexLabels,
  skeletonLayout,
  throwIfAborted,
  typedAttributeValue,
  type Dataset,
  type FileSink,
  type FormatContext,
  type Frame,
  type Label,
  type Shape,
  type Sublabel,
  type WriteOptions,
} from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';
import { formatDatasetMeta } from '@annoconv/io';
import { buildInstance, measurePart, pointsBox, type Box, type Instance, type Part } from './instance.js';
import { JsonBytes } from './json-bytes.js';
import { formatFloat, round2 } from './numbers.js';
import type { CocoFlavour } from './read.js';

/** A shape to export: a stored shape, or a track's shape on one frame. */
type FrameShape = Shape & { track_id?: number; keyframe?: boolean };

const HEADER =
  '{"licenses":[{"name":"","id":0,"url":""}],"info":{"contributor":"","date_created":"","description":"","url":"","version":"","year":""},';
const ELLIPSE_CONVERTED = 'ellipse written as an RLE mask (iscrowd 1), as CVAT does; it imports back as a mask';
/** Output is handed to the sink in pieces of about this many bytes. */
const CHUNK_BYTES = 1 << 18;

export async function writeCoco(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext, flavour: CocoFlavour): Promise<void> {
  const task = flavour === 'keypoints' ? 'person_keypoints' : 'instances';
  const labels = indexLabels(dataset.labels);
  const order = labelOrder(dataset.labels);
  const deleted = new Set(dataset.meta.deletedFrames);
  const byFrame = shapesByFrame(dataset, context, deleted);
  if (dataset.annotations.tags.length > 0)
    context.diagnostics.warn('tag-unsupported', `${dataset.annotations.tags.length} tag(s) dropped: COCO ${flavour === 'keypoints' ? 'Keypoints ' : ''}1.0 holds no tags`);

  const subsets: string[] = [];
  const framesOf = new Map<string, Frame[]>();
  for (const frame of dataset.frames) {
    if (deleted.has(frame.index)) continue;
    const subset = frame.subset || 'default';
    let list = framesOf.get(subset);
    if (!list) {
      list = [];
      framesOf.set(subset, list);
      subsets.push(subset);
    }
    list.push(frame);
  }
  if (subsets.length === 0) subsets.push('default');

  const categories = categoriesJson(dataset.labels, order, flavour);
  let nextImageId = 1;
  for (const subset of subsets) {
    const frames = framesOf.get(subset) ?? [];
    const firstImageId = nextImageId;
    nextImageId += frames.length;
    const writer = new SubsetWriter(frames, firstImageId, byFrame, labels, order, context, flavour);
    await sink.writeStream(`annotations/${task}_${subset}.json`, writer.chunks(categories));
    if (options.saveImages) {
      for (const frame of frames) {
        if (frame.image) await sink.write(`images/${subset}/${frame.name}`, await frame.image.read());
        else context.diagnostics.warn('image-missing', `no image to save for frame '${frame.name}'`, { frame: frame.index, frameName: frame.name });
      }
    }
  }
  // Datumaro's --save-dataset-meta (CVAT never asks for it): the label list whose n-th label category_id n names.
  if (options.saveDatasetMeta === true) await sink.write('dataset_meta.json', formatDatasetMeta(dataset.labels));
}

/** Category ids: 1 + position in the flat label list, sub-labels right after their skeleton (CVAT's label order). */
function labelOrder(labels: readonly Label[]): Map<number, number> {
  const order = new Map<number, number>();
  for (const label of labels) {
    order.set(label.id, order.size + 1);
    for (const sublabel of label.sublabels) order.set(sublabel.id, order.size + 1);
  }
  return order;
}

function categoriesJson(labels: readonly Label[], order: Map<number, number>, flavour: CocoFlavour): string {
  const parts: string[] = [];
  for (const label of labels) {
    if (flavour === 'keypoints') {
      // Keypoints: top-level labels only, ids keep counting the sub-labels (so they have gaps).
      const layout = skeletonLayout(label);
      const names = JSON.stringify(layout.sublabels.map((sublabel) => sublabel.name));
      const joints = JSON.stringify(layout.joints);
      parts.push(`{"id":${order.get(label.id)},"name":${JSON.stringify(label.name)},"supercategory":"","keypoints":${names},"skeleton":${joints}}`);
      continue;
    }
    parts.push(`{"id":${order.get(label.id)},"name":${JSON.stringify(label.name)},"supercategory":""}`);
    for (const sublabel of label.sublabels) parts.push(`{"id":${order.get(sublabel.id)},"name":${JSON.stringify(sublabel.name)},"supercategory":${JSON.stringify(label.name)}}`);
  }
  return `[${parts.join(',')}]`;
}

/** Stored shapes and flattened track shapes per frame index, sorted by z_order as CVAT does before conversion. */
function shapesByFrame(dataset: Dataset, context: FormatContext, deleted: Set<number>): FrameShape[][] {
  const byFrame: FrameShape[][] = [];
  const add = (shape: FrameShape): void => {
    if (deleted.has(shape.frame)) return;
    (byFrame[shape.frame] ??= []).push(shape);
  };
  for (const shape of dataset.annotations.shapes) add(shape);
  const tracks = dataset.annotations.tracks;
  if (tracks.length > 0) {
    // endFrame is the first frame not produced; outside frames are not exported (FORMATS.md §1.3).
    const perFrame = tracksToShapes(tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames }) as unknown as FrameShape[];
    for (const shape of perFrame) if (!shape.outside) add(shape);
    context.diagnostics.info('track-flattened', `${tracks.length} track(s) written as per-frame annotations with attributes.track_id and attributes.keyframe`);
  }
  for (const list of byFrame) if (list) list.sort((a, b) => a.z_order - b.z_order);
  return byFrame;
}

class SubsetWriter {
  private annotationId = 1;
  /** The output being printed; annotations are written straight into it. */
  private readonly out = new JsonBytes(CHUNK_BYTES + (1 << 16));
  private firstAnnotation = true;

  constructor(
    private readonly frames: Frame[],
    private readonly firstImageId: number,
    private readonly byFrame: FrameShape[][],
    private readonly labels: Map<number, Label | Sublabel>,
    private readonly order: Map<number, number>,
    private readonly context: FormatContext,
    private readonly flavour: CocoFlavour,
  ) {}

  async *chunks(categories: string): AsyncIterable<Uint8Array> {
    const out = this.out;
    out.text(`${HEADER}"categories":${categories},"images":[`);
    for (let index = 0; index < this.frames.length; index++) {
      const frame = this.frames[index]!;
      out.text(index > 0 ? ',{"id":' : '{"id":');
      out.int(this.firstImageId + index);
      out.text(',"width":');
      out.int(frame.width ?? 0);
      out.text(',"height":');
      out.int(frame.height ?? 0);
      out.text(',"file_name":');
      out.text(JSON.stringify(frame.name));
      out.text(',"license":0,"flickr_url":"","coco_url":"","date_captured":0}');
      if (out.length > CHUNK_BYTES) yield out.take();
    }
    out.text('],"annotations":[');
    for (let index = 0; index < this.frames.length; index++) {
      const frame = this.frames[index]!;
      const shapes = this.byFrame[frame.index];
      if (!shapes || shapes.length === 0) continue;
      if (index % 256 === 0) throwIfAborted(this.context);
      this.frameAnnotations(frame, this.firstImageId + index, shapes);
      if (out.length > CHUNK_BYTES) {
        yield out.take();
        this.context.onProgress?.({ stage: 'writing annotations', done: index + 1, total: this.frames.length });
      }
    }
    out.text(']}');
    yield out.take();
  }

  private where(frame: Frame, shape: Shape): { frame: number; frameName: string; objectId?: number; objectKind: string } {
    return { frame: frame.index, frameName: frame.name, ...(shape.id !== null ? { objectId: shape.id } : {}), objectKind: 'shape' };
  }

  /** Prints the COCO annotations of one frame. */
  private frameAnnotations(frame: Frame, imageId: number, shapes: FrameShape[]): void {
    const diagnostics = this.context.diagnostics;
    let height = frame.height ?? 0;
    let width = frame.width ?? 0;
    if (!height || !width) {
      // Without an image size, rasterize in the extent of the shapes (masks and ellipses need the real size).
      let maxX = 0;
      let maxY = 0;
      for (const shape of shapes) {
        if (shape.type !== 'polygon' && shape.type !== 'rectangle') continue;
        const [x, y, w, h] = pointsBox(shape.points);
        maxX = Math.max(maxX, Math.ceil(x + w));
        maxY = Math.max(maxY, Math.ceil(y + h));
      }
      height = height || maxY;
      width = width || maxX;
    }
    const sizeKnown = Boolean(frame.height && frame.width);
    // Groups are keyed by group and, in COCO 1.0, by track: one annotation carries one track_id, so members of
    // different tracks (or a track shape and plain shapes) are split into one annotation each; merged, they would
    // read back as two keyframes of one track on one frame.
    const groups = new Map<string, Part[]>();
    const splitGroups = new Map<number, Set<string>>();
    const singles: Part[][] = [];
    const skeletons: FrameShape[] = [];
    for (const shape of shapes) {
      switch (shape.type) {
        case 'skeleton':
          if (this.flavour === 'keypoints') skeletons.push(shape);
          else diagnostics.warn('shape-unsupported', 'skeleton dropped: COCO 1.0 holds no skeletons (use COCO Keypoints 1.0)', this.where(frame, shape));
          continue;
        case 'points':
        case 'polyline':
        case 'cuboid':
          diagnostics.warn('shape-unsupported', `${shape.type} dropped: COCO cannot hold ${shape.type === 'points' ? 'points' : `a ${shape.type}`}`, this.where(frame, shape));
          continue;
        case 'mask':
        case 'ellipse':
          if (!sizeKnown) {
            diagnostics.warn('image-size-unknown', `${shape.type} dropped: its image size is unknown`, this.where(frame, shape));
            continue;
          }
          if (shape.type === 'ellipse' && this.flavour === 'instances') diagnostics.warn('shape-converted', ELLIPSE_CONVERTED, this.where(frame, shape));
          break;
        default:
          break;
      }
      if (shape.z_order !== 0) diagnostics.info('z-order-dropped', `z_order ${shape.z_order} is not written (COCO has no z order)`, this.where(frame, shape));
      const part = measurePart(shape, height, width);
      if (shape.group > 0) {
        const track = this.flavour === 'keypoints' || shape.track_id === undefined ? '' : String(shape.track_id);
        const key = `${shape.group}\u0000${track}`;
        let members = groups.get(key);
        if (!members) {
          members = [];
          groups.set(key, members);
          singles.push(members);
          let tracks = splitGroups.get(shape.group);
          if (!tracks) splitGroups.set(shape.group, (tracks = new Set()));
          tracks.add(track);
        }
        members.push(part);
      } else singles.push([part]);
    }
    for (const [group, tracks] of splitGroups) {
      if (tracks.size < 2) continue;
      const first = groups.get(`${group}\u0000${[...tracks][0]!}`)![0]!.shape;
      diagnostics.warn('group-dropped', `group ${group}: shapes of ${tracks.size} different tracks / plain shapes written as ${tracks.size} COCO annotations (an annotation has one track_id)`, this.where(frame, first));
    }

    if (this.flavour === 'keypoints') {
      const used = new Set<number>();
      for (const skeleton of skeletons) {
        const members = skeleton.group > 0 ? groups.get(`${skeleton.group}\u0000`) : undefined;
        if (members) used.add(skeleton.group);
        this.keypointAnnotation(frame, imageId, skeleton, members, height, width);
      }
      for (const members of singles) {
        if (used.has(members[0]!.shape.group)) continue;
        for (const part of members) diagnostics.warn('shape-unsupported', `${part.shape.type} dropped: COCO Keypoints 1.0 writes only skeletons and the shapes grouped with them`, this.where(frame, part.shape));
      }
      return;
    }

    for (const members of singles) {
      if (members.length > 1)
        diagnostics.warn('group-dropped', `group ${members[0]!.shape.group}: ${members.length} shapes merged into one COCO annotation (label and attributes of the largest)`, this.where(frame, members[0]!.shape));
      const instance = buildInstance(members, height, width, (shape) => this.isCrowd(shape));
      this.annotationJson(imageId, instance.leader, instance, '');
    }
  }

  /** The leader's `is_crowd` attribute as CVAT types it (undefined when its label has no such attribute). */
  private isCrowd(shape: Shape): unknown {
    const label = this.labels.get(shape.label_id);
    if (!label) return undefined;
    // attributesForExport's value for that one spec, without typing every other attribute of the shape.
    const spec = label.attributes.find((candidate) => candidate.name === 'is_crowd');
    if (!spec) return undefined;
    // The last value of the spec wins, as in attributesForExport's map.
    let value: string | undefined;
    for (const attribute of shape.attributes) if (attribute.spec_id === spec.id) value = attribute.value;
    return typedAttributeValue(spec, value ?? spec.default_value);
  }

  private keypointAnnotation(frame: Frame, imageId: number, skeleton: FrameShape, members: Part[] | undefined, height: number, width: number): void {
    const label = this.labels.get(skeleton.label_id) as Label | undefined;
    const layout = label ? skeletonLayout(label) : { sublabels: [], joints: [] };
    const values: number[] = [];
    const visibility: number[] = [];
    let visible = 0;
    const present: number[] = [];
    for (const sublabel of layout.sublabels) {
      const element = skeleton.elements.find((candidate) => candidate.label_id === sublabel.id);
      if (!element) {
        values.push(0, 0);
        visibility.push(0);
        continue;
      }
      const v = element.outside ? 0 : element.occluded ? 1 : 2;
      values.push(round2(element.points[0] ?? 0), round2(element.points[1] ?? 0));
      visibility.push(v);
      if (v !== 0) {
        visible++;
        present.push(element.points[0] ?? 0, element.points[1] ?? 0);
      }
    }
    if (skeleton.elements.some((element) => element.attributes.length > 0))
      this.context.diagnostics.warn('attribute-dropped', 'attributes of skeleton points are not written (COCO keeps per-skeleton attributes only)', this.where(frame, skeleton));
    let instance: Instance;
    if (members && members.length > 0) {
      for (const member of members) if (member.shape.type === 'ellipse') this.context.diagnostics.warn('shape-converted', ELLIPSE_CONVERTED, this.where(frame, member.shape));
      instance = { ...buildInstance(members, height, width, (shape) => this.isCrowd(shape)), leader: skeleton };
    } else {
      const bbox = pointsBox(present).map(round2) as Box;
      instance = { leader: skeleton, segmentation: { polygons: [] }, area: bbox[2] * bbox[3], bbox, iscrowd: 0 };
    }
    let keypoints = '[';
    for (let index = 0; index < visibility.length; index++) {
      if (index > 0) keypoints += ',';
      keypoints += `${formatFloat(values[index * 2]!)},${formatFloat(values[index * 2 + 1]!)},${visibility[index]}`;
    }
    keypoints += ']';
    this.annotationJson(imageId, skeleton, instance, `,"keypoints":${keypoints},"num_keypoints":${visible}`);
  }

  /** Prints one annotation object (with its leading comma after the first). */
  private annotationJson(imageId: number, leader: FrameShape, instance: Instance, tail: string): void {
    const out = this.out;
    const label = this.labels.get(leader.label_id);
    out.text(this.firstAnnotation ? '{"id":' : ',{"id":');
    this.firstAnnotation = false;
    out.int(this.annotationId++);
    out.text(',"image_id":');
    out.int(imageId);
    out.text(',"category_id":');
    out.int(label ? (this.order.get(label.id) ?? 0) : 0);
    out.text(',"segmentation":');
    if ('rle' in instance.segmentation) {
      const rle = instance.segmentation.rle;
      // Uncompressed RLE as Datumaro writes it: `{"counts":[…],"size":[h,w]}`.
      out.text('{"counts":[');
      const counts = rle.counts;
      for (let index = 0; index < counts.length; index++) {
        if (index > 0) out.byte(0x2c);
        out.int(counts[index]!);
      }
      out.text('],"size":[');
      out.int(rle.size[0]);
      out.byte(0x2c);
      out.int(rle.size[1]);
      out.text(']}');
    } else {
      const polygons = instance.segmentation.polygons;
      out.byte(0x5b);
      for (let index = 0; index < polygons.length; index++) {
        if (index > 0) out.byte(0x2c);
        out.floatArray(polygons[index]!);
      }
      out.byte(0x5d);
    }
    out.text(',"area":');
    out.float(instance.area);
    out.text(',"bbox":');
    out.floatArray(instance.bbox);
    out.text(instance.iscrowd ? ',"iscrowd":1' : ',"iscrowd":0');
    this.attributesJson(label, leader);
    out.text(tail);
    out.byte(0x7d);
  }

  /**
   * Prints `,"score":…` when the label has a numeric score attribute, then CVAT's attribute object: label
   * attributes (typed, defaults filled) then occluded, rotation, track_id, keyframe.
   */
  private attributesJson(label: Label | Sublabel | undefined, shape: FrameShape): void {
    const out = this.out;
    let attributes = '';
    if (label && label.attributes.length > 0) {
      for (const { spec, value } of attributesForExport(label, shape.attributes)) {
        if (spec.name === 'is_crowd') continue;
        if (spec.name === 'score' && typeof value === 'number') {
          out.text(',"score":');
          out.float(value);
          continue;
        }
        const text = typeof value === 'number' ? formatFloat(value) : JSON.stringify(value);
        attributes += `${JSON.stringify(spec.name)}:${text},`;
      }
    }
    out.text(',"attributes":{');
    out.text(attributes);
    out.text(shape.occluded ? '"occluded":true' : '"occluded":false');
    if (shape.type === 'rectangle' || shape.type === 'ellipse') {
      out.text(',"rotation":');
      out.float(shape.rotation);
    }
    if (shape.track_id !== undefined) {
      out.text(',"track_id":');
      out.int(shape.track_id);
    }
    if (shape.track_id !== undefined || shape.type === 'skeleton') out.text(shape.keyframe ? ',"keyframe":true' : ',"keyframe":false');
    out.byte(0x7d);
  }
}
