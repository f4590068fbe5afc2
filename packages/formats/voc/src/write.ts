// Dataset → PASCAL VOC 1.1 as CVAT exports it: Annotations XML with one <object> per rectangle (unrotated box, CVAT
// state in <attributes>), CVAT masks and ellipses painted into SegmentationClass / SegmentationObject PNGs, tags as
// per-class lists, labelmap.txt with VOC palette colours by position. Polygons and the other shape types have no
// place in CVAT's VOC export and are reported, not written.
import {
  attributesForExport,
  indexLabels,
  throwIfAborted,
  type Dataset,
  type FileSink,
  type FormatContext,
  type Frame,
  type Label,
  type Shape,
  type Sublabel,
  type WriteOptions,
} from '@annoconv/core';
import { paintShapes, tracksToShapes } from '@annoconv/geometry';
import {
  classMaskFromInstances,
  formatLabelmap,
  formatVocDatasetMeta,
  formatVocClassList,
  formatVocImageSet,
  encodeIndexMaskPng,
  vocPalette,
} from '@annoconv/io';
import { vocLabelmapForWrite } from './labels.js';
import { pythonFloat, round2 } from './python-float.js';

/** A shape to write, with CVAT's track state when it comes from a track. */
type FrameShape = Shape & { track_id?: number; keyframe?: boolean };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function splitName(name: string): { id: string; extension: string } {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? { id: name.slice(0, dot), extension: name.slice(dot) } : { id: name, extension: '' };
}

/** Python's str() of a typed attribute value, as Datumaro's VOC writer puts it in <value>. */
function pythonStr(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonFloat(value);
  return value;
}

/** A VOC 0/1 flag from an attribute value; undefined when it cannot be read as one. */
function flagOf(value: string | number | boolean): 0 | 1 | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isInteger(value) ? (value ? 1 : 0) : undefined;
  const trimmed = value.trim().toLowerCase();
  if (trimmed === '1' || trimmed === 'true') return 1;
  if (trimmed === '0' || trimmed === 'false' || trimmed === '') return 0;
  return undefined;
}

/** The box as Datumaro writes it: corners rounded to 2 decimals, xmax/ymax recomputed as x + w in floating point. */
export function vocBox(points: readonly number[]): [number, number, number, number] {
  const xmin = round2(points[0]!);
  const ymin = round2(points[1]!);
  const width = round2(points[2]!) - xmin;
  const height = round2(points[3]!) - ymin;
  return [xmin, ymin, xmin + width, ymin + height];
}

export async function writeVoc(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labels = indexLabels(dataset.labels);
  const labelmap = vocLabelmapForWrite(dataset);
  const classIndex = new Map(labelmap.map((entry, index) => [entry.name, index]));
  if (labelmap.length > 256) diagnostics.warn('value-coerced', `${labelmap.length} labels but the VOC palette has 256 colours; class colours of labels past the 256th repeat earlier ones`, { file: 'labelmap.txt' });
  const classColors = new Uint8Array(labelmap.length * 3);
  labelmap.forEach((entry, index) => classColors.set(entry.color!, index * 3));
  const deleted = new Set(dataset.meta.deletedFrames);

  const shapesByFrame = new Map<number, FrameShape[]>();
  const push = (shape: FrameShape): void => {
    let list = shapesByFrame.get(shape.frame);
    if (!list) shapesByFrame.set(shape.frame, (list = []));
    list.push(shape);
  };
  for (const shape of dataset.annotations.shapes) push(shape);
  if (dataset.annotations.tracks.length > 0) {
    diagnostics.info('track-flattened', `${dataset.annotations.tracks.length} track(s) written as per-frame boxes with track_id and keyframe attributes (CVAT rebuilds them on import)`);
    for (const shape of tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
      // Frames where a track is outside are not exported (CVAT's include_outside=False).
      if (shape.outside) continue;
      push({
        id: null,
        type: shape.type,
        label_id: shape.label_id,
        frame: shape.frame,
        group: shape.group,
        source: shape.source,
        attributes: shape.attributes,
        occluded: shape.occluded,
        outside: false,
        z_order: shape.z_order,
        rotation: shape.rotation,
        points: shape.points,
        score: 1,
        elements: [],
        track_id: shape.track_id,
        keyframe: shape.keyframe,
      });
    }
  }
  const tagsByFrame = new Map<number, number[]>();
  for (const tag of dataset.annotations.tags) {
    if (tag.attributes.length > 0) diagnostics.warn('attribute-dropped', 'a VOC class list cannot hold tag attributes; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });
    let list = tagsByFrame.get(tag.frame);
    if (!list) tagsByFrame.set(tag.frame, (list = []));
    // A per-class list has one line per image: a second tag of a label on the image adds nothing to it.
    if (list.includes(tag.label_id)) {
      const name = labels.get(tag.label_id)?.name ?? String(tag.label_id);
      diagnostics.warn('duplicate', `a second '${name}' tag on the frame: VOC's per-class list holds one line per image; written once`, {
        frame: tag.frame,
        ...(dataset.frames[tag.frame] ? { frameName: dataset.frames[tag.frame]!.name } : {}),
        objectKind: 'tag',
        ...(tag.id !== null ? { objectId: tag.id } : {}),
      });
      continue;
    }
    list.push(tag.label_id);
  }

  const mainLists = new Map<string, string[]>();
  const segmentationLists = new Map<string, string[]>();
  // Datumaro lists items without any annotation in every task's list, Layout and Action included.
  const emptyLists = new Map<string, string[]>();
  const taggedItems = new Map<string, Array<{ id: string; labels: Set<string> }>>();
  const addTo = (lists: Map<string, string[]>, subset: string, id: string): void => {
    let list = lists.get(subset);
    if (!list) lists.set(subset, (list = []));
    list.push(id);
  };

  let done = 0;
  for (const frame of dataset.frames) {
    throwIfAborted(context);
    if (deleted.has(frame.index)) {
      diagnostics.info('field-ignored', 'deleted frame not exported', { frame: frame.index, frameName: frame.name });
      continue;
    }
    const { id, extension } = splitName(frame.name);
    const subset = frame.subset || 'default';
    const where = { frame: frame.index, frameName: frame.name };
    // CVAT sorts shapes by z_order before converting them (stable: ties keep their order).
    const shapes = [...(shapesByFrame.get(frame.index) ?? [])].sort((a, b) => a.z_order - b.z_order);
    const frameTags = tagsByFrame.get(frame.index) ?? [];

    const objects: string[] = [];
    const masks: FrameShape[] = [];
    shapes.forEach((shape, position) => {
      const shapeWhere = { ...where, objectKind: shape.track_id !== undefined ? 'track' : 'shape', objectId: shape.track_id ?? shape.id ?? position };
      const label = labels.get(shape.label_id);
      if (!label) {
        diagnostics.warn('label-unknown', `label id ${shape.label_id} is not in the dataset's labels; shape dropped`, shapeWhere);
        return;
      }
      switch (shape.type) {
        case 'rectangle':
          if (shape.group) diagnostics.info('group-dropped', 'VOC objects have no groups; group dropped', shapeWhere);
          if (shape.z_order) diagnostics.info('z-order-dropped', 'VOC objects have no z-order; dropped', shapeWhere);
          objects.push(objectXml(shape, label, shapeWhere));
          return;
        case 'ellipse':
          diagnostics.info('shape-converted', 'ellipse painted into the segmentation masks (CVAT converts ellipses to masks for VOC)', shapeWhere);
          masks.push(shape);
          return;
        case 'mask':
          masks.push(shape);
          return;
        default:
          // CVAT's VOC export writes boxes, masks and tags only; polygons are lost there too (cvat#5515).
          diagnostics.warn('shape-unsupported', `PASCAL VOC cannot hold a ${shape.type}; dropped (Segmentation mask keeps polygons)`, shapeWhere);
      }
    });

    let segmented = false;
    if (masks.length > 0) {
      if (!frame.width || !frame.height) {
        diagnostics.warn('image-size-unknown', `image size unknown, ${masks.length} mask(s) cannot be painted; dropped`, where);
      } else {
        await writeMasks(frame, id, masks);
        segmented = true;
      }
    }

    addTo(mainLists, subset, id);
    const empty = shapes.length === 0 && frameTags.length === 0;
    if (segmented || empty) addTo(segmentationLists, subset, id);
    if (empty) addTo(emptyLists, subset, id);
    if (frameTags.length > 0) {
      let list = taggedItems.get(subset);
      if (!list) taggedItems.set(subset, (list = []));
      list.push({ id, labels: new Set(frameTags.map((labelId) => labels.get(labelId)?.name ?? '')) });
    }

    const folder = id.includes('_') ? id.slice(0, id.indexOf('_')) : '';
    const size = frame.width && frame.height ? [`  <size>`, `    <width>${frame.width}</width>`, `    <height>${frame.height}</height>`, `    <depth></depth>`, `  </size>`] : [];
    const xml = [
      '<annotation>',
      `  <folder>${escapeXml(folder)}</folder>`,
      `  <filename>${escapeXml(id + (extension || '.jpg'))}</filename>`,
      '  <source>',
      '    <database>Unknown</database>',
      '    <annotation>Unknown</annotation>',
      '    <image>Unknown</image>',
      '  </source>',
      ...size,
      `  <segmented>${segmented ? 1 : 0}</segmented>`,
      ...objects,
      '</annotation>',
      '',
    ].join('\n');
    await sink.write(`Annotations/${id}.xml`, xml);
    if (options.saveImages && frame.image) await sink.write(`JPEGImages/${id}${extension || '.jpg'}`, await frame.image.read());
    else if (options.saveImages) diagnostics.warn('image-missing', 'no image bytes to save', where);
    context.onProgress?.({ stage: 'writing', done: ++done, total: dataset.frames.length });
  }

  if (mainLists.size === 0) {
    // Nothing to list (no frames, or every frame deleted): empty lists of the default subset, as for a subset
    // without items, so that the output is still a VOC dataset — an empty one — for any reader.
    mainLists.set('default', []);
    segmentationLists.set('default', []);
    emptyLists.set('default', []);
  }
  for (const [subset, ids] of mainLists) await sink.write(`ImageSets/Main/${subset}.txt`, formatVocImageSet(ids));
  for (const [subset, ids] of segmentationLists) await sink.write(`ImageSets/Segmentation/${subset}.txt`, formatVocImageSet(ids));
  for (const [subset, ids] of emptyLists) {
    await sink.write(`ImageSets/Layout/${subset}.txt`, formatVocImageSet(ids, { layout: true }));
    await sink.write(`ImageSets/Action/${subset}.txt`, formatVocImageSet(ids));
  }
  for (const [subset, items] of taggedItems) {
    for (const entry of labelmap) {
      await sink.write(`ImageSets/Main/${entry.name}_${subset}.txt`, formatVocClassList(items.map((item) => ({ id: item.id, present: item.labels.has(entry.name) }))));
    }
  }
  // Datumaro's `--save-dataset-meta` writes dataset_meta.json instead of labelmap.txt (CVAT never asks for it).
  if (options.saveDatasetMeta === true) await sink.write('dataset_meta.json', formatVocDatasetMeta(labelmap));
  else await sink.write('labelmap.txt', formatLabelmap(labelmap));

  function objectXml(shape: FrameShape, label: Label | Sublabel, where: Record<string, unknown>): string {
    let truncated = 0;
    let difficult = 0;
    let pose: string | undefined;
    const extra: Array<[string, string]> = [];
    for (const { spec, value } of attributesForExport(label, shape.attributes)) {
      if (spec.name === 'truncated' || spec.name === 'difficult') {
        const flag = flagOf(value);
        if (flag === undefined) diagnostics.warn('value-coerced', `${spec.name} '${String(value)}' is not 0/1; written as 0`, where);
        if (spec.name === 'truncated') truncated = flag ?? 0;
        else difficult = flag ?? 0;
      } else if (spec.name === 'pose') {
        pose = pythonStr(value);
      } else {
        extra.push([spec.name, pythonStr(value)]);
      }
    }
    extra.push(['rotation', pythonFloat(shape.rotation)]);
    if (shape.track_id !== undefined) extra.push(['track_id', String(shape.track_id)], ['keyframe', shape.keyframe ? 'True' : 'False']);
    const [xmin, ymin, xmax, ymax] = vocBox(shape.points);
    const lines = ['  <object>', `    <name>${escapeXml(label.name)}</name>`];
    if (pose !== undefined) lines.push(`    <pose>${escapeXml(pose)}</pose>`);
    lines.push(
      `    <truncated>${truncated}</truncated>`,
      `    <occluded>${shape.occluded ? 1 : 0}</occluded>`,
      `    <difficult>${difficult}</difficult>`,
      '    <bndbox>',
      `      <xmin>${pythonFloat(xmin)}</xmin>`,
      `      <ymin>${pythonFloat(ymin)}</ymin>`,
      `      <xmax>${pythonFloat(xmax)}</xmax>`,
      `      <ymax>${pythonFloat(ymax)}</ymax>`,
      '    </bndbox>',
      '    <attributes>',
    );
    for (const [name, value] of extra) lines.push('      <attribute>', `        <name>${escapeXml(name)}</name>`, `        <value>${escapeXml(value)}</value>`, '      </attribute>');
    lines.push('    </attributes>', '  </object>');
    return lines.join('\n');
  }

  async function writeMasks(frame: Frame, id: string, masks: FrameShape[]): Promise<void> {
    const width = frame.width!;
    const height = frame.height!;
    const where = { frame: frame.index, frameName: frame.name };
    const backgroundIndex = classIndex.get('background') ?? 0;
    const paint: Array<{ type: Shape['type']; points: number[]; rotation: number; z_order: number; value: number }> = [];
    const instanceClasses: number[] = [0];
    for (const mask of masks) {
      const name = labels.get(mask.label_id)!.name;
      const label = classIndex.get(name)!;
      if (mask.attributes.length > 0) diagnostics.info('attribute-dropped', 'VOC masks carry no attributes; dropped', { ...where, objectKind: 'shape', objectId: mask.id ?? name });
      if (instanceClasses.length > 255) {
        diagnostics.warn('instance-overflow', `more than 255 instances: the VOC palette cannot tell them apart; ${name} mask dropped`, { ...where, objectKind: 'shape', objectId: mask.id ?? name });
        continue;
      }
      // Instances are numbered by position in painting order; a background mask takes its number but paints 0, so
      // it erases and leaves no instance (Datumaro's CompiledMask, CVAT PR #3044).
      const number = instanceClasses.length;
      instanceClasses.push(label);
      paint.push({ type: mask.type, points: mask.points, rotation: mask.rotation, z_order: mask.z_order, value: label === backgroundIndex ? 0 : number });
    }
    const instances = new Uint16Array(width * height);
    paintShapes(paint, height, width, instances);
    const classes = classMaskFromInstances(instances, Uint16Array.from(instanceClasses), backgroundIndex);
    await sink.write(`SegmentationClass/${id}.png`, encodeIndexMaskPng(classes, classColors, width, height));
    await sink.write(`SegmentationObject/${id}.png`, encodeIndexMaskPng(instances, vocPalette(), width, height));
  }
}
