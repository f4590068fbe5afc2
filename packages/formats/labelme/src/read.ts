// LabelMe 3.0 → Dataset, as CVAT imports it (CVAT `labelme.py` over Datumaro's `label_me`): every `**/*.xml` with
// an `<annotation>` root is an item, in CVAT's layout (`<subset>/<path>.xml`, images beside, `<subset>/Masks/`)
// or the MIT / upstream Datumaro one (`Annotations/<folder>/`, `Images/<folder>/`, `Masks/<folder>/`). Polygons,
// `bounding_box` polygons as boxes, `segm` PNG masks (polygons by default), parts as groups, the escaped
// attribute text, `occluded`; `deleted` objects are skipped (but still link parts), `verified` is ignored.
import {
  DatasetBuilder, normalizeFrameGroups, ParseError, throwIfAborted,
  type AttributeSpec, type AttributeVal, type Dataset, type FileTree, type FormatContext, type Label, type ReadOptions, type Shape,
} from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { instanceRegions, regionPolygons } from '@annoconv/geometry';
import { decodePng, imageSizeFromTree } from '@annoconv/io';
import { parseAnnotationXml } from './annotation-xml.js';
import { parseAttributeText, type AttributeValue } from './attribute-text.js';
import type { LabelMeObject } from './schema.js';

/** Names CVAT consumes as shape properties (or ignores) instead of label attributes. */
const BUILT_IN: ReadonlySet<string> = new Set(['occluded', 'outside', 'keyframe', 'track_id', 'rotation', 'source']);

interface XmlFile {
  path: string;
  subset: string;
  /** Where the image is looked up: the XML's folder (CVAT) or `Images/<folder>/` (MIT). */
  imageDir: string;
  masksDir: string;
  mit: boolean;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The annotation XMLs of a tree with their subset and where their images and masks are. */
export function findLabelMeFiles(paths: readonly string[]): XmlFile[] {
  const files: XmlFile[] = [];
  for (const path of paths) {
    if (!path.toLowerCase().endsWith('.xml')) continue;
    const mit = /^(.*?)Annotations\/(.+\/)?[^/]+\.xml$/.exec(path);
    if (mit && (mit[1] === '' || mit[1]!.endsWith('/'))) {
      const root = mit[1]!;
      const folder = mit[2] ?? '';
      files.push({ path, subset: folder ? folder.slice(0, -1) : 'default', imageDir: `${root}Images/${folder}`, masksDir: `${root}Masks/${folder}`, mit: true });
      continue;
    }
    // CVAT's layout: the first path component is the subset; an XML in the root belongs to `default`.
    const slash = path.indexOf('/');
    const subset = slash < 0 ? 'default' : path.slice(0, slash);
    files.push({ path, subset, imageDir: dirname(path), masksDir: slash < 0 ? 'Masks/' : `${subset}/Masks/`, mit: false });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function specInit(value: AttributeValue): Partial<AttributeSpec> {
  if (typeof value === 'boolean') return { input_type: 'checkbox', default_value: 'false', values: ['false', 'true'] };
  if (typeof value === 'number') return { input_type: 'number', default_value: '0', values: [] };
  return { input_type: 'text', default_value: '', values: [] };
}

function fits(spec: AttributeSpec, value: AttributeValue): boolean {
  if (spec.input_type === 'checkbox') return typeof value === 'boolean';
  if (spec.input_type === 'number') return typeof value === 'number';
  return true;
}

export async function readLabelMe(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const diagnostics = context.diagnostics;
  const convMaskToPoly = options.convMaskToPoly ?? true;
  const builder = new DatasetBuilder();
  const shapes: Shape[] = [];
  const xmlFiles = findLabelMeFiles(paths);
  let done = 0;
  let read = 0;
  for (const xml of xmlFiles) {
    throwIfAborted(context);
    const text = await tree.readText(xml.path);
    // Other XML (a VOC annotation folder beside, CVAT's annotations.xml) is not a LabelMe item.
    if (!/<annotation[\s>]/.test(text)) continue;
    read++;
    const { annotation, objectLines } = parseAnnotationXml(text, xml.path);
    const folder = xml.mit ? '' : annotation.folder.trim().replace(/^\/+|\/+$/g, '');
    const filename = annotation.filename.trim();
    const name = folder ? `${folder}/${filename}` : filename;
    const imagePath = xml.imageDir + basename(filename);
    const image = tree.has(imagePath) ? imagePath : undefined;
    const frame = builder.frame(name, { subset: xml.subset, ...(image ? { image: { path: image, read: () => tree.read(image) } } : {}) });
    const size = typeof annotation.imagesize === 'object' ? annotation.imagesize : undefined;
    const rows = Number(size?.nrows);
    const cols = Number(size?.ncols);
    if (Number.isInteger(rows) && rows > 0 && Number.isInteger(cols) && cols > 0) {
      frame.height = rows;
      frame.width = cols;
    } else if (image) {
      const imageSize = await imageSizeFromTree(tree, image);
      if (imageSize) {
        frame.width = imageSize.width;
        frame.height = imageSize.height;
      }
    }

    // Parts: each root (hasparts, no ispartof) starts a group that every object it lists, transitively, joins.
    const objects = annotation.object;
    const byId = new Map<number, number>();
    objects.forEach((object, index) => byId.set(Number(object.id), index));
    const ids = (list: string | undefined) => (list ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
    const partsOf = (object: LabelMeObject) => (typeof object.parts === 'object' ? object.parts : {});
    const groupOf = new Array<number>(objects.length).fill(0);
    let group = 0;
    objects.forEach((object, index) => {
      const parts = partsOf(object);
      if (ids(parts.hasparts).length === 0 || ids(parts.ispartof).length > 0) return;
      group++;
      const queue = [index];
      while (queue.length > 0) {
        const current = queue.shift()!;
        if (groupOf[current]) continue;
        groupOf[current] = group;
        for (const child of ids(partsOf(objects[current]!).hasparts)) {
          const childIndex = byId.get(child);
          if (childIndex !== undefined && !groupOf[childIndex]) queue.push(childIndex);
        }
      }
    });

    const frameShapes: Shape[] = [];
    for (let index = 0; index < objects.length; index++) {
      const object = objects[index]!;
      const where = { file: xml.path, line: objectLines[index]!, element: `annotation/object[${index + 1}]`, frame: frame.index, frameName: frame.name };
      if ((object.deleted ?? '').trim() === '1') continue;
      const labelName = (object.name ?? '').trim();
      if (labelName === '') {
        diagnostics.warn('label-unknown', 'object has no <name>; CVAT refuses unlabeled annotations, so it is dropped', where);
        continue;
      }
      const label = builder.label(labelName);
      const username = (object.polygon?.username ?? object.segm?.username ?? '').trim();
      const parsed = parseAttributeText(object.attributes ?? '');
      if (username) parsed.push({ name: 'username', value: username, text: username });
      let occluded = (object.occluded ?? '').trim() === 'yes';
      let rotation = 0;
      const attributes: AttributeVal[] = [];
      for (const attribute of parsed) {
        if (BUILT_IN.has(attribute.name)) {
          if (attribute.name === 'occluded' && attribute.value === true) occluded = true;
          if (attribute.name === 'rotation' && typeof attribute.value === 'number') rotation = ((attribute.value % 360) + 360) % 360;
          continue;
        }
        if (attribute.name.length > 64) {
          diagnostics.warn('attribute-dropped', `attribute name of ${attribute.name.length} characters; CVAT allows 64`, where);
          continue;
        }
        const spec = builder.attribute(label, attribute.name, specInit(attribute.value));
        if (!fits(spec, attribute.value)) {
          diagnostics.info('value-coerced', `attribute '${attribute.name}' holds values of several types; it becomes text`, where);
          spec.input_type = 'text';
          spec.values = [];
        }
        const value = typeof attribute.value === 'boolean' ? String(attribute.value) : attribute.text;
        const existing = attributes.find((candidate) => candidate.spec_id === spec.id);
        if (existing) existing.value = value;
        else attributes.push({ spec_id: spec.id, value });
      }
      const base = { id: null, label_id: label.id, frame: frame.index, group: groupOf[index]!, source: 'file', attributes, occluded, outside: false, z_order: 0, rotation: 0, score: 1, elements: [] };

      if (object.polygon) {
        const points: number[] = [];
        for (const [position, point] of (object.polygon.pt ?? []).entries()) {
          const x = Number(point.x);
          const y = Number(point.y);
          if (!Number.isFinite(x) || !Number.isFinite(y) || point.x.trim() === '' || point.y.trim() === '')
            throw new ParseError(`point ${position + 1} is not two numbers ('${point.x}', '${point.y}')`, { ...where, element: `${where.element}/polygon/pt[${position + 1}]` });
          points.push(x, y);
        }
        if ((object.type ?? '').trim() === 'bounding_box') {
          if (points.length < 2) {
            diagnostics.warn('invalid-value', 'bounding_box without points; dropped', where);
            continue;
          }
          const xs = points.filter((_, position) => position % 2 === 0);
          const ys = points.filter((_, position) => position % 2 === 1);
          frameShapes.push({ ...base, type: 'rectangle', rotation, points: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
        } else if (points.length < 6) {
          diagnostics.warn('invalid-value', `polygon of ${points.length / 2} point(s); CVAT needs 3 or more, dropped`, where);
        } else {
          frameShapes.push({ ...base, type: 'polygon', points });
        }
      } else if (object.segm) {
        const maskPath = xml.masksDir + object.segm.mask.trim();
        if (!tree.has(maskPath)) throw new ParseError(`mask file '${maskPath}' not found`, { ...where, element: `${where.element}/segm/mask` });
        const png = decodePng(await tree.read(maskPath), { name: maskPath });
        // Datumaro reduces the mask over its colour channels, so a grey PNG is refused.
        if (png.channels < 3) throw new ParseError(`mask must be an RGB or RGBA PNG, got ${png.colorType}`, { file: maskPath });
        const { width, height, channels, data } = png;
        if (frame.width === undefined) {
          frame.width = width;
          frame.height = height;
        } else if (frame.width !== width || frame.height !== height) {
          throw new ParseError(`mask is ${width}×${height} but the image is ${frame.width}×${frame.height}`, { file: maskPath });
        }
        const bitmap = new Uint8Array(width * height);
        for (let pixel = 0; pixel < bitmap.length; pixel++) {
          for (let channel = 0; channel < channels; channel++) {
            if (data[pixel * channels + channel] !== 0) {
              bitmap[pixel] = 1;
              break;
            }
          }
        }
        if (convMaskToPoly) {
          const [region] = instanceRegions(bitmap, width, height, true);
          const polygons = region ? regionPolygons(bitmap, width, region) : [];
          if (polygons.length === 0) diagnostics.warn('shape-unsupported', 'mask gives no polygon of 3+ points and 1+ pixel² area; dropped, as CVAT\'s mask-to-polygon conversion drops it', where);
          for (const points of polygons) frameShapes.push({ ...base, type: 'polygon', points });
        } else {
          frameShapes.push({ ...base, type: 'mask', points: bitmapToCvatMask(bitmap, height, width) });
        }
      } else {
        diagnostics.warn('shape-unsupported', 'object has neither <polygon> nor <segm>; dropped', where);
      }
    }
    shapes.push(...normalizeFrameGroups(frameShapes));
    context.onProgress?.({ stage: 'reading', done: ++done, total: xmlFiles.length });
  }
  if (read === 0) throw new ParseError('no LabelMe annotation XML (<annotation> root) found', { file: tree.name });
  const dataset = builder.build();
  dataset.annotations = { version: 0, tags: [], shapes, tracks: [] };
  return dataset;
}

