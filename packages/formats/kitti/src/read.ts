// KITTI 1.0 → Dataset, as CVAT imports it (CVAT `kitti.py` over Datumaro's `kitti`): every folder holding
// `label_2/` (detection) or `instance/` (segmentation) is a subset named after it (labels from dataset_meta.json
// beside the subsets, else label_colors.txt, else the KITTI map); when both kinds exist only detection is read
// (Datumaro takes the first of the conflicting sources and skips the other). Boxes keep
// `truncated` (≠ 0 → true), `occluded` (≠ 0) and `score`; instance PNGs (class · 256 + instance) become one mask
// per value, polygons by default, with `background` masks removed as CVAT does.
import {
  DatasetBuilder, normalizeFrameGroups, ParseError, throwIfAborted,
  type AttributeVal, type Dataset, type FileTree, type FormatContext, type Label, type ReadOptions, type Shape,
} from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { instanceRegions, regionBitmap, regionPolygons } from '@annoconv/geometry';
import { datasetMetaPath, decodePng, extensionOf, imageSizeFromTree, isImagePath, readDatasetMeta, rgbToHex, withoutExtension, type DatasetMeta } from '@annoconv/io';
import { parseLabel2, parseLabelColors } from './kitti-text.js';
import { BACKGROUND_LABEL, EMPTY_FOLDER_MARKER, KITTI_DEFAULT_COLORS, type LabelColor } from './schema.js';

import { pythonFloat } from './python-float.js';

export interface KittiLayout {
  /** Folders (with trailing slash, '' = root) holding label_2/ or instance/. */
  detection: string[];
  segmentation: string[];
  /** Where label_colors.txt is, if anywhere. */
  labelColors?: string;
}

export function findKittiLayout(paths: readonly string[]): KittiLayout {
  const detection = new Set<string>();
  const segmentation = new Set<string>();
  let labelColors: string | undefined;
  for (const path of paths) {
    // An empty label_2/ folder of a dataset without frames is kept in archives by an empty marker file.
    const label2 = /^(.*?)label_2\/.+\.txt$/.exec(path) ?? (path.endsWith(`label_2/${EMPTY_FOLDER_MARKER}`) ? [path, path.slice(0, -`label_2/${EMPTY_FOLDER_MARKER}`.length)] : null);
    if (label2 && (label2[1] === '' || label2[1]!.endsWith('/'))) detection.add(label2[1]!);
    const instance = /^(.*?)instance\/.+\.png$/i.exec(path);
    if (instance && (instance[1] === '' || instance[1]!.endsWith('/'))) segmentation.add(instance[1]!);
    if ((path === 'label_colors.txt' || path.endsWith('/label_colors.txt')) && (labelColors === undefined || path.length < labelColors.length)) labelColors = path;
  }
  return { detection: [...detection].sort(), segmentation: [...segmentation].sort(), ...(labelColors !== undefined ? { labelColors } : {}) };
}

/**
 * `dataset_meta.json` of the subset folders: Datumaro's KITTI reader looks for it in the folder holding each subset
 * (`training/` → the dataset root), for detection and segmentation alike; a subset at the tree's root has its parent
 * outside the tree. Subsets in different folders are read with the labels of the first one.
 */
async function kittiMeta(tree: FileTree, roots: readonly string[], context: FormatContext): Promise<DatasetMeta | undefined> {
  const parents = [...new Set(roots.filter((root) => root !== '').map((root) => root.slice(0, root.slice(0, -1).lastIndexOf('/') + 1)))];
  const metas = parents.filter((parent) => tree.has(datasetMetaPath(parent)));
  if (metas.length === 0) return undefined;
  for (const other of metas.slice(1))
    context.diagnostics.warn('data-unsupported', `subsets sit in different folders; only ${datasetMetaPath(metas[0]!)} is read for their labels`, { file: datasetMetaPath(other) });
  return readDatasetMeta(tree, metas[0]!, { diagnostics: context.diagnostics });
}

function subsetName(root: string): string {
  return root === '' ? 'default' : root.slice(0, -1).split('/').pop()!;
}

function newShape(fields: Pick<Shape, 'type' | 'label_id' | 'frame' | 'points'> & Partial<Shape>): Shape {
  return { id: null, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], group: 0, ...fields };
}

export async function readKitti(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findKittiLayout(paths);
  if (layout.detection.length === 0 && layout.segmentation.length === 0) throw new ParseError('no label_2/*.txt or instance/*.png found', { file: tree.name });
  const diagnostics = context.diagnostics;
  const builder = new DatasetBuilder();
  const detection = layout.detection.length > 0;
  if (detection && layout.segmentation.length > 0)
    diagnostics.warn('data-unsupported', `both label_2/ and instance/ found; as CVAT (Datumaro) does, only the detection part is read and ${layout.segmentation.map((root) => `${root}instance/`).join(', ')} is skipped`, { file: `${layout.segmentation[0]}instance/` });

  const roots = detection ? layout.detection : layout.segmentation;
  // Class order: dataset_meta.json, else label_colors.txt lines, else Datumaro's KITTI map. Index 0 is the
  // background class.
  const meta = await kittiMeta(tree, roots, context);
  if (meta && layout.labelColors) diagnostics.info('field-ignored', `${layout.labelColors} is not read: labels come from ${meta.file}`, { file: layout.labelColors });
  const colorEntries: LabelColor[] = meta
    ? meta.labels.map((entry) => ({ name: entry.name, ...(entry.color ? { color: entry.color } : {}) }))
    : layout.labelColors
      ? parseLabelColors(await tree.readText(layout.labelColors), layout.labelColors)
      : detection
        ? []
        : [...KITTI_DEFAULT_COLORS];
  const labelSource = meta ? ` in ${meta.file}` : layout.labelColors ? ` in ${layout.labelColors}` : ', default KITTI map';
  const classLabels: Array<Label | undefined> = colorEntries.map((entry) =>
    // CVAT removes `background` annotations unless the task has such a label; the class keeps its index.
    entry.name === BACKGROUND_LABEL ? undefined : builder.label(entry.name, entry.color ? { color: rgbToHex(entry.color) } : {}),
  );

  const shapes: Shape[] = [];
  const convMaskToPoly = options.convMaskToPoly ?? true;
  let done = 0;
  const total = paths.length;
  for (const root of roots) {
    const subset = subsetName(root);
    const dataDir = detection ? `${root}label_2/` : `${root}instance/`;
    const imageDir = `${root}image_2/`;
    const images = new Map<string, string>();
    for (const path of paths) if (path.startsWith(imageDir) && isImagePath(path)) images.set(withoutExtension(path.slice(imageDir.length)), path);
    const files = new Map<string, string>();
    for (const path of paths) if (path.startsWith(dataDir) && path.endsWith(detection ? '.txt' : '.png')) files.set(withoutExtension(path.slice(dataDir.length)), path);
    const ids = [...new Set([...files.keys(), ...images.keys()])].sort();
    for (const id of ids) {
      throwIfAborted(context);
      const image = images.get(id);
      // Datumaro's KITTI images are .png unless the image file says otherwise.
      const frame = builder.frame(id + (image ? extensionOf(image) : '.png'), { subset, ...(image ? { image: { path: image, read: () => tree.read(image) } } : {}) });
      if (image) {
        const size = await imageSizeFromTree(tree, image);
        if (size) {
          frame.width = size.width;
          frame.height = size.height;
        }
      }
      const file = files.get(id);
      if (file && detection) {
        let ignored = 0;
        for (const object of parseLabel2(await tree.readText(file), file)) {
          const label = builder.label(object.type);
          const truncated = builder.attribute(label, 'truncated', { input_type: 'checkbox', default_value: 'false', values: ['false', 'true'] });
          const attributes: AttributeVal[] = [{ spec_id: truncated.id, value: object.truncated !== 0 ? 'true' : 'false' }];
          if (object.score !== undefined) {
            const score = builder.attribute(label, 'score', { input_type: 'number', default_value: '1', values: ['0', '1', '0.01'] });
            attributes.push({ spec_id: score.id, value: pythonFloat(object.score) });
          }
          if (object.alpha !== -1 || object.threeD.some((value) => value !== -1)) ignored++;
          shapes.push(newShape({ type: 'rectangle', label_id: label.id, frame: frame.index, points: [...object.box], occluded: object.occluded !== 0, attributes }));
        }
        if (ignored > 0) diagnostics.info('field-ignored', `${ignored} object(s) with alpha / 3D dimensions, location or rotation_y; CVAT keeps none of them`, { file, frame: frame.index, frameName: frame.name });
      } else if (file) {
        const png = decodePng(await tree.read(file), { name: file });
        if (png.channels !== 1 || png.colorType === 'palette') throw new ParseError(`instance mask must be a grey PNG (class · 256 + instance), got ${png.colorType}`, { file });
        const { width, height, data } = png;
        if (frame.width !== undefined && (frame.width !== width || frame.height !== height))
          diagnostics.warn('invalid-value', `mask is ${width}×${height} but image '${image}' is ${frame.width}×${frame.height}; the mask's size is used`, { file, frame: frame.index, frameName: frame.name });
        frame.width = width;
        frame.height = height;
        const frameShapes: Shape[] = [];
        let group = 0;
        for (const region of instanceRegions(data, width, height, false)) {
          const value = region.value;
          const classIndex = value >> 8;
          const instance = value & 255;
          if (classIndex >= colorEntries.length) {
            const pixel = region.first;
            throw new ParseError(`pixel value ${value} = ${classIndex} · 256 + ${instance}: class ${classIndex} is not in the label list (${colorEntries.length} classes${labelSource})`, { file, line: Math.floor(pixel / width) + 1, column: (pixel % width) + 1 });
          }
          const label = classLabels[classIndex];
          if (!label) continue;
          group++;
          if (convMaskToPoly) {
            const polygons = regionPolygons(data, width, region);
            if (polygons.length === 0) diagnostics.warn('shape-unsupported', `instance ${value} of '${label.name}' gives no polygon of 3+ points and 1+ pixel² area; dropped, as CVAT's mask-to-polygon conversion drops it`, { file, frame: frame.index, frameName: frame.name, objectKind: 'instance', objectId: value });
            for (const points of polygons) frameShapes.push(newShape({ type: 'polygon', label_id: label.id, frame: frame.index, points, group }));
          } else {
            frameShapes.push(newShape({ type: 'mask', label_id: label.id, frame: frame.index, points: bitmapToCvatMask(regionBitmap(data, width, height, region), height, width), group }));
          }
        }
        // The polygons of one instance stay one group (CVAT drops groups of one and renumbers the rest per frame).
        shapes.push(...normalizeFrameGroups(frameShapes));
      }
      context.onProgress?.({ stage: 'reading', done: ++done, total });
    }
  }
  const dataset = builder.build();
  dataset.annotations = { version: 0, tags: [], shapes, tracks: [] };
  return dataset;
}
