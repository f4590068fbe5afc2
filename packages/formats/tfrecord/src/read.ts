// Reads TensorFlow Object Detection API TFRecords (`<subset>.tfrecord` + `label_map.pbtxt`) record by record:
// boxes (de-normalised and clamped as Datumaro does), or instance masks when the records carry PNG masks; labels
// are resolved by `image/object/class/text`, with the numeric class only naming labels the map lacks.
import {
  DatasetBuilder,
  ParseError,
  throwIfAborted,
  type Dataset,
  type FileTree,
  type FormatContext,
  type ReadOptions,
  type Where,
} from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { decodePng } from '@annoconv/io';
import { decodeExample, type FeatureValue } from './example-proto.js';
import { parseLabelMap } from './label-map.js';
import { readRecords } from './record-framing.js';

export interface TfRecordReadOptions extends ReadOptions {
  /**
   * Keep embedded image bytes so that a conversion can save them. Off by default, since holding every image of a
   * multi-gigabyte file is what record-by-record reading avoids; the engine turns it on with "save images".
   */
  saveImages?: boolean;
}

const decoder = new TextDecoder();

function text(feature: FeatureValue | undefined, index = 0): string | undefined {
  if (!feature || !('bytes' in feature)) return undefined;
  const value = feature.bytes[index];
  return value === undefined ? undefined : decoder.decode(value);
}

function ints(feature: FeatureValue | undefined): number[] {
  return feature && 'ints' in feature ? feature.ints : [];
}

function floats(feature: FeatureValue | undefined): number[] {
  return feature && 'floats' in feature ? feature.floats : [];
}

/** Datumaro rounds every coordinate to two decimals when it builds a shape (COORDINATE_ROUNDING_DIGITS). */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

export function findRecordFiles(tree: FileTree): string[] {
  return tree
    .entries()
    .map((entry) => entry.path)
    .filter((path) => path.endsWith('.tfrecord'))
    .sort();
}

export async function readTfRecord(tree: FileTree, options: TfRecordReadOptions, context: FormatContext): Promise<Dataset> {
  const files = findRecordFiles(tree);
  if (files.length === 0) throw new ParseError('no *.tfrecord file in the dataset', { file: tree.name });
  const builder = new DatasetBuilder();
  const labelsById = new Map<number, string>();
  const labelMapPaths = new Set(files.map((file) => `${file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''}label_map.pbtxt`));
  for (const path of [...labelMapPaths].sort()) {
    if (!tree.has(path)) continue;
    for (const entry of parseLabelMap(await tree.readText(path))) {
      if (!labelsById.has(entry.id)) labelsById.set(entry.id, entry.name);
      builder.label(entry.name);
    }
  }
  let records = 0;
  for (const file of files) {
    const subset = file.slice(file.lastIndexOf('/') + 1, -'.tfrecord'.length);
    for await (const record of readRecords(tree.stream(file), file)) {
      throwIfAborted(context);
      const where: Where = { file, jsonPath: `record ${record.index} at byte ${record.offset}` };
      let features: Map<string, FeatureValue>;
      try {
        features = decodeExample(record.data);
      } catch (error) {
        throw new ParseError(`not a tf.train.Example: ${error instanceof Error ? error.message : String(error)}`, where, { cause: error });
      }
      const filename = text(features.get('image/filename'));
      if (!filename) throw new ParseError("the record has no 'image/filename'", where);
      const width = ints(features.get('image/width'))[0];
      const height = ints(features.get('image/height'))[0];
      const frame = builder.frame(filename, { subset, ...(width && height ? { width, height } : {}) });
      const encoded = features.get('image/encoded');
      if (options.saveImages && encoded && 'bytes' in encoded && encoded.bytes[0]?.length) {
        const bytes = encoded.bytes[0];
        frame.image = { path: filename, read: async () => bytes };
      }
      const texts = features.get('image/object/class/text');
      const classIds = ints(features.get('image/object/class/label'));
      const xmin = floats(features.get('image/object/bbox/xmin'));
      const xmax = floats(features.get('image/object/bbox/xmax'));
      const ymin = floats(features.get('image/object/bbox/ymin'));
      const ymax = floats(features.get('image/object/bbox/ymax'));
      const masks = features.get('image/object/mask');
      const count = Math.max(xmin.length, masks && 'bytes' in masks ? masks.bytes.length : 0);
      for (let index = 0; index < count; index++) {
        const objectWhere = { ...where, objectKind: 'object', objectId: index, frameName: filename };
        let name = text(texts, index) ?? '';
        const classId = classIds[index] ?? 0;
        if (!name && classId > 0) name = labelsById.get(classId) ?? `class_${classId}`;
        if (!name) {
          context.diagnostics.warn('label-unknown', 'an object without a class text or id was skipped (CVAT refuses unlabeled objects)', objectWhere);
          continue;
        }
        const label = builder.label(name);
        const base = { id: null, label_id: label.id, frame: frame.index, group: 0, source: 'file', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, score: 1, elements: [] };
        const maskBytes = masks && 'bytes' in masks ? masks.bytes[index] : undefined;
        if (maskBytes && maskBytes.length > 0) {
          const png = decodePng(maskBytes);
          const bitmap = new Uint8Array(png.width * png.height);
          for (let pixel = 0; pixel < bitmap.length; pixel++) bitmap[pixel] = png.data[pixel * png.channels]! > 0 ? 1 : 0;
          const points = bitmapToCvatMask(bitmap, png.height, png.width);
          if (points.length >= 5) builder.dataset.annotations.shapes.push({ ...base, type: 'mask', points });
          continue;
        }
        if (!width || !height) throw new ParseError('boxes need image/width and image/height', objectWhere);
        if ([xmin[index], xmax[index], ymin[index], ymax[index]].some((value) => value === undefined || !Number.isFinite(value))) {
          throw new ParseError('an object has an incomplete box', objectWhere);
        }
        const x1 = clamp(xmin[index]!, 0, 1) * width;
        const x2 = clamp(xmax[index]!, 0, 1) * width;
        const y1 = clamp(ymin[index]!, 0, 1) * height;
        const y2 = clamp(ymax[index]!, 0, 1) * height;
        builder.dataset.annotations.shapes.push({ ...base, type: 'rectangle', points: [round2(x1), round2(y1), round2(x2), round2(y2)] });
      }
      context.onProgress?.({ stage: 'reading TFRecords', done: ++records });
    }
  }
  return builder.build();
}
