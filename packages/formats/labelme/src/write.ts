// Dataset → LabelMe 3.0 as CVAT exports it (Datumaro's `label_me` writer after CVAT's adapter): one XML per frame at
// `<subset>/<image path without extension>.xml`, boxes as `bounding_box` 4-point polygons with their rotation in
// the attribute text, polygons, masks (and ellipses) as RGBA PNGs in `<subset>/Masks/`, groups as parts, every
// declared attribute (defaults filled) escaped into `<attributes>`, tracks as per-frame objects.
import {
  attributesForExport, indexLabels, throwIfAborted,
  type Dataset, type FileSink, type FormatContext, type Frame, type Label, type Shape, type Sublabel, type WriteOptions,
} from '@annoconv/core';
import { cvatMaskToBitmap, rasterizeShape, tracksToShapes } from '@annoconv/geometry';
import { encodePng, withoutExtension } from '@annoconv/io';
import { formatAttributeText, type AttributeValue } from './attribute-text.js';

import { pythonFloat } from './python-float.js';

const KEPT: ReadonlySet<string> = new Set(['rectangle', 'polygon', 'mask', 'ellipse']);

/** Python's '%.2f': the binary value rounded, exact ties (odd multiples of 1/8) to even. */
export function fixed2(value: number): string {
  if (Number.isInteger(value * 8) && !Number.isInteger(value * 4)) {
    const lower = Math.floor(value * 100);
    return ((lower % 2 === 0 ? lower : lower + 1) / 100).toFixed(2);
  }
  return value.toFixed(2);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Item {
  shape: Shape;
  /** CVAT's adapter adds `track_id` and `keyframe` to the shapes of a track. */
  track?: { id: number; keyframe: boolean };
}

export async function writeLabelMe(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labels = indexLabels(dataset.labels);
  const deleted = new Set(dataset.meta.deletedFrames);
  const byFrame = new Map<number, Item[]>();
  const push = (frame: number, item: Item): void => {
    let list = byFrame.get(frame);
    if (!list) byFrame.set(frame, (list = []));
    list.push(item);
  };
  for (const shape of dataset.annotations.shapes) push(shape.frame, { shape });
  if (dataset.annotations.tracks.length > 0) {
    diagnostics.warn('track-flattened', `${dataset.annotations.tracks.length} track(s) written per frame (track_id and keyframe in the attribute text); LabelMe import keeps no tracks`);
    for (const shape of tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
      if (shape.outside) continue;
      const { track_id: trackId, keyframe, ...rest } = shape;
      push(shape.frame, { shape: { ...rest, id: null, outside: false, score: 1, elements: [] } as Shape, track: { id: trackId, keyframe } });
    }
  }
  for (const tag of dataset.annotations.tags) diagnostics.warn('tag-unsupported', 'LabelMe cannot hold tags; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });

  const written = new Set<string>();
  /** Labels of the objects written: LabelMe has no label list, so a label comes back only through its objects. */
  const usedLabels = new Set<number>();
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
    // Datumaro names the XML after the item id, or after the image file when that name is taken.
    let xmlPath = `${subset}/${id}.xml`;
    let maskPrefix = id;
    if (written.has(xmlPath)) {
      xmlPath = `${subset}/${frame.name}.xml`;
      maskPrefix = frame.name;
    }
    written.add(xmlPath);
    const slash = frame.name.lastIndexOf('/');
    const folder = slash < 0 ? '' : frame.name.slice(0, slash);
    const filename = frame.name.slice(slash + 1);

    const kept: Item[] = [];
    (byFrame.get(frame.index) ?? []).forEach((item, position) => {
      const shapeWhere = { ...where, objectKind: item.track ? 'track' : 'shape', objectId: item.track ? item.track.id : (item.shape.id ?? position) };
      if (!labels.has(item.shape.label_id)) {
        diagnostics.warn('label-unknown', `label id ${item.shape.label_id} is not in the dataset's labels; dropped`, shapeWhere);
        return;
      }
      if (!KEPT.has(item.shape.type)) {
        diagnostics.warn('shape-unsupported', `LabelMe holds boxes, polygons and masks; ${item.shape.type} dropped`, shapeWhere);
        return;
      }
      if ((item.shape.type === 'mask' || item.shape.type === 'ellipse') && (!frame.width || !frame.height)) {
        diagnostics.warn('image-size-unknown', `image size unknown; the ${item.shape.type} cannot become a full-image mask, dropped`, shapeWhere);
        return;
      }
      if (item.shape.type === 'ellipse') diagnostics.info('shape-converted', 'ellipse written as a mask', shapeWhere);
      if (item.shape.z_order) diagnostics.info('z-order-dropped', 'LabelMe keeps no z_order', shapeWhere);
      kept.push(item);
      usedLabels.add(item.shape.label_id);
    });

    // Groups become parts: the first member is the leader listing the others, which point back to it.
    const leaderOf = new Map<number, number>();
    const membersOf = new Map<number, number[]>();
    kept.forEach((item, index) => {
      const group = item.shape.group;
      if (!group) return;
      if (!leaderOf.has(group)) leaderOf.set(group, index);
      else membersOf.set(group, [...(membersOf.get(group) ?? []), index]);
    });

    const body: string[] = [];
    body.push(`  <filename>${xml(filename)}</filename>`, `  <folder>${xml(folder)}</folder>`);
    body.push('  <source>', '    <sourceImage></sourceImage>', '    <sourceAnnotation>Datumaro</sourceAnnotation>', '  </source>');
    if (frame.width && frame.height) body.push('  <imagesize>', `    <nrows>${frame.height}</nrows>`, `    <ncols>${frame.width}</ncols>`, '  </imagesize>');
    for (let index = 0; index < kept.length; index++) {
      const { shape, track } = kept[index]!;
      const label = labels.get(shape.label_id)!;
      const group = shape.group;
      const isLeader = group !== 0 && leaderOf.get(group) === index;
      const hasparts = isLeader ? (membersOf.get(group) ?? []).join(',') : '';
      const ispartof = group !== 0 && !isLeader ? String(leaderOf.get(group)) : '';
      const { text, username } = attributeText(label, shape, track);
      body.push('  <object>', `    <name>${xml(label.name)}</name>`, '    <deleted>0</deleted>', '    <verified>0</verified>', `    <occluded>${shape.occluded ? 'yes' : 'no'}</occluded>`, '    <date></date>', `    <id>${index}</id>`);
      body.push('    <parts>', `      <hasparts>${hasparts}</hasparts>`, `      <ispartof>${ispartof}</ispartof>`, '    </parts>');
      if (shape.type === 'rectangle' || shape.type === 'polygon') {
        let points = shape.points;
        if (shape.type === 'rectangle') {
          const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
          points = [x1, y1, x2, y1, x2, y2, x1, y2];
          body.push('    <type>bounding_box</type>');
        }
        body.push('    <polygon>');
        for (let point = 0; point < points.length; point += 2) body.push(`      <pt><x>${fixed2(points[point]!)}</x><y>${fixed2(points[point + 1]!)}</y></pt>`);
        body.push(`      <username>${xml(username)}</username>`, '    </polygon>');
      } else {
        const maskName = `${maskPrefix.replace(/\//g, '_')}_mask_${index}.png`;
        const bounds = await writeMask(frame, `${subset}/Masks/${maskName}`, shape);
        body.push('    <segm>', `      <mask>${xml(maskName)}</mask>`, '      <box>', `        <xmin>${fixed2(bounds[0])}</xmin>`, `        <ymin>${fixed2(bounds[1])}</ymin>`, `        <xmax>${fixed2(bounds[2])}</xmax>`, `        <ymax>${fixed2(bounds[3])}</ymax>`, '      </box>', `      <username>${xml(username)}</username>`, '    </segm>');
      }
      body.push(`    <attributes>${xml(text)}</attributes>`, '  </object>');
    }
    await sink.write(xmlPath, `<annotation>\n${body.join('\n')}\n</annotation>\n`);
    if (options.saveImages) {
      if (frame.image) await sink.write(`${subset}/${frame.name}`, await frame.image.read());
      else diagnostics.warn('image-missing', 'no image bytes to save', where);
    }
    context.onProgress?.({ stage: 'writing', done: ++done, total: dataset.frames.length });
  }
  if (written.size === 0)
    diagnostics.warn('data-unsupported', 'no frame to write: LabelMe keeps everything in per-frame XML files, so the output is empty and no LabelMe import (CVAT, Datumaro, annoconv) accepts it');
  const unused = dataset.labels.filter((label) => !usedLabels.has(label.id)).map((label) => `'${label.name}'`);
  if (unused.length > 0)
    diagnostics.info('field-dropped', `${unused.length} label(s) used by no written object are lost (LabelMe keeps no label list): ${unused.slice(0, 10).join(', ')}${unused.length > 10 ? ', …' : ''}`, { objectKind: 'label' });

  /** The attribute text (label attributes with defaults, rotation of boxes, track_id / keyframe) and the username. */
  function attributeText(label: Label | Sublabel, shape: Shape, track: Item['track']): { text: string; username: string } {
    const entries: Array<{ name: string; value: AttributeValue; numberText?: string }> = [];
    let username = '';
    for (const { spec, value } of attributesForExport(label, shape.attributes)) {
      if (spec.name === 'username') {
        username = String(value);
        continue;
      }
      if (spec.name === 'occluded') continue;
      entries.push(typeof value === 'number' ? { name: spec.name, value, numberText: pythonFloat(value) } : { name: spec.name, value });
    }
    if (shape.type === 'rectangle') entries.push({ name: 'rotation', value: shape.rotation, numberText: pythonFloat(shape.rotation) });
    if (track) entries.push({ name: 'track_id', value: track.id }, { name: 'keyframe', value: track.keyframe });
    return { text: formatAttributeText(entries), username };
  }

  /** Writes the full-image RGBA mask; returns its tight box as xmin, ymin, xmax, ymax (xmax = x + w). */
  async function writeMask(frame: Frame, path: string, shape: Shape): Promise<[number, number, number, number]> {
    const width = frame.width!;
    const height = frame.height!;
    const bitmap = shape.type === 'mask' ? cvatMaskToBitmap(shape.points, height, width) : rasterizeShape(shape, height, width);
    const rgba = new Uint8Array(width * height * 4);
    let xmin = width;
    let ymin = height;
    let xmax = -1;
    let ymax = -1;
    for (let pixel = 0; pixel < bitmap.length; pixel++) {
      if (!bitmap[pixel]) continue;
      // Datumaro's LabelMe mask colour.
      rgba[pixel * 4] = 255;
      rgba[pixel * 4 + 1] = 203;
      rgba[pixel * 4 + 3] = 153;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
    await sink.write(path, encodePng({ width, height, channels: 4, data: rgba }));
    return xmax < 0 ? [0, 0, 0, 0] : [xmin, ymin, xmax + 1, ymax + 1];
  }
}
