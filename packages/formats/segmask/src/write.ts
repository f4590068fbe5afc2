// Dataset → Segmentation mask 1.1 as CVAT exports it: rectangles (rotated ones as polygons), polygons, ellipses and
// masks painted by z_order into an RGB class PNG (CVAT label colours) and an RGB instance PNG (VOC palette by
// instance), CVAT groups merged into one instance, `labelmap.txt` sorted by name, and ImageSets/Segmentation lists.
import { indexLabels, mergeInstances, throwIfAborted, type Dataset, type FileSink, type FormatContext, type Frame, type Shape, type WriteOptions } from '@annoconv/core';
import { paintShapes, rasterizeShape, tracksToShapes } from '@annoconv/geometry';
import { classMaskFromInstances, formatLabelmap, formatVocDatasetMeta, formatVocImageSet, encodeIndexMaskPng, vocPalette } from '@annoconv/io';
import { segmaskColormap } from './colormap.js';

const PAINTED: ReadonlySet<string> = new Set(['rectangle', 'polygon', 'ellipse', 'mask']);

interface PaintShape {
  type: Shape['type'];
  points: number[];
  rotation: number;
  z_order: number;
  value: number;
}

/** An instance: one shape, or every shape of a CVAT group, with the label and z of its largest member. */
function splitName(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? name.slice(0, dot) : name;
}

function pixelCount(shape: Shape, height: number, width: number): number {
  const bitmap = rasterizeShape(shape, height, width);
  let count = 0;
  for (let pixel = 0; pixel < bitmap.length; pixel++) count += bitmap[pixel]!;
  return count;
}

export async function writeSegmask(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labels = indexLabels(dataset.labels);
  const colormap = segmaskColormap(dataset, diagnostics);
  const classColors = new Uint8Array(colormap.entries.length * 3);
  colormap.entries.forEach((entry, index) => classColors.set(entry.color!, index * 3));
  if (colormap.entries.length > 65535) diagnostics.warn('value-coerced', 'more than 65535 labels');
  const deleted = new Set(dataset.meta.deletedFrames);

  const shapesByFrame = new Map<number, Shape[]>();
  const push = (shape: Shape): void => {
    let list = shapesByFrame.get(shape.frame);
    if (!list) shapesByFrame.set(shape.frame, (list = []));
    list.push(shape);
  };
  for (const shape of dataset.annotations.shapes) push(shape);
  if (dataset.annotations.tracks.length > 0) {
    diagnostics.warn('track-flattened', `${dataset.annotations.tracks.length} track(s) painted per frame; Segmentation mask keeps no tracks`);
    for (const shape of tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
      if (shape.outside) continue;
      const { track_id: _trackId, keyframe: _keyframe, ...rest } = shape;
      push({ ...rest, id: null, outside: false, score: 1, elements: [] } as Shape);
    }
  }
  const taggedFrames = new Set<number>();
  for (const tag of dataset.annotations.tags) {
    taggedFrames.add(tag.frame);
    diagnostics.warn('tag-unsupported', 'Segmentation mask cannot hold tags; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });
  }

  const lists = new Map<string, string[]>();
  let done = 0;
  for (const frame of dataset.frames) {
    throwIfAborted(context);
    if (deleted.has(frame.index)) {
      diagnostics.info('field-ignored', 'deleted frame not exported', { frame: frame.index, frameName: frame.name });
      continue;
    }
    const id = splitName(frame.name);
    const subset = frame.subset || 'default';
    const where = { frame: frame.index, frameName: frame.name };
    // CVAT sorts shapes by z_order first (stable).
    const shapes = [...(shapesByFrame.get(frame.index) ?? [])].sort((a, b) => a.z_order - b.z_order);
    const painted: Shape[] = [];
    shapes.forEach((shape, position) => {
      const shapeWhere = { ...where, objectKind: 'shape', objectId: shape.id ?? position };
      if (!labels.has(shape.label_id)) {
        diagnostics.warn('label-unknown', `label id ${shape.label_id} is not in the dataset's labels; shape dropped`, shapeWhere);
        return;
      }
      if (!PAINTED.has(shape.type)) {
        diagnostics.warn('shape-unsupported', `Segmentation mask cannot hold a ${shape.type}; dropped`, shapeWhere);
        return;
      }
      if (shape.type !== 'mask') diagnostics.info('shape-converted', `${shape.type} painted as a mask`, shapeWhere);
      if (shape.attributes.length > 0) diagnostics.info('attribute-dropped', 'Segmentation mask keeps no attributes; dropped', shapeWhere);
      if (shape.occluded) diagnostics.info('occluded-dropped', 'Segmentation mask keeps no occluded flag; dropped', shapeWhere);
      painted.push(shape);
    });

    if (painted.length > 0) {
      if (!frame.width || !frame.height) {
        diagnostics.warn('image-size-unknown', `image size unknown, ${painted.length} shape(s) cannot be painted; dropped`, where);
      } else {
        await writeMasks(frame, id, painted);
      }
    }
    // Every item is listed, painting nothing for those without paintable shapes, so that a frame whose shapes
    // were all dropped (a polyline) still reads back. A frame holding tags only stays unlisted, as in Datumaro's
    // VOC writer (tags are annotations, not masks); its tags are reported above.
    if (shapes.length > 0 || !taggedFrames.has(frame.index)) addTo(subset, id);
    if (options.saveImages) {
      if (frame.image) await sink.write(`JPEGImages/${frame.name}`, await frame.image.read());
      else diagnostics.warn('image-missing', 'no image bytes to save', where);
    }
    context.onProgress?.({ stage: 'writing', done: ++done, total: dataset.frames.length });
  }
  // No frame at all: an empty list of the default subset keeps the output a (empty) Segmentation mask dataset.
  if (lists.size === 0) lists.set('default', []);
  for (const [subset, ids] of lists) await sink.write(`ImageSets/Segmentation/${subset}.txt`, formatVocImageSet(ids));
  // Datumaro's `--save-dataset-meta` writes dataset_meta.json instead of labelmap.txt (CVAT never asks for it).
  if (options.saveDatasetMeta === true) await sink.write('dataset_meta.json', formatVocDatasetMeta(colormap.entries));
  else await sink.write('labelmap.txt', formatLabelmap(colormap.entries));

  function addTo(subset: string, id: string): void {
    let list = lists.get(subset);
    if (!list) lists.set(subset, (list = []));
    list.push(id);
  }

  async function writeMasks(frame: Frame, id: string, shapes: Shape[]): Promise<void> {
    const width = frame.width!;
    const height = frame.height!;
    const where = { frame: frame.index, frameName: frame.name };
    // Datumaro's merge_instance_segments: ungrouped shapes are instances of their own, in order, then one instance
    // per group (ascending group id) led by its largest member.
    const instances = mergeInstances(shapes, (member) => pixelCount(member, height, width), (group, members) =>
      diagnostics.info('group-merged', `group ${group}: ${members.length} shapes merged into one instance labelled as its largest member`, where),
    );
    // Painted by z_order, stable; later instances cover earlier ones.
    instances.sort((a, b) => a.leader.z_order - b.leader.z_order);
    const paint: PaintShape[] = [];
    const instanceClasses: number[] = [0];
    let overflow = 0;
    for (const instance of instances) {
      const name = labels.get(instance.leader.label_id)!.name;
      const classIndex = colormap.classIndex.get(name)!;
      if (instanceClasses.length > 255) {
        overflow++;
        continue;
      }
      // Instances are numbered by position in painting order; a background instance takes its number but paints 0,
      // so it erases and leaves no instance (Datumaro's CompiledMask, CVAT PR #3044).
      const number = instanceClasses.length;
      instanceClasses.push(classIndex);
      const value = classIndex === colormap.background ? 0 : number;
      for (const member of instance.members) paint.push({ type: member.type, points: member.points, rotation: member.rotation, z_order: instance.leader.z_order, value });
    }
    if (overflow > 0) {
      diagnostics.warn('instance-overflow', `${instances.length} instances but the VOC palette tells 255 apart; the last ${overflow} were dropped`, where);
    }
    const instanceMask = new Uint16Array(width * height);
    paintShapes(paint, height, width, instanceMask);
    const classMask = classMaskFromInstances(instanceMask, Uint16Array.from(instanceClasses), colormap.background);
    await sink.write(`SegmentationClass/${id}.png`, encodeIndexMaskPng(classMask, classColors, width, height));
    await sink.write(`SegmentationObject/${id}.png`, encodeIndexMaskPng(instanceMask, vocPalette(), width, height));
  }
}
