// Writes TensorFlow Object Detection API TFRecords as Datumaro's exporter does for CVAT: one `<subset>.tfrecord`
// per subset and one `label_map.pbtxt`. Only boxes survive: masks and ellipses become their bounding boxes, the
// members of a group merge into one box with the first member's label, and everything else is reported and
// dropped (FORMATS.md sheet B §5.5).
import {
  indexLabels,
  throwIfAborted,
  type Dataset,
  type FileSink,
  type FormatContext,
  type Frame,
  type Label,
  type Shape,
  type Sublabel,
  type Where,
  type WriteOptions,
} from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';
import { encodeExample, type FeatureValue } from './example-proto.js';
import { writeLabelMap } from './label-map.js';
import { frameRecord } from './record-framing.js';

const encoder = new TextEncoder();

interface Box {
  label: Label | Sublabel;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type ExportShape = Shape & { track_id?: number };

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The box of a shape TFRecord can hold, or undefined (with a diagnostic) for one it cannot. */
function boxOf(shape: ExportShape, label: Label | Sublabel, context: FormatContext, where: Where): Box | undefined {
  const points = shape.points;
  switch (shape.type) {
    case 'rectangle':
      if (shape.rotation) context.diagnostics.warn('rotation-dropped', `a box rotated by ${shape.rotation}° was written unrotated`, where);
      return { label, x1: points[0]!, y1: points[1]!, x2: points[2]!, y2: points[3]! };
    case 'mask': {
      // CVAT mask points end with the inclusive box left, top, right, bottom.
      const [left, top, right, bottom] = points.slice(-4) as [number, number, number, number];
      context.diagnostics.warn('shape-converted', 'a mask was written as its bounding box', where);
      return { label, x1: left, y1: top, x2: right + 1, y2: bottom + 1 };
    }
    case 'ellipse': {
      const [cx, cy, rightX, topY] = points as [number, number, number, number];
      const rx = Math.abs(rightX - cx);
      const ry = Math.abs(cy - topY);
      context.diagnostics.warn('shape-converted', 'an ellipse was written as its bounding box', where);
      return { label, x1: cx - rx, y1: cy - ry, x2: cx + rx, y2: cy + ry };
    }
    default:
      context.diagnostics.warn('shape-unsupported', `TFRecord holds boxes only; a ${shape.type} was dropped`, where);
      return undefined;
  }
}

export async function writeTfRecord(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const labelsById = indexLabels(dataset.labels);
  const labelOrder = [...labelsById.values()].sort((a, b) => a.id - b.id);
  const classId = new Map(labelOrder.map((label, index) => [label.id, index + 1]));
  await sink.write('label_map.pbtxt', writeLabelMap(labelOrder.map((label) => label.name)));

  const shapesByFrame = new Map<number, ExportShape[]>();
  const add = (shape: ExportShape): void => {
    const list = shapesByFrame.get(shape.frame) ?? [];
    list.push(shape);
    shapesByFrame.set(shape.frame, list);
  };
  for (const shape of dataset.annotations.shapes) add(shape);
  if (dataset.annotations.tracks.length > 0) {
    // Interpolation keeps outside keyframes; CVAT's exporter leaves frames where the object is absent out.
    for (const shape of tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
      if (!shape.outside) add(shape as unknown as ExportShape);
    }
  }
  if (dataset.annotations.tags.length > 0) context.diagnostics.warn('tag-unsupported', `${dataset.annotations.tags.length} tag(s) dropped: TFRecord holds boxes only`);

  const deleted = new Set(dataset.meta.deletedFrames);
  const subsets = new Map<string, Frame[]>();
  for (const frame of dataset.frames) {
    if (deleted.has(frame.index)) continue;
    const name = frame.subset || 'default';
    subsets.set(name, [...(subsets.get(name) ?? []), frame]);
  }
  // A dataset without frames still gets one (empty) record file, so that the output is a TFRecord dataset its
  // reader accepts (with the labels of label_map.pbtxt) instead of a lone label map.
  if (subsets.size === 0) subsets.set('default', []);
  let done = 0;
  for (const [subset, frames] of subsets) {
    async function* records(): AsyncGenerator<Uint8Array> {
      for (const frame of frames) {
        throwIfAborted(context);
        yield frameRecord(await example(frame));
        context.onProgress?.({ stage: 'writing TFRecords', done: ++done, total: dataset.frames.length });
      }
    }
    await sink.writeStream(`${subset}.tfrecord`, records());
  }

  async function example(frame: Frame): Promise<Uint8Array> {
    const features = new Map<string, FeatureValue>();
    const image = options.saveImages && frame.image ? await frame.image.read() : new Uint8Array(0);
    const extension = extensionOf(frame.name);
    const format = image.length === 0 ? '' : extension === 'png' ? 'png' : extension === 'jpg' || extension === 'jpeg' ? 'jpeg' : extension;
    features.set('image/height', { ints: [frame.height ?? 0] });
    features.set('image/width', { ints: [frame.width ?? 0] });
    features.set('image/encoded', { bytes: [image] });
    features.set('image/format', { bytes: [encoder.encode(format)] });
    features.set('image/key/sha256', { bytes: [encoder.encode(image.length ? await sha256Hex(image) : '')] });
    features.set('image/filename', { bytes: [encoder.encode(frame.name)] });
    features.set('image/source_id', { bytes: [encoder.encode('')] });
    const shapes = shapesByFrame.get(frame.index) ?? [];
    if (shapes.length === 0) return encodeExample(features);
    if (frame.width === undefined || frame.height === undefined) {
      context.diagnostics.warn('image-size-unknown', `frame '${frame.name}' has no size; its ${shapes.length} object(s) cannot be normalised and were dropped`, { frame: frame.index, frameName: frame.name });
      return encodeExample(features);
    }
    const boxes: Box[] = [];
    const groups = new Map<number, Box>();
    for (const shape of shapes) {
      const where: Where = { frame: frame.index, frameName: frame.name, objectKind: shape.track_id !== undefined ? 'track' : 'shape', ...(shape.track_id !== undefined ? { objectId: shape.track_id } : shape.id !== null ? { objectId: shape.id } : {}) };
      const label = labelsById.get(shape.label_id);
      if (!label) continue;
      const box = boxOf(shape, label, context, where);
      if (!box) continue;
      if (shape.attributes.length > 0) context.diagnostics.warn('attribute-dropped', `${shape.attributes.length} attribute(s) dropped: TFRecord has no attributes`, where);
      if (shape.group > 0) {
        const leader = groups.get(shape.group);
        if (leader) {
          leader.x1 = Math.min(leader.x1, box.x1);
          leader.y1 = Math.min(leader.y1, box.y1);
          leader.x2 = Math.max(leader.x2, box.x2);
          leader.y2 = Math.max(leader.y2, box.y2);
          context.diagnostics.warn('group-dropped', 'a group member was merged into its group leader’s box', where);
          continue;
        }
        groups.set(shape.group, box);
      }
      boxes.push(box);
    }
    if (boxes.length === 0) return encodeExample(features);
    const width = frame.width;
    const height = frame.height;
    features.set('image/object/bbox/xmin', { floats: boxes.map((box) => box.x1 / width) });
    features.set('image/object/bbox/xmax', { floats: boxes.map((box) => box.x2 / width) });
    features.set('image/object/bbox/ymin', { floats: boxes.map((box) => box.y1 / height) });
    features.set('image/object/bbox/ymax', { floats: boxes.map((box) => box.y2 / height) });
    // Datumaro strips non-ASCII characters from class texts.
    features.set('image/object/class/text', { bytes: boxes.map((box) => encoder.encode(box.label.name.replace(/[^\x00-\x7f]/g, ''))) });
    features.set('image/object/class/label', { ints: boxes.map((box) => classId.get(box.label.id) ?? 0) });
    return encodeExample(features);
  }
}
