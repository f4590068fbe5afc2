// One encoder per shape type for each YOLO flavour: a canonical shape becomes label-file lines (normalized
// coordinates, `%.6f`), or is converted the way CVAT converts it, or dropped — every case with a diagnostic.
import type { FormatContext, Label, Shape, SubShape, Where } from '@annoconv/core';
import { cvatMaskToBitmap, maskToPolygons, rasterizeShape } from '@annoconv/geometry';
import { formatCoordinate as f } from './line.js';

export type LineFlavour = 'darknet' | 'detection' | 'segmentation' | 'obb' | 'pose';

export interface EncodeContext {
  width: number;
  height: number;
  classId: number;
  /** The shape's label (the skeleton label for Pose). */
  label: Label;
  /** K of `kpt_shape` (Pose only). */
  keypoints: number;
  /** Where the shape is, built only when a diagnostic needs it (the hot path allocates nothing for it). */
  where: () => Where;
  formatName: string;
  context: FormatContext;
}

type Encoder = (shape: Shape, encode: EncodeContext) => string[];

/** Whether a box counts as axis-aligned: Datumaro skips a box when `rotation % 360 > 0.00001`. */
export function isAxisAligned(rotation: number): boolean {
  const remainder = ((rotation % 360) + 360) % 360;
  return remainder <= 0.00001;
}

/** Datumaro pads a missing or absent-by-omission keypoint with this literal text (not `%.6f`). */
const PADDING_POINT = '0.0 0.0 0';

function box(shape: Shape, encode: EncodeContext): string {
  const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
  const { width: W, height: H } = encode;
  return `${encode.classId} ${f((x1 + x2) / 2 / W)} ${f((y1 + y2) / 2 / H)} ${f((x2 - x1) / W)} ${f((y2 - y1) / H)}`;
}

const axisAlignedBox: Encoder = (shape, encode) => {
  // CVAT skips rotated boxes in YOLO 1.1 and Ultralytics Detection without a word (cvat#8322); we say so.
  if (!isAxisAligned(shape.rotation)) {
    encode.context.diagnostics.warn('shape-unsupported', `${encode.formatName} cannot hold a rotated rectangle (rotation ${shape.rotation}°); dropped as CVAT does`, encode.where());
    return [];
  }
  return [box(shape, encode)];
};

/** The four corners of a (rotated) rectangle: TL, TR, BR, BL of the unrotated box, turned about the centre clockwise on screen. */
export function rectangleCorners(points: readonly number[], rotation: number): number[] {
  const [x1, y1, x2, y2] = points as [number, number, number, number];
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const radians = (rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const corners = [x1, y1, x2, y1, x2, y2, x1, y2];
  const result: number[] = [];
  for (let index = 0; index < 8; index += 2) {
    const dx = corners[index]! - cx;
    const dy = corners[index + 1]! - cy;
    result.push(cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
  }
  return result;
}

function polygonLine(classId: number, points: readonly number[], W: number, H: number): string {
  let line = String(classId);
  for (let index = 0; index < points.length; index += 2) line += ` ${f(points[index]! / W)} ${f(points[index + 1]! / H)}`;
  return line;
}

const orientedBox: Encoder = (shape, encode) => [polygonLine(encode.classId, rectangleCorners(shape.points, shape.rotation), encode.width, encode.height)];

const polygon: Encoder = (shape, encode) => [polygonLine(encode.classId, shape.points, encode.width, encode.height)];

function bitmapPolygons(bitmap: Uint8Array, encode: EncodeContext, what: string): string[] {
  const polygons = maskToPolygons(bitmap, encode.height, encode.width).filter((points: number[]) => points.length >= 6);
  encode.context.diagnostics.warn(
    'shape-converted',
    `${encode.formatName} has no ${what}s; converted to ${polygons.length} polygon(s) as CVAT does`,
    encode.where(),
  );
  return polygons.map((points: number[]) => polygonLine(encode.classId, points, encode.width, encode.height));
}

// CVAT vectorizes masks (and ellipses, rasterized first by `EllipsesToMasks`) before Ultralytics Segmentation export.
const maskToLines: Encoder = (shape, encode) => bitmapPolygons(cvatMaskToBitmap(shape.points, encode.height, encode.width), encode, 'mask');
const ellipseToLines: Encoder = (shape, encode) =>
  bitmapPolygons(rasterizeShape({ type: 'ellipse', points: shape.points, rotation: shape.rotation }, encode.height, encode.width), encode, 'ellipse');

/** Visibility of a skeleton point as CVAT hands it over: outside → 0 (absent), occluded → 1, else 2. */
function visibility(element: SubShape): 0 | 1 | 2 {
  if (element.outside) return 0;
  return element.occluded ? 1 : 2;
}

const skeleton: Encoder = (shape, encode) => {
  const { width: W, height: H } = encode;
  const elements = new Map(shape.elements.map((element) => [element.label_id, element]));
  const points: string[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const sublabel of encode.label.sublabels) {
    const element = elements.get(sublabel.id);
    if (!element || element.points.length < 2) {
      points.push(PADDING_POINT);
      continue;
    }
    const x = element.points[0]!;
    const y = element.points[1]!;
    const v = visibility(element);
    // Outside points keep their stored coordinates with v=0 (verified against Datumaro, FORMATS.md §4.2).
    points.push(`${f(x / W)} ${f(y / H)} ${v}`);
    if (v !== 0) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  for (let index = encode.label.sublabels.length; index < encode.keypoints; index++) points.push(PADDING_POINT);
  if (minX === Infinity) {
    encode.context.diagnostics.warn('shape-unsupported', `${encode.formatName}: skeleton with every point outside has no box; dropped`, encode.where());
    return [];
  }
  const head = `${encode.classId} ${f((minX + maxX) / 2 / W)} ${f((minY + maxY) / 2 / H)} ${f((maxX - minX) / W)} ${f((maxY - minY) / H)}`;
  return [`${head} ${points.join(' ')}`];
};

/** Which encoder each flavour uses per shape type; a missing entry means "dropped". */
export const ENCODERS: Record<LineFlavour, Partial<Record<Shape['type'], Encoder>>> = {
  darknet: { rectangle: axisAlignedBox },
  detection: { rectangle: axisAlignedBox },
  segmentation: { polygon, mask: maskToLines, ellipse: ellipseToLines },
  obb: { rectangle: orientedBox },
  pose: { skeleton },
};
