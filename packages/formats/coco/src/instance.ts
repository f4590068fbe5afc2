// Turns the shapes of one CVAT group into one COCO instance as Datumaro's `coco_instances` exporter does: the
// largest member leads (label, attributes), RLE is chosen by the leader's `is_crowd` or by a mask of its label,
// polygons and masks are merged, the bbox comes from rectangles when there are any, and the area is the
// pycocotools-rasterized pixel count (FORMATS.md §2.3).
import { cvatMaskToRle, decodeRle, maskToPolygons, pointsBounds, polygonArea, polygonsToRle, rasterizeShape, encodeRle, rleArea, rleMerge, rleToBbox, type Rle } from '@annoconv/geometry';
import type { Shape } from '@annoconv/core';
import { round2 } from './numbers.js';

export type Box = [number, number, number, number];

/** One member shape, measured. */
export interface Part {
  shape: Shape;
  kind: 'box' | 'polygon' | 'mask';
  /** x, y, w, h of the member (unrotated box for rectangles, point extent for polygons, pixel extent for masks). */
  bbox: Box;
  area: number;
  polygon?: number[];
  rle?: Rle;
}

export interface Instance {
  leader: Shape;
  segmentation: { polygons: number[][] } | { rle: Rle };
  area: number;
  bbox: Box;
  iscrowd: 0 | 1;
}

/** Measures a rectangle, polygon, mask or ellipse (ellipses become masks, as CVAT's EllipsesToMasks). */
export function measurePart(shape: Shape, height: number, width: number): Part {
  switch (shape.type) {
    case 'rectangle': {
      const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
      const x = round2(x1);
      const y = round2(y1);
      const w = round2(x2 - x1);
      const h = round2(y2 - y1);
      return { shape, kind: 'box', bbox: [x, y, w, h], area: w * h };
    }
    case 'polygon': {
      const polygon = rounded(shape.points);
      return { shape, kind: 'polygon', bbox: pointsBox(polygon), area: polygonArea(polygon, height, width), polygon };
    }
    case 'ellipse': {
      const rle = encodeRle(rasterizeShape({ type: 'ellipse', points: shape.points, rotation: shape.rotation }, height, width), height, width);
      return { shape, kind: 'mask', bbox: rleToBbox(rle), area: rleArea(rle), rle };
    }
    default: {
      const rle = cvatMaskToRle(shape.points, height, width);
      return { shape, kind: 'mask', bbox: rleToBbox(rle), area: rleArea(rle), rle };
    }
  }
}

/** The points rounded to 2 decimals; the array itself when they already are (as every imported polygon is). */
function rounded(points: number[]): number[] {
  for (let index = 0; index < points.length; index++) if (round2(points[index]!) !== points[index]) return points.map(round2);
  return points;
}

export function pointsBox(points: readonly number[]): Box {
  const bounds = pointsBounds(points);
  if (!bounds) return [0, 0, 0, 0];
  const [minX, minY, maxX, maxY] = bounds;
  return [minX, minY, maxX - minX, maxY - minY];
}

/**
 * The instance of a group of one (nearly every COCO annotation) when its member keeps its form: the same rules as
 * buildInstance without the group's intermediate lists (RLE when `is_crowd` is true or, without that attribute,
 * when the member is a mask; a box alone stays a box). Its measured area is the instance's.
 */
function loneInstance(part: Part, isCrowd: unknown): Instance | undefined {
  const useRle = part.kind !== 'box' && (isCrowd === undefined ? part.kind === 'mask' : isCrowd === true);
  const [x, y, w, h] = part.bbox;
  const bbox: Box = [round2(x), round2(y), round2(x + w - x), round2(y + h - y)];
  if (useRle ? part.kind === 'mask' : part.kind !== 'mask') {
    const segmentation = useRle ? { rle: part.rle! } : { polygons: part.polygon ? [part.polygon] : [] };
    return { leader: part.shape, segmentation, area: part.kind === 'box' ? bbox[2] * bbox[3] : part.area, bbox, iscrowd: useRle ? 1 : 0 };
  }
  // A polygon forced to RLE, or a mask written as polygons: the general path below.
  return undefined;
}

function unionBox(boxes: Box[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y, w, h] of boxes) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  }
  return [minX, minY, maxX - minX, maxY - minY];
}

/**
 * The COCO instance of a group. `isCrowd` is the leader's `is_crowd` attribute as typed for export (undefined when
 * its label has none): only a boolean true forces RLE, as Datumaro checks identity with True.
 */
export function buildInstance(parts: Part[], height: number, width: number, isCrowdOf: (shape: Shape) => unknown): Instance {
  let leader = parts[0]!;
  for (const part of parts) if (part.area > leader.area) leader = part;
  const isCrowd = isCrowdOf(leader.shape);
  if (parts.length === 1) {
    const lone = loneInstance(leader, isCrowd);
    if (lone) return lone;
  }
  // Boxes alone have nothing to encode: they stay box-only whatever is_crowd says.
  const useRle =
    (isCrowd === undefined ? parts.some((part) => part.kind === 'mask' && part.shape.label_id === leader.shape.label_id) : isCrowd === true) &&
    parts.some((part) => part.kind !== 'box');
  const boxes = parts.filter((part) => part.kind === 'box');
  const polygons = parts.filter((part) => part.kind === 'polygon').map((part) => part.polygon!);
  const masks = parts.filter((part) => part.kind === 'mask').map((part) => part.rle!);
  const bbox = unionBox((boxes.length > 0 ? boxes : parts).map((part) => part.bbox)).map(round2) as Box;
  if (parts.length === 1 && (useRle ? leader.kind === 'mask' : leader.kind !== 'mask')) {
    // A lone member: its measured area is the instance's (saves rasterizing it twice).
    const segmentation = useRle ? { rle: leader.rle! } : { polygons: leader.polygon ? [leader.polygon] : [] };
    return { leader: leader.shape, segmentation, area: leader.kind === 'box' ? bbox[2] * bbox[3] : leader.area, bbox, iscrowd: useRle ? 1 : 0 };
  }
  if (useRle) {
    const rles = polygons.length > 0 ? [polygonsToRle(polygons, height, width), ...masks] : masks;
    const rle = rles.length === 1 ? rles[0]! : rleMerge(rles);
    return { leader: leader.shape, segmentation: { rle }, area: rleArea(rle), bbox, iscrowd: 1 };
  }
  for (const mask of masks) for (const polygon of maskToPolygons(decodeRle(mask), height, width)) polygons.push(polygon.map(round2));
  const area =
    polygons.length === 1 ? polygonArea(polygons[0]!, height, width) : polygons.length > 0 ? rleArea(polygonsToRle(polygons, height, width)) : bbox[2] * bbox[3];
  return { leader: leader.shape, segmentation: { polygons }, area, bbox, iscrowd: 0 };
}
