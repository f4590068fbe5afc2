// Decoded YOLO lines become canonical shapes in pixels: boxes from centre/size, polygons as they are, OBB corners
// fitted back to a rotated rectangle, Pose keypoints to a skeleton whose points are bound by position.
import type { Label, Shape, SubShape } from '@annoconv/core';
import type { DecodedLine, DecodeFlavour } from './decode-line.js';

export function baseShape(type: Shape['type'], labelId: number, frame: number, points: number[], rotation = 0): Shape {
  return { id: null, label_id: labelId, frame, group: 0, source: 'file', attributes: [], type, occluded: false, outside: false, z_order: 0, rotation, points, score: 1, elements: [] };
}

/** Normalizes an angle in degrees to [0, 360), snapping float noise around whole turns to 0. */
export function normalizeRotation(degrees: number): number {
  let value = degrees % 360;
  if (value < 0) value += 360;
  if (value < 1e-9 || 360 - value < 1e-9) return 0;
  return value;
}

/**
 * Fits a rotated rectangle to four corners written TL, TR, BR, BL of the unrotated box turned clockwise about its
 * centre (CVAT's corner order). The angle comes from the first edge, so boxes CVAT wrote at 90/180/270° come back
 * with their rotation, which is what Datumaro's corner-order correction achieves (cvat-ai/datumaro PR #72).
 */
export function cornersToRotatedRectangle(corners: readonly number[]): { points: number[]; rotation: number } {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = corners as [number, number, number, number, number, number, number, number];
  const cx = (x0 + x1 + x2 + x3) / 4;
  const cy = (y0 + y1 + y2 + y3) / 4;
  const width = (Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x3, y2 - y3)) / 2;
  const height = (Math.hypot(x3 - x0, y3 - y0) + Math.hypot(x2 - x1, y2 - y1)) / 2;
  // The direction of the top edge, averaged over both width edges and both height edges turned by -90°, so a box
  // with one side (almost) zero still gets its angle from the other side.
  const dx = x1 - x0 + (x2 - x3) + (y2 - y1) + (y3 - y0);
  const dy = y1 - y0 + (y2 - y3) - (x2 - x1) - (x3 - x0);
  const rotation = normalizeRotation((Math.atan2(dy, dx) * 180) / Math.PI);
  return { points: [cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2], rotation };
}

export interface ShapeTarget {
  flavour: DecodeFlavour;
  frame: number;
  width: number;
  height: number;
  label: Label;
}

export function decodedToShape(decoded: DecodedLine, target: ShapeTarget): Shape {
  const { width: W, height: H, frame, label } = target;
  const values = decoded.values;
  switch (target.flavour) {
    case 'darknet':
    case 'detection': {
      const [cx, cy, w, h] = values as [number, number, number, number];
      return baseShape('rectangle', label.id, frame, [(cx - w / 2) * W, (cy - h / 2) * H, (cx + w / 2) * W, (cy + h / 2) * H]);
    }
    case 'segmentation':
      return baseShape('polygon', label.id, frame, scalePairs(values, W, H));
    case 'obb': {
      const { points, rotation } = cornersToRotatedRectangle(scalePairs(values, W, H));
      return baseShape('rectangle', label.id, frame, points, rotation);
    }
    case 'pose': {
      const shape = baseShape('skeleton', label.id, frame, []);
      const visibility = decoded.visibility!;
      shape.elements = label.sublabels.map((sublabel, index): SubShape => {
        const v = visibility[index] ?? 0;
        const element = baseShape('points', sublabel.id, frame, [values[index * 2]! * W, values[index * 2 + 1]! * H]);
        return { ...omitElements(element), outside: v === 0, occluded: v === 1 };
      });
      return shape;
    }
  }
}

function omitElements(shape: Shape): SubShape {
  const { elements, ...rest } = shape;
  void elements;
  return rest;
}

function scalePairs(values: readonly number[], W: number, H: number): number[] {
  const points = new Array<number>(values.length);
  for (let index = 0; index < values.length; index += 2) {
    points[index] = values[index]! * W;
    points[index + 1] = values[index + 1]! * H;
  }
  return points;
}
