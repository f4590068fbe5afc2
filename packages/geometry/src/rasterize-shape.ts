// Rasterization of CVAT shapes into full-image masks, following what CVAT's exports feed to the mask formats:
// boxes and polygons through pycocotools' rule, rotated boxes as their rotated corner polygon
// (`RotatedBoxesToPolygons`), ellipses as OpenCV draws them (`EllipsesToMasks`), masks from their CVAT RLE.
import type { Rle } from './rle.js';
import { GeometryError } from './geometry-error.js';
import { bboxToRle, polygonToRle } from './polygon-to-rle.js';
import { cvatMaskToBitmap, cvatMaskToRle } from './cvat-mask.js';
import { decodeRle } from './decode-rle.js';
import { encodeRle } from './encode-rle.js';
import { ellipseSpans } from './rasterize-ellipse.js';

/** What rasterization needs of a shape (a CVAT Shape, SubShape or interpolated track shape fits). */
export interface RasterShape {
  type: string;
  points: ArrayLike<number>;
  /** Degrees, clockwise, about the centre (rectangles and ellipses). */
  rotation?: number;
}

/** The 4 corners of a rectangle rotated about its centre, as CVAT's `RotatedBoxesToPolygons` computes them. */
export function rotatedRectanglePolygon(points: ArrayLike<number>, rotation: number): number[] {
  const [x0, y0, x1, y1] = [points[0], points[1], points[2], points[3]];
  const angle = rotation * (Math.PI / 180);
  const cx = x0 + (x1 - x0) / 2;
  const cy = y0 + (y1 - y0) / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const result: number[] = [];
  for (const [x, y] of [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]) {
    result.push(cx + cos * (x - cx) - sin * (y - cy), cy + sin * (x - cx) + cos * (y - cy));
  }
  return result;
}

function checkPoints(shape: RasterShape, minimum: number): void {
  if (shape.points.length < minimum)
    throw new GeometryError('invalid-shape', `a ${shape.type} needs at least ${minimum} numbers, got ${shape.points.length}`);
}

/** COCO RLE of a shape (full image). Throws a GeometryError for types without an area. */
export function shapeToRle(shape: RasterShape, height: number, width: number): Rle {
  switch (shape.type) {
    case 'rectangle': {
      checkPoints(shape, 4);
      const p = shape.points;
      const rotation = shape.rotation ?? 0;
      // Unrotated boxes reach the mask formats as Datumaro Bbox(x, y, w, h), rasterized by pycocotools.
      if (rotation % 360 === 0) return bboxToRle([p[0], p[1], p[2] - p[0], p[3] - p[1]], height, width);
      return polygonToRle(rotatedRectanglePolygon(p, rotation), height, width);
    }
    case 'polygon':
      checkPoints(shape, 6);
      return polygonToRle(shape.points, height, width);
    case 'mask':
      return cvatMaskToRle(shape.points, height, width);
    case 'ellipse':
      return encodeRle(rasterizeShape(shape, height, width), height, width);
    default:
      throw new GeometryError('invalid-shape', `a ${shape.type} has no area to rasterize`);
  }
}

/**
 * Full-image row-major 0/1 bitmap of a rectangle (rotated about its centre), ellipse (CVAT points
 * `[cx, cy, cx + rx, cy − ry]`, rotated), polygon or CVAT mask.
 */
export function rasterizeShape(shape: RasterShape, height: number, width: number): Uint8Array {
  switch (shape.type) {
    case 'ellipse': {
      checkPoints(shape, 4);
      const bitmap = new Uint8Array(height * width);
      ellipseSpans(shape.points, shape.rotation ?? 0, height, width, (y, x0, x1) =>
        bitmap.fill(1, y * width + x0, y * width + x1 + 1),
      );
      return bitmap;
    }
    case 'mask':
      return cvatMaskToBitmap(shape.points, height, width);
    default:
      return decodeRle(shapeToRle(shape, height, width));
  }
}
