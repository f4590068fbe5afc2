// PASCAL VOC 1.1 → Dataset, as CVAT imports it through Datumaro's `voc` importer: items from the ImageSets lists,
// boxes (with parts, actions and attributes) from Annotations XML, tags from per-class lists, masks from the
// SegmentationClass / SegmentationObject PNGs (turned into polygons unless `convMaskToPoly` is false), and tracks
// rebuilt from `track_id` + `keyframe` attributes (VOC is one of CVAT's "track formats").
import {
  DatasetBuilder,
  normalizeFrameGroups,
  shapesToTracks,
  throwIfAborted,
  type AttributeSpec,
  type AttributeVal,
  type Dataset,
  type FileTree,
  type FormatContext,
  type Frame,
  type Label,
  type ReadOptions,
  type Shape,
  type Tag,
  type TrackedShapeItem,
} from '@annoconv/core';
import { ParseError } from '@annoconv/core';
import { bitmapToCvatMask, maskToPolygons } from '@annoconv/geometry';
import { decodeVocSegmentation, extensionOf, findVocLayout, imageSizeFromTree, labelmapColorLookup, parseVocClassList, parseVocImageSet, readVocLabelmap, rgbToHex, type LabelmapEntry, type VocImageSetTask } from '@annoconv/io';
import { parseVocAnnotationXml } from './annotation-xml.js';
import { round2 } from './python-float.js';
import type { VocObject } from './schema.js';

interface Item {
  id: string;
  subset: string;
  tasks: Set<VocImageSetTask>;
  frame?: Frame;
  /** Where its XML is when not at Annotations/<id>.xml (a flat folder of XML files). */
  xmlPath?: string;
}

type SpecInit = Partial<Omit<AttributeSpec, 'id' | 'name'>>;
// Attributes read from VOC are per-object values, so they are made mutable (kept per keyframe when tracks are rebuilt).
const CHECKBOX: SpecInit = { input_type: 'checkbox', default_value: 'false', values: ['false', 'true'], mutable: true };
const TEXT: SpecInit = { input_type: 'text', default_value: '', values: [], mutable: true };

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.webp', '.tif', '.tiff']);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isXmlPath(path: string): boolean {
  return path.toLowerCase().endsWith('.xml');
}

function newShape(fields: Pick<Shape, 'type' | 'label_id' | 'frame' | 'points'> & Partial<Shape>): Shape {
  return { id: null, group: 0, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], ...fields };
}

/** A Python-ish boolean attribute value (`True`, `true`, `1`). */
function truthy(value: string): boolean | undefined {
  const lowered = value.trim().toLowerCase();
  if (lowered === 'true' || lowered === '1') return true;
  if (lowered === 'false' || lowered === '0') return false;
  return undefined;
}

export async function readVoc(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const flatXml = findVocLayout(paths) ? [] : paths.filter(isXmlPath);
  const layout = findVocLayout(paths) ?? (flatXml.length > 0 ? { root: '', lists: [] } : undefined);
  if (!layout) throw new ParseError('no PASCAL VOC layout found (ImageSets/Main|Segmentation|Layout|Action/*.txt, Annotations/*.xml or *.xml files)', { file: tree.name });
  const { root } = layout;
  const convMaskToPoly = options.convMaskToPoly ?? true;
  const builder = new DatasetBuilder();
  const diagnostics = context.diagnostics;

  // Labels: dataset_meta.json, else labelmap.txt, else Datumaro's default VOC map. Parts become labels, actions
  // checkbox attributes.
  const { entries } = await readVocLabelmap(tree, root, diagnostics);
  const labelOf = new Map<string, Label>();
  for (const entry of entries) {
    const label = builder.label(entry.name, entry.color ? { color: rgbToHex(entry.color) } : {});
    labelOf.set(entry.name, label);
    for (const action of entry.actions) builder.attribute(label, action, CHECKBOX);
  }
  for (const entry of entries) for (const part of entry.parts) if (!labelOf.has(part)) labelOf.set(part, builder.label(part));
  const entryOf = new Map<string, LabelmapEntry>(entries.map((entry) => [entry.name, entry]));
  const labelFor = (name: string, where: { file: string; line?: number; element?: string }): Label => {
    let label = labelOf.get(name);
    if (!label) {
      label = builder.label(name);
      labelOf.set(name, label);
      diagnostics.warn('label-created', `label '${name}' is not in the label map; created it (CVAT would refuse an unknown label)`, where);
    }
    return label;
  };

  // Items: every subset list (file names without '_') of the four task folders.
  const items = new Map<string, Item>();
  const subsets = new Set<string>();
  const classLists: typeof layout.lists = [];
  for (const list of layout.lists) {
    if (list.name.includes('_')) {
      classLists.push(list);
      continue;
    }
    subsets.add(list.name);
    for (const { id } of parseVocImageSet(await tree.readText(list.path), list.path, { layout: list.task === 'Layout' })) {
      const key = `${list.name}\u0000${id}`;
      let item = items.get(key);
      if (!item) items.set(key, (item = { id, subset: list.name, tasks: new Set() }));
      item.tasks.add(list.task);
    }
  }
  const annotationsPrefix = `${root}Annotations/`;
  if (layout.lists.length === 0) {
    // CVAT lists a flat upload of XML files in ImageSets/Main/train.txt before importing.
    for (const path of paths) {
      if (!path.startsWith(annotationsPrefix) || !path.endsWith('.xml')) continue;
      const id = path.slice(annotationsPrefix.length, -4);
      items.set(`train\u0000${id}`, { id, subset: 'train', tasks: new Set(['Main']) });
    }
    if (items.size > 0) diagnostics.info('value-coerced', `no ImageSets lists: read ${items.size} Annotations/*.xml files as subset 'train', as CVAT does`, { file: annotationsPrefix });
    // No Annotations/ folder either: CVAT moves every XML file of the upload into Annotations/ by its base name
    // and lists them in train.txt (FORMATS.md §5.5), so files of one name in two folders collide.
    for (const path of flatXml) {
      const id = baseName(path).slice(0, -4);
      const key = `train\u0000${id}`;
      const first = items.get(key);
      if (first) {
        diagnostics.warn('duplicate', `'${path}' has the same name as '${first.xmlPath}'; only the first is read (CVAT would keep one of them)`, { file: path });
        continue;
      }
      items.set(key, { id, subset: 'train', tasks: new Set(['Main']), xmlPath: path });
    }
    if (flatXml.length > 0) diagnostics.info('value-coerced', `no VOC folders: read ${items.size} XML file(s) as subset 'train', as CVAT does with a flat upload`, { file: tree.name });
  }
  const listedIds = new Set([...items.values()].map((item) => item.id));
  for (const path of paths) {
    if (path.startsWith(annotationsPrefix) && path.endsWith('.xml') && !listedIds.has(path.slice(annotationsPrefix.length, -4)))
      diagnostics.warn('annotation-unmatched', 'annotation file is not listed in any ImageSets list; it was not read (Datumaro reads listed items only)', { file: path });
  }

  const imagesPrefix = `${root}JPEGImages/`;
  const imageById = new Map<string, string>();
  for (const path of paths) {
    if (!path.startsWith(imagesPrefix)) continue;
    const relative = path.slice(imagesPrefix.length);
    const extension = extensionOf(relative);
    const id = extension ? relative.slice(0, -extension.length) : relative;
    if (!imageById.has(id)) imageById.set(id, path);
  }
  // A flat folder has no JPEGImages/: an image of the XML's base name, anywhere, is its image.
  if (flatXml.length > 0) {
    for (const path of paths) {
      const extension = extensionOf(path);
      if (!IMAGE_EXTENSIONS.has(extension.toLowerCase())) continue;
      const id = baseName(path).slice(0, -extension.length);
      if (!imageById.has(id)) imageById.set(id, path);
    }
  }

  // First pass: frames (name = id + the image's extension: from <filename>, the image file, else Datumaro's .jpg).
  const parsed = new Map<string, ReturnType<typeof parseVocAnnotationXml>>();
  let done = 0;
  for (const item of items.values()) {
    throwIfAborted(context);
    const xmlPath = item.xmlPath ?? `${annotationsPrefix}${item.id}.xml`;
    let xml = parsed.get(item.id);
    if (!xml && tree.has(xmlPath)) {
      xml = parseVocAnnotationXml(await tree.readText(xmlPath), xmlPath);
      parsed.set(item.id, xml);
    }
    const image = imageById.get(item.id);
    const extension = (xml?.annotation.filename && extensionOf(xml.annotation.filename)) || (image ? extensionOf(image) : '') || '.jpg';
    let size: { width?: number; height?: number } | undefined = xml?.annotation.size;
    if (image && (!size?.width || !size.height)) {
      // CVAT knows every image's size; without <size>, the image's header is the next best source.
      const header = await imageSizeFromTree(tree, image);
      if (header) size = { width: header.width, height: header.height };
    }
    item.frame = builder.frame(item.id + extension, {
      subset: item.subset,
      ...(size?.width ? { width: size.width } : {}),
      ...(size?.height ? { height: size.height } : {}),
      ...(image ? { image: { path: image, read: () => tree.read(image) } } : {}),
    });
    context.onProgress?.({ stage: 'reading annotations', done: ++done, total: items.size });
  }

  const shapesByFrame = new Map<number, Shape[]>();
  const trackItems: TrackedShapeItem[] = [];
  const tags: Tag[] = [];
  const addShape = (shape: Shape): void => {
    let list = shapesByFrame.get(shape.frame);
    if (!list) shapesByFrame.set(shape.frame, (list = []));
    list.push(shape);
  };
  const trackIds = new Map<Shape, { trackId: string; keyframe: boolean }>();

  // Second pass: boxes, then masks.
  const classLookup = labelmapColorLookup(entries);
  for (const item of items.values()) {
    throwIfAborted(context);
    const frame = item.frame!;
    const xmlPath = item.xmlPath ?? `${annotationsPrefix}${item.id}.xml`;
    const xml = parsed.get(item.id);
    if (xml) {
      xml.annotation.object.forEach((object, index) => {
        const where = { file: xmlPath, line: xml.objectLines[index], element: `annotation/object[${index + 1}]`, frame: frame.index, frameName: frame.name };
        // Datumaro gives each object id = group = its 1-based index; its parts share the group.
        const group = index + 1;
        const shape = objectToShape(object, frame.index, group, where);
        if (shape) addShape(shape);
        object.part.forEach((part, partIndex) => {
          const partWhere = { ...where, element: `${where.element}/part[${partIndex + 1}]` };
          addShape(newShape({ type: 'rectangle', label_id: labelFor(part.name, partWhere).id, frame: frame.index, group, points: boxPoints(part.bndbox) }));
        });
      });
    }

    const classPath = `${root}SegmentationClass/${item.id}.png`;
    const instancePath = `${root}SegmentationObject/${item.id}.png`;
    if (tree.has(classPath) || tree.has(instancePath)) {
      const decoded = decodeVocSegmentation(
        {
          ...(tree.has(classPath) ? { classFile: { path: classPath, bytes: await tree.read(classPath) } } : {}),
          ...(tree.has(instancePath) ? { instanceFile: { path: instancePath, bytes: await tree.read(instancePath) } } : {}),
        },
        classLookup,
        entries.length,
      );
      if (decoded) {
        const file = tree.has(classPath) ? classPath : instancePath;
        if ((frame.width !== undefined && frame.width !== decoded.width) || (frame.height !== undefined && frame.height !== decoded.height)) {
          throw new ParseError(`mask is ${decoded.width}×${decoded.height} but image '${frame.name}' is ${frame.width}×${frame.height}`, { file });
        }
        frame.width ??= decoded.width;
        frame.height ??= decoded.height;
        for (const segment of decoded.segments) {
          if (segment.classIndex < 0) {
            diagnostics.warn('label-unknown', `instance ${segment.instance} has no class mask to give it a label; dropped`, { file, frame: frame.index, frameName: frame.name });
            continue;
          }
          const label = labelFor(entries[segment.classIndex]!.name, { file });
          if (convMaskToPoly) {
            for (const polygon of maskToPolygons(segment.bitmap, decoded.height, decoded.width)) {
              addShape(newShape({ type: 'polygon', label_id: label.id, frame: frame.index, group: segment.instance, points: polygon }));
            }
          } else {
            addShape(newShape({ type: 'mask', label_id: label.id, frame: frame.index, group: segment.instance, points: bitmapToCvatMask(segment.bitmap, decoded.height, decoded.width) }));
          }
        }
      }
    }
  }

  // Tags from per-class lists `<label>_<subset>.txt` (a label name may itself hold '_').
  const itemByKey = (subset: string, id: string): Item | undefined => items.get(`${subset}\u0000${id}`);
  for (const list of classLists) {
    if (list.task !== 'Main') {
      diagnostics.warn('data-unsupported', `list file name holds '_', so it is neither a subset nor a per-class list; not read (Datumaro skips it)`, { file: list.path });
      continue;
    }
    const match = entries.map((entry) => entry.name).find((name) => list.name.startsWith(`${name}_`) && subsets.has(list.name.slice(name.length + 1)));
    if (match === undefined) {
      diagnostics.warn('data-unsupported', `'${list.name}' is neither a '<label>_<subset>' list nor a subset list (a subset name holding '_' is not read by Datumaro); not read`, { file: list.path });
      continue;
    }
    const subset = list.name.slice(match.length + 1);
    const label = labelOf.get(match)!;
    for (const line of parseVocClassList(await tree.readText(list.path), list.path)) {
      if (!line.present) continue;
      const item = itemByKey(subset, line.id);
      if (!item) {
        diagnostics.warn('annotation-unmatched', `item '${line.id}' is not in subset '${subset}'; its tag was dropped`, { file: list.path, line: line.line });
        continue;
      }
      tags.push({ id: null, label_id: label.id, frame: item.frame!.index, group: 0, source: 'file', attributes: [] });
    }
  }

  const dataset = builder.build();
  const shapes: Shape[] = [];
  for (const frame of dataset.frames) {
    const frameShapes = normalizeFrameGroups(shapesByFrame.get(frame.index) ?? []);
    for (const shape of frameShapes) {
      const track = trackIds.get(shape);
      if (track) trackItems.push({ shape, trackId: track.trackId, keyframe: track.keyframe });
      else shapes.push(shape);
    }
  }
  tags.sort((a, b) => a.frame - b.frame);
  dataset.annotations = {
    version: 0,
    tags,
    shapes,
    tracks: trackItems.length > 0 ? shapesToTracks(trackItems, { lastFrame: Math.max(0, dataset.frames.length - 1), labels: dataset.labels }) : [],
  };
  if (dataset.annotations.tracks.length > 0) dataset.meta.mode = 'interpolation';
  return dataset;

  function boxPoints(box: VocObject['bndbox']): number[] {
    // CVAT keeps VOC's numbers as they are (no 1-based correction), rounded to 2 decimals like every Datumaro shape.
    return [round2(box.xmin), round2(box.ymin), round2(box.xmax), round2(box.ymax)];
  }

  function objectToShape(object: VocObject, frame: number, group: number, where: { file: string; line?: number; element: string; frame: number; frameName: string }): Shape | undefined {
    const label = labelFor(object.name, where);
    const attributes: AttributeVal[] = [];
    const setAttribute = (name: string, value: string, kind: SpecInit): void => {
      const spec = builder.attribute(label, name, kind);
      const existing = attributes.find((attribute) => attribute.spec_id === spec.id);
      if (existing) existing.value = value;
      else attributes.push({ spec_id: spec.id, value });
    };
    // truncated / difficult are kept as checkbox attributes; a spec is made only once a 1 is seen (0 is the default).
    if (object.truncated === '1') setAttribute('truncated', 'true', CHECKBOX);
    if (object.difficult === '1') setAttribute('difficult', 'true', CHECKBOX);
    if (object.pose !== undefined) setAttribute('pose', object.pose, TEXT);
    const declaredActions = new Set(entryOf.get(object.name)?.actions ?? []);
    for (const [action, value] of Object.entries(object.actions ?? {})) {
      if (!declaredActions.has(action)) {
        diagnostics.warn('field-ignored', `action '${action}' is not declared for label '${object.name}' in the label map; ignored`, { ...where, element: `${where.element}/actions/${action}` });
        continue;
      }
      setAttribute(action, value === '1' ? 'true' : 'false', CHECKBOX);
    }
    let rotation = 0;
    let outside = false;
    let trackId: string | undefined;
    let keyframe: boolean | undefined;
    for (const { name, value } of object.attributes?.attribute ?? []) {
      switch (name) {
        case 'rotation': {
          const degrees = Number(value);
          if (value.trim() === '' || !Number.isFinite(degrees)) diagnostics.warn('invalid-value', `rotation '${value}' is not a number; ignored`, where);
          else {
            // Into CVAT's [0, 360) without touching values already there (a +360 round trip would add float noise).
            rotation = degrees % 360;
            if (rotation < 0) rotation += 360;
          }
          break;
        }
        case 'track_id':
          trackId = value.trim();
          break;
        case 'keyframe':
          keyframe = truthy(value) ?? false;
          break;
        case 'outside':
          outside = truthy(value) ?? false;
          break;
        case 'occluded':
        case 'source':
          // CVAT's own properties; <occluded> is the one that counts.
          break;
        default: {
          const flag = truthy(value);
          if (flag !== undefined && /^(true|false)$/i.test(value.trim())) setAttribute(name, flag ? 'true' : 'false', CHECKBOX);
          else setAttribute(name, value, TEXT);
        }
      }
    }
    const shape = newShape({
      type: 'rectangle',
      label_id: label.id,
      frame,
      group,
      points: boxPoints(object.bndbox),
      occluded: object.occluded === '1',
      outside,
      rotation,
      attributes,
    });
    // CVAT builds a track only from shapes that carry both attributes.
    if (trackId !== undefined && keyframe !== undefined) trackIds.set(shape, { trackId, keyframe });
    return shape;
  }
}
