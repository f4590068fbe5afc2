// Writes the canonical model as Datumaro 1.0 JSON the way CVAT exports it: one `annotations/<subset>.json` per
// subset, every label attribute filled with its default and typed, `occluded` on every shape, `rotation` on
// boxes, tracks flattened to per-frame shapes with `track_id` and `keyframe`, ellipses as masks, 2D cuboids dropped
// (CVAT's adapter, FORMATS.md sheet B §A.2 and §6).
import {
  attributesForExport,
  indexLabels,
  skeletonLayout,
  throwIfAborted,
  type Dataset,
  type FileSink,
  type FormatContext,
  type Frame,
  type Label,
  type Shape,
  type SubShape,
  type Sublabel,
  type Tag,
  type Where,
  type WriteOptions,
} from '@annoconv/core';
import { cvatMaskToRle, encodeRle, rasterizeShape, rleToString, tracksToShapes } from '@annoconv/geometry';
import { extensionOf, withoutExtension } from '@annoconv/io';

type JsonObject = Record<string, unknown>;

/** A shape to export: a plain shape, or one frame of a track. */
type ExportShape = Omit<Shape, 'elements'> & { elements: SubShape[]; track_id?: number; keyframe?: boolean };

export function subsetName(subset: string): string {
  return subset === '' ? 'default' : subset;
}

class DatumaroWriter {
  private readonly labelsById: Map<number, Label | Sublabel>;
  /** Label and sub-label order of the categories: creation (id) order, as CVAT lists them. */
  private readonly categoryOrder: Array<Label | Sublabel>;
  private readonly categoryIndex: Map<number, number>;
  private readonly layouts: Map<number, ReturnType<typeof skeletonLayout>>;

  constructor(
    private readonly dataset: Dataset,
    private readonly options: WriteOptions,
    private readonly context: FormatContext,
  ) {
    this.labelsById = indexLabels(dataset.labels);
    this.categoryOrder = [...this.labelsById.values()].sort((a, b) => a.id - b.id);
    this.categoryIndex = new Map(this.categoryOrder.map((label, index) => [label.id, index]));
    this.layouts = new Map(dataset.labels.filter((label) => label.type === 'skeleton' || label.sublabels.length > 0).map((label) => [label.id, skeletonLayout(label)]));
  }

  categories(): JsonObject {
    const parentName = (label: Label | Sublabel): string => {
      const parentId = 'parent_id' in label ? label.parent_id : undefined;
      return parentId !== undefined && parentId !== null ? (this.labelsById.get(parentId)?.name ?? '') : '';
    };
    const global = new Set<string>(['occluded']);
    const labels = this.categoryOrder.map((label) => {
      for (const spec of label.attributes) global.add(spec.name);
      return { name: label.name, parent: parentName(label), attributes: label.attributes.map((spec) => spec.name).sort() };
    });
    const categories: JsonObject = { label: { labels, attributes: [...global].sort() } };
    const points = [...this.layouts].map(([id, layout]) => ({
      label_id: this.categoryIndex.get(id),
      labels: layout.sublabels.map((sublabel) => sublabel.name),
      joints: layout.joints,
    }));
    if (points.length > 0) categories.points = { items: points };
    return categories;
  }

  /** Shapes of every frame, tracks expanded as CVAT's exporter expands them. */
  shapesByFrame(): Map<number, ExportShape[]> {
    const byFrame = new Map<number, ExportShape[]>();
    const add = (shape: ExportShape): void => {
      const list = byFrame.get(shape.frame) ?? [];
      list.push(shape);
      byFrame.set(shape.frame, list);
    };
    for (const shape of this.dataset.annotations.shapes) add(shape);
    if (this.dataset.annotations.tracks.length > 0) {
      const expanded = tracksToShapes(this.dataset.annotations.tracks, { endFrame: this.dataset.frames.length, deletedFrames: this.dataset.meta.deletedFrames });
      // Interpolation keeps outside keyframes; CVAT's exporter leaves frames where the object is absent out.
      for (const shape of expanded) if (!shape.outside) add(shape as unknown as ExportShape);
    }
    // CVAT sorts each frame's shapes by z_order before converting them (stable).
    for (const list of byFrame.values()) list.sort((a, b) => a.z_order - b.z_order);
    return byFrame;
  }

  attributes(label: Label | Sublabel, values: Shape['attributes']): JsonObject {
    const result: JsonObject = {};
    for (const { spec, value } of attributesForExport(label, values)) result[spec.name] = value;
    return result;
  }

  tag(tag: Tag): JsonObject | undefined {
    const label = this.labelsById.get(tag.label_id);
    if (!label) return undefined;
    return { id: 0, type: 'label', attributes: this.attributes(label, tag.attributes), group: tag.group, label_id: this.categoryIndex.get(label.id) };
  }

  shape(shape: ExportShape, frame: Frame, where: Where): JsonObject | undefined {
    const label = this.labelsById.get(shape.label_id);
    if (!label) {
      this.context.diagnostics.warn('label-unknown', `label_id ${shape.label_id} is not a label of the dataset; the shape was dropped`, where);
      return undefined;
    }
    const attributes = this.attributes(label, shape.attributes);
    attributes.occluded = shape.occluded;
    const common = { id: 0, type: '', attributes, group: shape.group, label_id: this.categoryIndex.get(label.id) };
    if (shape.track_id !== undefined) {
      attributes.track_id = shape.track_id;
      attributes.keyframe = shape.keyframe ?? false;
    }
    switch (shape.type) {
      case 'rectangle': {
        attributes.rotation = shape.rotation;
        const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
        return { ...common, type: 'bbox', z_order: shape.z_order, bbox: [x1, y1, x2 - x1, y2 - y1] };
      }
      case 'polygon':
      case 'polyline':
      case 'points': {
        const result: JsonObject = { ...common, type: shape.type, z_order: shape.z_order, points: shape.points };
        if (shape.type === 'points') result.visibility = Array.from({ length: shape.points.length / 2 }, () => 2);
        return result;
      }
      case 'mask':
      case 'ellipse': {
        if (frame.width === undefined || frame.height === undefined) {
          this.context.diagnostics.warn('image-size-unknown', `a ${shape.type} needs the image size to become a full-image mask; dropped`, where);
          return undefined;
        }
        const rle =
          shape.type === 'mask'
            ? cvatMaskToRle(shape.points, frame.height, frame.width)
            : encodeRle(rasterizeShape({ type: 'ellipse', points: shape.points, rotation: shape.rotation }, frame.height, frame.width), frame.height, frame.width);
        if (shape.type === 'ellipse') {
          // CVAT's exporter rasterises ellipses before Datumaro sees them (EllipsesToMasks).
          attributes.rotation = shape.rotation;
          this.context.diagnostics.warn('shape-converted', 'an ellipse was exported as a mask, as CVAT does', where);
        }
        return { ...common, type: 'mask', rle: { counts: rleToString(rle.counts), size: [frame.height, frame.width] }, z_order: shape.z_order };
      }
      case 'skeleton':
        return this.skeleton(shape, label as Label, common, attributes, where);
      case 'cuboid':
        this.context.diagnostics.warn('shape-unsupported', '2D cuboids are not exported to Datumaro by CVAT (cvat#9007); dropped', where);
        return undefined;
    }
  }

  skeleton(shape: ExportShape, label: Label, common: JsonObject, attributes: JsonObject, where: Where): JsonObject {
    // Skeletons always carry `keyframe` (whether any element is a keyframe) in CVAT's export.
    attributes.keyframe = shape.keyframe ?? false;
    const layout = this.layouts.get(label.id) ?? skeletonLayout(label);
    const points: number[] = [];
    const pointsAttributes: JsonObject[] = [];
    for (const sublabel of layout.sublabels) {
      const element = shape.elements.find((candidate) => candidate.label_id === sublabel.id);
      if (!element) {
        points.push(0, 0, 0);
        pointsAttributes.push({});
        continue;
      }
      const visibility = element.outside ? 0 : element.occluded ? 1 : 2;
      points.push(element.points[0] ?? 0, element.points[1] ?? 0, visibility);
      pointsAttributes.push(this.attributes(sublabel, element.attributes));
    }
    const unknown = shape.elements.filter((element) => !layout.sublabels.some((sublabel) => sublabel.id === element.label_id));
    if (unknown.length > 0) this.context.diagnostics.warn('shape-unsupported', `${unknown.length} skeleton element(s) whose label is not a sub-label of '${label.name}' were dropped`, where);
    return { ...common, type: 'skeleton', points, points_attributes: pointsAttributes };
  }

  item(frame: Frame, tags: Tag[], shapes: ExportShape[]): JsonObject {
    const annotations: JsonObject[] = [];
    const where = (kind: string, id: number | null): Where => ({ frame: frame.index, frameName: frame.name, objectKind: kind, ...(id !== null ? { objectId: id } : {}) });
    for (const tag of tags) {
      const converted = this.tag(tag);
      if (converted) annotations.push(converted);
    }
    for (const shape of shapes) {
      const converted = this.shape(shape, frame, where(shape.track_id !== undefined ? 'track' : 'shape', shape.track_id ?? shape.id));
      if (converted) annotations.push(converted);
    }
    const image: JsonObject = { path: frame.name };
    if (frame.height !== undefined && frame.width !== undefined) image.size = [frame.height, frame.width];
    return {
      id: withoutExtension(frame.name),
      annotations,
      attr: { frame: this.dataset.meta.startFrame + frame.index * this.dataset.meta.frameStep },
      image,
    };
  }

  async write(sink: FileSink): Promise<void> {
    const deleted = new Set(this.dataset.meta.deletedFrames);
    const frames = this.dataset.frames.filter((frame) => !deleted.has(frame.index));
    const subsets = new Map<string, Frame[]>();
    for (const frame of frames) {
      const name = subsetName(frame.subset);
      const list = subsets.get(name);
      if (list) list.push(frame);
      else subsets.set(name, [frame]);
    }
    if (subsets.size === 0) subsets.set('default', []);
    const tagsByFrame = new Map<number, Tag[]>();
    // Pushed, not spread into new arrays: spreading made grouping quadratic (minutes for 100k frames).
    for (const tag of this.dataset.annotations.tags) {
      const list = tagsByFrame.get(tag.frame);
      if (list) list.push(tag);
      else tagsByFrame.set(tag.frame, [tag]);
    }
    const shapesByFrame = this.shapesByFrame();
    const categories = JSON.stringify(this.categories());
    let done = 0;
    for (const [subset, subsetFrames] of subsets) {
      const writer = this;
      async function* chunks(): AsyncGenerator<string> {
        yield `{"info":{},"categories":${categories},"items":[`;
        let first = true;
        for (const frame of subsetFrames) {
          throwIfAborted(writer.context);
          yield (first ? '' : ',') + JSON.stringify(writer.item(frame, tagsByFrame.get(frame.index) ?? [], shapesByFrame.get(frame.index) ?? []));
          first = false;
          writer.context.onProgress?.({ stage: 'writing Datumaro annotations', done: ++done, total: frames.length });
        }
        yield ']}';
      }
      await sink.writeStream(`annotations/${subset}.json`, chunks());
      if (this.options.saveImages) await this.writeImages(sink, subset, subsetFrames);
    }
  }

  async writeImages(sink: FileSink, subset: string, frames: Frame[]): Promise<void> {
    for (const frame of frames) {
      if (!frame.image) {
        this.context.diagnostics.warn('image-missing', `no image file for frame '${frame.name}'; not saved`, { frame: frame.index, frameName: frame.name });
        continue;
      }
      const extension = extensionOf(frame.name) || extensionOf(frame.image.path);
      await sink.write(`images/${subset}/${withoutExtension(frame.name)}${extension}`, await frame.image.read());
    }
  }
}

export async function writeDatumaro(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  await new DatumaroWriter(dataset, options, context).write(sink);
}
