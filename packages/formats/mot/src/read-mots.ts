// MOTS PNG 1.0 → Dataset, as CVAT imports it (CVAT `mots.py` over Datumaro's `mots`): one 16-bit PNG per item
// under `[<subset>/]instances/`, pixel = 1000 · class + instance, class = label index + 1 in `labels.txt`; every
// instance becomes a track (every frame a keyframe, outside after gaps and at the end, group = instance id); a
// second polygon of one instance on a frame starts a track of its own, as CVAT's negative track ids do. Without
// mask-to-polygon conversion the masks stay per-frame shapes (grouped by instance).
import {
  DatasetBuilder, normalizeFrameGroups, ParseError, shapesToTracks, throwIfAborted,
  type Dataset, type FileTree, type FormatContext, type Label, type ReadOptions, type Shape, type TrackedShapeItem,
} from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { instanceRegions, regionBitmap, regionPolygons } from '@annoconv/geometry';
import { decodePng, imageSizeFromTree, readDatasetMeta, extensionOf, isImagePath, withoutExtension } from '@annoconv/io';
import { MOTS_DEFAULT_LABELS } from './schema.js';
import { parseLabelsText } from './mot-text.js';
import { naturalCompare } from './names.js';

/** Folders holding an `instances/` folder (PNGs or labels.txt): '' for the root, else `train/` style prefixes. */
export function findMotsRoots(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const path of paths) {
    const match = /^(.*?)instances\/(?:[^/]+\.png|labels\.txt)$/i.exec(path);
    if (match && (match[1] === '' || match[1]!.endsWith('/'))) roots.add(match[1]!);
  }
  return [...roots].sort(naturalCompare);
}

/** Datumaro's MOTS rule: class 10 with fewer than 10 labels is the official "ignore" region (z_order 1). */
const IGNORE_CLASS = 10;

export async function readMots(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const roots = findMotsRoots(paths);
  if (roots.length === 0) throw new ParseError('no instances/*.png or instances/labels.txt found', { file: tree.name });
  const convMaskToPoly = options.convMaskToPoly ?? true;
  const builder = new DatasetBuilder();
  const items: TrackedShapeItem[] = [];
  const masks: Shape[] = [];
  let split = 0;

  const pending: Array<{ root: string; labels: Label[]; ignoreLabel: () => Label; instances: Map<string, string>; images: Map<string, string> }> = [];
  for (const root of roots) {
    // dataset_meta.json in the subset folder (beside instances/, where Datumaro's MOTS reader looks; its exporter
    // writes the file one level up, in the dataset root), else instances/labels.txt, else the MOTS defaults.
    const labelsPath = `${root}instances/labels.txt`;
    const meta = await readDatasetMeta(tree, root, { diagnostics: context.diagnostics });
    if (meta && tree.has(labelsPath)) context.diagnostics.info('field-ignored', `${labelsPath} is not read: labels come from ${meta.file}`, { file: labelsPath });
    const names = meta ? meta.labels.map((entry) => entry.name) : tree.has(labelsPath) ? parseLabelsText(await tree.readText(labelsPath)) : [...MOTS_DEFAULT_LABELS];
    const labels = names.map((name) => builder.label(name));
    const instances = new Map<string, string>();
    const images = new Map<string, string>();
    for (const path of paths) {
      if (path.startsWith(`${root}instances/`) && path.toLowerCase().endsWith('.png')) instances.set(withoutExtension(path.slice(root.length + 'instances/'.length)), path);
      else if (path.startsWith(`${root}images/`) && isImagePath(path)) images.set(withoutExtension(path.slice(root.length + 'images/'.length)), path);
    }
    pending.push({ root, labels, ignoreLabel: () => builder.label('ignored'), instances, images });
  }

  let done = 0;
  const total = pending.reduce((sum, root) => sum + new Set([...root.instances.keys(), ...root.images.keys()]).size, 0);
  for (const { root, labels, ignoreLabel, instances, images } of pending) {
    const subset = root === '' ? 'default' : root.slice(0, -1).split('/').pop()!;
    const ids = [...new Set([...instances.keys(), ...images.keys()])].sort(naturalCompare);
    for (const id of ids) {
      throwIfAborted(context);
      const image = images.get(id);
      // Datumaro's MOTS images are .jpg unless the image says otherwise.
      const frame = builder.frame(id + (image ? extensionOf(image) : '.jpg'), { subset, ...(image ? { image: { path: image, read: () => tree.read(image) } } : {}) });
      if (image) {
        const size = await imageSizeFromTree(tree, image);
        if (size) {
          frame.width = size.width;
          frame.height = size.height;
        }
      }
      const file = instances.get(id);
      if (file) {
        const png = decodePng(await tree.read(file), { name: file });
        if (png.channels !== 1 || png.colorType === 'palette') throw new ParseError(`instance mask must be a grey PNG (16-bit: 1000 · class + instance), got ${png.colorType}`, { file });
        const { width, height } = png;
        if (frame.width !== undefined && (frame.width !== width || frame.height !== height))
          context.diagnostics.warn('invalid-value', `mask is ${width}×${height} but image '${image}' is ${frame.width}×${frame.height}; the mask's size is used`, { file, frame: frame.index, frameName: frame.name });
        frame.width = width;
        frame.height = height;
        const data = png.data;
        const frameMasks: Shape[] = [];
        for (const region of instanceRegions(data, width, height, true)) {
          const value = region.value;
          const classId = Math.floor(value / 1000);
          const instance = value % 1000;
          let label = labels[classId - 1];
          let zOrder = 0;
          if (classId === IGNORE_CLASS && labels.length < IGNORE_CLASS) {
            label = ignoreLabel();
            zOrder = 1;
          }
          if (!label || classId === 0) {
            const pixel = region.first;
            throw new ParseError(`pixel value ${value} = 1000 · ${classId} + ${instance}: class ${classId} is not in the label list (${labels.length} labels)`, { file, line: Math.floor(pixel / width) + 1, column: (pixel % width) + 1 });
          }
          const base = { id: null, label_id: label.id, frame: frame.index, group: instance, source: 'file', attributes: [], occluded: false, outside: false, z_order: zOrder, rotation: 0, score: 1, elements: [] };
          const shapes: Shape[] = convMaskToPoly
            ? regionPolygons(data, width, region).map((points) => ({ ...base, type: 'polygon' as const, points }))
            : [{ ...base, type: 'mask' as const, points: bitmapToCvatMask(regionBitmap(data, width, height, region), height, width) }];
          if (shapes.length === 0) {
            context.diagnostics.warn('shape-unsupported', `instance ${instance} of '${label.name}' gives no polygon of 3+ points and 1+ pixel² area; dropped, as CVAT's mask-to-polygon conversion drops it`, { file, frame: frame.index, frameName: frame.name, objectKind: 'instance', objectId: value });
          }
          if (convMaskToPoly) shapes.forEach((shape, index) => items.push({ shape, trackId: index === 0 ? instance : `split-${++split}`, keyframe: true }));
          else frameMasks.push(...shapes);
        }
        masks.push(...normalizeFrameGroups(frameMasks));
      }
      context.onProgress?.({ stage: 'reading masks', done: ++done, total });
    }
  }
  const dataset = builder.build();
  const tracks = shapesToTracks(items, { lastFrame: dataset.frames.length - 1 });
  if (masks.length > 0)
    context.diagnostics.info('track-flattened', `${masks.length} instance mask(s) read as per-frame mask shapes: CVAT cannot interpolate mask tracks of more than one keyframe (and imports nothing from MOTS without mask-to-polygon conversion)`);
  dataset.annotations = { version: 0, tags: [], shapes: masks, tracks };
  return dataset;
}
