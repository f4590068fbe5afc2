// Segmentation mask 1.1 → Dataset, as CVAT imports it (Datumaro's `voc` importer, segmentation part): items from
// the ImageSets lists, labels from dataset_meta.json or labelmap.txt (else the default VOC map), one object per
// instance of the SegmentationObject PNG classed through SegmentationClass (or one per class without instance PNG),
// as polygons unless `convMaskToPoly` is false. Boxes and tags of a full VOC dataset belong to the PASCAL VOC format.
import { DatasetBuilder, normalizeFrameGroups, ParseError, throwIfAborted, type Dataset, type FileTree, type FormatContext, type Label, type ReadOptions, type Shape } from '@annoconv/core';
import { bitmapToCvatMask, maskToPolygons } from '@annoconv/geometry';
import { decodeVocSegmentation, extensionOf, findVocLayout, imageSizeFromTree, labelmapColorLookup, parseVocImageSet, readVocLabelmap, rgbToHex } from '@annoconv/io';

function newShape(fields: Pick<Shape, 'type' | 'label_id' | 'frame' | 'points' | 'group'>): Shape {
  return { id: null, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [], ...fields };
}

export async function readSegmask(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findVocLayout(paths);
  if (!layout) throw new ParseError('no Segmentation mask layout found (ImageSets/Segmentation/*.txt)', { file: tree.name });
  const { root } = layout;
  const convMaskToPoly = options.convMaskToPoly ?? true;
  const diagnostics = context.diagnostics;
  const builder = new DatasetBuilder();

  // dataset_meta.json, else labelmap.txt, else the default VOC map: CVAT imports masks with Datumaro's `voc` importer.
  const { entries } = await readVocLabelmap(tree, root, diagnostics);
  const labels: Label[] = entries.map((entry) => builder.label(entry.name, entry.color ? { color: rgbToHex(entry.color) } : {}));

  if (paths.some((path) => path.startsWith(`${root}Annotations/`)))
    diagnostics.warn('data-unsupported', 'Annotations XML (boxes) is not part of Segmentation mask; read the dataset as PASCAL VOC 1.1 to keep it', { file: `${root}Annotations/` });

  const items: Array<{ id: string; subset: string }> = [];
  const seen = new Set<string>();
  for (const list of layout.lists) {
    if (list.name.includes('_')) {
      if (list.task !== 'Main') diagnostics.warn('data-unsupported', `list name holds '_', so it is not a subset list; not read`, { file: list.path });
      continue;
    }
    for (const { id } of parseVocImageSet(await tree.readText(list.path), list.path, { layout: list.task === 'Layout' })) {
      const key = `${list.name}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ id, subset: list.name });
    }
  }

  const imagesPrefix = `${root}JPEGImages/`;
  const imageById = new Map<string, string>();
  for (const path of paths) {
    if (!path.startsWith(imagesPrefix)) continue;
    const relative = path.slice(imagesPrefix.length);
    const extension = extensionOf(relative);
    imageById.set(extension ? relative.slice(0, -extension.length) : relative, path);
  }

  const classLookup = labelmapColorLookup(entries);
  const shapes: Shape[] = [];
  let done = 0;
  for (const item of items) {
    throwIfAborted(context);
    const image = imageById.get(item.id);
    // Datumaro assumes .jpg when the image is not there to say.
    const frame = builder.frame(item.id + (image ? extensionOf(image) : '.jpg'), {
      subset: item.subset,
      ...(image ? { image: { path: image, read: () => tree.read(image) } } : {}),
    });
    const classPath = `${root}SegmentationClass/${item.id}.png`;
    const instancePath = `${root}SegmentationObject/${item.id}.png`;
    const decoded = decodeVocSegmentation(
      {
        ...(tree.has(classPath) ? { classFile: { path: classPath, bytes: await tree.read(classPath) } } : {}),
        ...(tree.has(instancePath) ? { instanceFile: { path: instancePath, bytes: await tree.read(instancePath) } } : {}),
      },
      classLookup,
      entries.length,
    );
    const size = image ? await imageSizeFromTree(tree, image) : undefined;
    if (size) {
      frame.width = size.width;
      frame.height = size.height;
    }
    if (decoded) {
      if (size && (size.width !== decoded.width || size.height !== decoded.height)) {
        throw new ParseError(`mask is ${decoded.width}×${decoded.height} but image '${image}' is ${size.width}×${size.height}`, { file: tree.has(classPath) ? classPath : instancePath });
      }
      frame.width = decoded.width;
      frame.height = decoded.height;
      const frameShapes: Shape[] = [];
      for (const segment of decoded.segments) {
        if (segment.classIndex < 0) {
          diagnostics.warn('label-unknown', `instance ${segment.instance} has no class mask to give it a label; dropped`, { file: instancePath, frame: frame.index, frameName: frame.name });
          continue;
        }
        const label = labels[segment.classIndex]!;
        if (convMaskToPoly) {
          for (const polygon of maskToPolygons(segment.bitmap, decoded.height, decoded.width))
            frameShapes.push(newShape({ type: 'polygon', label_id: label.id, frame: frame.index, group: segment.instance, points: polygon }));
        } else {
          frameShapes.push(newShape({ type: 'mask', label_id: label.id, frame: frame.index, group: segment.instance, points: bitmapToCvatMask(segment.bitmap, decoded.height, decoded.width) }));
        }
      }
      shapes.push(...normalizeFrameGroups(frameShapes));
    }
    context.onProgress?.({ stage: 'reading masks', done: ++done, total: items.length });
  }
  const dataset = builder.build();
  dataset.annotations = { version: 0, tags: [], shapes, tracks: [] };
  return dataset;
}
