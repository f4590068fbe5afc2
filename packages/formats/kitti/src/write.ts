// Dataset → KITTI 1.0 as CVAT exports it (CVAT `kitti.py`: rotated boxes → polygons, polygons → masks, group
// merge; Datumaro's `kitti` writer): axis-aligned boxes into `label_2/<id>.txt` (16 columns, unknowns −1), every
// other paintable shape into `instance/` (class · 256 + instance), `semantic/` and `semantic_rgb/` PNGs, and
// `label_colors.txt` with labels sorted by name and the black (background) class first.
import { indexLabels, mergeInstances, throwIfAborted, type Dataset, type FileSink, type FormatContext, type Frame, type Label, type Shape, type Sublabel, type WriteOptions } from '@annoconv/core';
import { paintShapes, rasterizeShape, tracksToShapes } from '@annoconv/geometry';
import { encodePng, vocPaletteColor, withoutExtension } from '@annoconv/io';
import { formatLabelColors } from './kitti-text.js';
import { BACKGROUND_LABEL, EMPTY_FOLDER_MARKER, type LabelColor, type Rgb } from './schema.js';

import { pythonFloat } from './python-float.js';

const MASKED: ReadonlySet<string> = new Set(['rectangle', 'polygon', 'ellipse', 'mask']);
const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set(['truncated', 'score']);

function hexColor(color: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)] : undefined;
}

/**
 * The class list CVAT's export produces: every label with its colour (generated when it has none), `background`
 * (0, 0, 0) added when absent, sorted by name in code-point order, then the first black class moved to index 0
 * (Datumaro's `find_or_create_background_label`).
 */
export function kittiClasses(labels: readonly Label[]): LabelColor[] {
  const entries: LabelColor[] = labels.map((label, index) => ({ name: label.name, color: hexColor(label.color) ?? vocPaletteColor(index + 1) }));
  if (!entries.some((entry) => entry.name === BACKGROUND_LABEL)) entries.push({ name: BACKGROUND_LABEL, color: [0, 0, 0] });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let background = entries.findIndex((entry) => entry.color!.every((value) => value === 0));
  if (background < 0) background = entries.findIndex((entry) => entry.name === BACKGROUND_LABEL);
  entries.unshift(...entries.splice(background, 1));
  return entries;
}

function area(shape: Shape, height: number, width: number): number {
  const bitmap = rasterizeShape(shape, height, width);
  let count = 0;
  for (let pixel = 0; pixel < bitmap.length; pixel++) count += bitmap[pixel]!;
  return count;
}

export async function writeKitti(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labels = indexLabels(dataset.labels);
  const classes = kittiClasses(dataset.labels);
  const classIndex = new Map(classes.map((entry, index) => [entry.name, index]));
  const palette = new Uint8Array(classes.length * 3);
  classes.forEach((entry, index) => palette.set(entry.color!, index * 3));
  const deleted = new Set(dataset.meta.deletedFrames);

  const byFrame = new Map<number, Shape[]>();
  const push = (shape: Shape): void => {
    let list = byFrame.get(shape.frame);
    if (!list) byFrame.set(shape.frame, (list = []));
    list.push(shape);
  };
  for (const shape of dataset.annotations.shapes) push(shape);
  if (dataset.annotations.tracks.length > 0) {
    diagnostics.warn('track-flattened', `${dataset.annotations.tracks.length} track(s) written per frame; KITTI keeps no tracks`);
    for (const shape of tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
      if (shape.outside) continue;
      const { track_id: _trackId, keyframe: _keyframe, ...rest } = shape;
      push({ ...rest, id: null, outside: false, score: 1, elements: [] } as Shape);
    }
  }
  for (const tag of dataset.annotations.tags) diagnostics.warn('tag-unsupported', 'KITTI cannot hold tags; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });

  let framesWithBoxes = 0;
  let framesWithMasks = 0;
  /** Frames that got neither a label_2 file nor masks: subset and item id. */
  const bare: Array<{ subset: string; id: string; frame: Frame }> = [];
  /** Frames whose shapes were painted into instance/, with how many shapes and whether they got a label_2 file. */
  const painted: Array<{ subset: string; id: string; frame: Frame; count: number; boxes: boolean }> = [];
  let done = 0;
  for (const frame of dataset.frames) {
    throwIfAborted(context);
    const where = { frame: frame.index, frameName: frame.name };
    if (deleted.has(frame.index)) {
      diagnostics.info('field-ignored', 'deleted frame not exported', where);
      continue;
    }
    const subset = frame.subset || 'default';
    const id = withoutExtension(frame.name);
    const boxes: string[] = [];
    const masked: Shape[] = [];
    (byFrame.get(frame.index) ?? []).forEach((shape, position) => {
      const shapeWhere = { ...where, objectKind: 'shape', objectId: shape.id ?? position };
      const label = labels.get(shape.label_id);
      if (!label) {
        diagnostics.warn('label-unknown', `label id ${shape.label_id} is not in the dataset's labels; dropped`, shapeWhere);
        return;
      }
      if (!MASKED.has(shape.type)) {
        diagnostics.warn('shape-unsupported', `KITTI holds boxes and masks; ${shape.type} dropped`, shapeWhere);
        return;
      }
      const values = attributeValues(label, shape, shapeWhere);
      if (shape.type === 'rectangle' && shape.rotation === 0) {
        if (/\s/.test(label.name) || label.name === '') diagnostics.warn('invalid-value', `label '${label.name}' holds whitespace; KITTI reads a label_2 row as 15/16 space-separated tokens, so it will not read back`, shapeWhere);
        if (shape.group) diagnostics.info('group-dropped', 'label_2 keeps no groups', shapeWhere);
        boxes.push(boxLine(label.name, shape, values));
        return;
      }
      if (shape.type !== 'mask') diagnostics.info('shape-converted', `${shape.type === 'rectangle' ? 'rotated rectangle' : shape.type} written as an instance mask`, shapeWhere);
      if (shape.occluded) diagnostics.info('occluded-dropped', 'KITTI masks keep no occluded flag', shapeWhere);
      if (shape.attributes.some((attribute) => KEPT_ATTRIBUTES.has(label.attributes.find((spec) => spec.id === attribute.spec_id)?.name ?? ''))) diagnostics.info('attribute-dropped', 'KITTI masks keep no attributes', shapeWhere);
      masked.push(shape);
    });
    if (boxes.length > 0) {
      framesWithBoxes++;
      await sink.write(`${subset}/label_2/${id}.txt`, boxes.map((line) => `${line}\n`).join(''));
    }
    let paintedHere = false;
    if (masked.length > 0) {
      if (!frame.width || !frame.height) diagnostics.warn('image-size-unknown', `image size unknown; ${masked.length} shape(s) cannot be painted`, where);
      else {
        framesWithMasks++;
        paintedHere = true;
        painted.push({ subset, id, frame, count: masked.length, boxes: boxes.length > 0 });
        await writeMasks(frame, subset, id, masked);
      }
    }
    if (boxes.length === 0 && !paintedHere) bare.push({ subset, id, frame });
    if (options.saveImages) {
      if (frame.image) await sink.write(`${subset}/image_2/${frame.name}`, await frame.image.read());
      else diagnostics.warn('image-missing', 'no image bytes to save', where);
    }
    context.onProgress?.({ stage: 'writing', done: ++done, total: dataset.frames.length });
  }
  // Datumaro's KITTI detection export writes a label_2 file for every item with boxes; annoconv writes one, empty,
  // for every other frame of an export that has label_2/ too, so that its frames read back (Datumaro's reader
  // lists the items of label_2/).
  const mixed = framesWithBoxes > 0 && framesWithMasks > 0;
  if (framesWithMasks === 0 || mixed) for (const { subset, id } of bare) await sink.write(`${subset}/label_2/${id}.txt`, '');
  if (mixed) {
    for (const item of painted) {
      if (!item.boxes) await sink.write(`${item.subset}/label_2/${item.id}.txt`, '');
      // Datumaro's KittiImporter picks one of the conflicting sources, the first by name: kitti_detection.
      diagnostics.warn('shape-unsupported', `${item.count} shape(s) painted into ${item.subset}/instance/${item.id}.png do not read back: KITTI import (CVAT, Datumaro) reads only label_2/ when the export holds boxes too`, { frame: item.frame.index, frameName: item.frame.name });
    }
    diagnostics.warn('data-unsupported', `the export holds label_2/ (${framesWithBoxes} frame(s)) and instance/ (${framesWithMasks} frame(s)); KITTI import (CVAT, Datumaro) reads only label_2/ when both exist`);
  } else if (framesWithMasks > 0) {
    // A segmentation export: a frame without objects gets an instance PNG of background only (class 0, which
    // import removes), so that it reads back with its size; without a size it cannot.
    for (const { subset, id, frame } of bare) {
      if (frame.width && frame.height) await writeMasks(frame, subset, id, []);
      else diagnostics.warn('annotation-unmatched', 'frame without objects and of unknown size: a segmentation export has no file for it, so it does not read back', { frame: frame.index, frameName: frame.name });
    }
  }
  // No frame at all: an empty label_2/ folder (marked by an empty '.keep' file, as archives keep no empty folder),
  // so that the output reads back as an empty dataset with its label_colors.txt.
  if (framesWithBoxes === 0 && framesWithMasks === 0 && bare.length === 0) await sink.write(`default/label_2/${EMPTY_FOLDER_MARKER}`, '');
  const sized = dataset.frames.filter((frame) => frame.width && frame.height && !deleted.has(frame.index)).length;
  if ((framesWithMasks === 0 || mixed) && sized > 0)
    diagnostics.info('field-dropped', `label_2/ keeps no image size: ${sized} frame(s) read back without one${options.saveImages ? ' unless their image is saved' : ''}`);
  // Class 0 is the background: import removes its objects and creates no label for it (CVAT's kitti.py filters
  // `background` annotations out unless the task has such a label).
  if (classes[0]!.name === BACKGROUND_LABEL && dataset.labels.some((label) => label.name === BACKGROUND_LABEL))
    diagnostics.info('field-dropped', `label '${BACKGROUND_LABEL}' is KITTI's class 0 (unlabelled pixels); import creates no label for it, only its label_2 boxes bring it back`, { objectKind: 'label', objectId: BACKGROUND_LABEL });
  for (const entry of classes)
    if (/\s/.test(entry.name)) diagnostics.warn('invalid-value', `label '${entry.name}' holds whitespace; label_colors.txt names are single tokens, so KITTI import fails on it`, { objectKind: 'label', objectId: entry.name });
  await sink.write('label_colors.txt', formatLabelColors(classes));

  /** The values of `truncated` and `score` (with the label's defaults), reporting every other attribute dropped. */
  function attributeValues(label: Label | Sublabel, shape: Shape, where: object): Map<string, string> {
    const values = new Map<string, string>();
    for (const spec of label.attributes) if (KEPT_ATTRIBUTES.has(spec.name)) values.set(spec.name, spec.default_value);
    for (const attribute of shape.attributes) {
      const spec = label.attributes.find((candidate) => candidate.id === attribute.spec_id);
      if (spec && KEPT_ATTRIBUTES.has(spec.name)) values.set(spec.name, attribute.value);
      else diagnostics.info('attribute-dropped', `attribute ${spec ? `'${spec.name}'` : attribute.spec_id} dropped; KITTI keeps only truncated and score`, where);
    }
    return values;
  }

  function boxLine(name: string, shape: Shape, values: Map<string, string>): string {
    const truncatedText = values.get('truncated');
    const truncated = truncatedText === undefined ? 0 : truncatedText.toLowerCase() === 'true' ? 1 : Number.isFinite(Number(truncatedText)) ? Number(truncatedText) : 0;
    const scoreText = values.get('score');
    const score = scoreText !== undefined && scoreText.trim() !== '' && Number.isFinite(Number(scoreText)) ? Number(scoreText) : 1;
    const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
    // Datumaro's row: str() of each value, −1 for alpha and every 3D field, the box as x, y, x + w, y + h.
    return [name, pythonFloat(truncated), shape.occluded ? 1 : 0, -1, pythonFloat(x1), pythonFloat(y1), pythonFloat(x1 + (x2 - x1)), pythonFloat(y1 + (y2 - y1)), -1, -1, -1, -1, -1, -1, -1, pythonFloat(score)].join(' ');
  }

  async function writeMasks(frame: Frame, subset: string, id: string, shapes: Shape[]): Promise<void> {
    const width = frame.width!;
    const height = frame.height!;
    // Datumaro's merge_instance_segments: ungrouped shapes are their own instances; a group is one instance with the
    // label of its largest member.
    const instances = mergeInstances(shapes, (member) => area(member, height, width));
    // Instance numbers 1, 2, … per class (CVAT passes annotation ids, all 0, which would merge a class's
    // instances into one crowd region); 8 bits hold 255 of them.
    const perClass = new Map<number, number>();
    const classShapes: Array<{ type: string; points: number[]; rotation: number; z_order: number; value: number }> = [];
    const instanceShapes: typeof classShapes = [];
    for (const instance of instances) {
      const name = labels.get(instance.leader.label_id)!.name;
      const index = classIndex.get(name)!;
      // Still painted (it covers what lies below it, as in CVAT's export).
      if (index === 0 && name === BACKGROUND_LABEL) diagnostics.warn('shape-unsupported', `a shape of '${name}' is painted as class 0, the background, which import removes; it does not read back`, { frame: frame.index, frameName: frame.name, objectKind: 'shape' });
      const number = (perClass.get(index) ?? 0) + 1;
      if (number > 255) {
        diagnostics.warn('invalid-value', `more than 255 instances of '${name}' on one frame; the 8-bit instance index cannot hold more, dropped`, { frame: frame.index, frameName: frame.name });
        continue;
      }
      perClass.set(index, number);
      for (const member of instance.members) {
        const base = { type: member.type, points: member.points, rotation: member.rotation, z_order: member.z_order };
        classShapes.push({ ...base, value: index });
        instanceShapes.push({ ...base, value: index * 256 + number });
      }
    }
    const classMap = new Uint16Array(width * height);
    paintShapes(classShapes, height, width, classMap);
    const instanceMap = new Uint16Array(width * height);
    paintShapes(instanceShapes, height, width, instanceMap);
    const rgb = new Uint8Array(width * height * 3);
    for (let pixel = 0; pixel < classMap.length; pixel++) rgb.set(palette.subarray(classMap[pixel]! * 3, classMap[pixel]! * 3 + 3), pixel * 3);
    await sink.write(`${subset}/instance/${id}.png`, encodePng({ width, height, channels: 1, bitDepth: 16, data: instanceMap }));
    await sink.write(`${subset}/semantic/${id}.png`, encodePng({ width, height, channels: 1, bitDepth: 16, data: classMap }));
    await sink.write(`${subset}/semantic_rgb/${id}.png`, encodePng({ width, height, channels: 3, data: rgb }));
  }
}
