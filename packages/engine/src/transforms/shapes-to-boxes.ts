// The `shapes-to-boxes` transform: every polygon, polyline, point set, cuboid, ellipse and mask becomes the
// axis-aligned box around it, as Datumaro's `shapes_to_boxes` transform does, so that box-only targets (YOLO,
// KITTI, MOT, Ultralytics Detection, …) keep those objects instead of dropping them. Tracks of those types
// become box tracks; rectangles and skeletons are left as they are.
import type { Dataset, FormatContext, Frame, Shape, TrackedShape } from '@annoconv/core';
import { cvatMaskToRle, pointsBounds, rleToBbox } from '@annoconv/geometry';

type Box = [number, number, number, number];

const BOXED = new Set<string>(['polygon', 'polyline', 'points', 'cuboid', 'ellipse', 'mask']);

/** The box [x1, y1, x2, y2] around a shape's geometry, or undefined for an empty mask. */
export function boxAround(shape: Pick<Shape, 'type' | 'points' | 'rotation'>, frame?: Pick<Frame, 'width' | 'height'>): Box | undefined {
  const points = shape.points;
  if (shape.type === 'ellipse') {
    // CVAT's ellipse: centre, then the right end of the x radius and the top end of the y radius; the rotation
    // (degrees) turns it about the centre, so the box holds the rotated ellipse's extremes.
    const [cx, cy, x2, y2] = points as [number, number, number, number];
    const rx = Math.abs(x2 - cx);
    const ry = Math.abs(cy - y2);
    const angle = ((shape.rotation ?? 0) * Math.PI) / 180;
    const halfWidth = Math.hypot(rx * Math.cos(angle), ry * Math.sin(angle));
    const halfHeight = Math.hypot(rx * Math.sin(angle), ry * Math.cos(angle));
    return [cx - halfWidth, cy - halfHeight, cx + halfWidth, cy + halfHeight];
  }
  if (shape.type === 'mask') {
    // CVAT's mask ends with its box (left, top, right, bottom, inclusive); the pixels set inside it may not reach
    // every side, so the box is measured on the mask itself (a canvas reaching the box when the frame size is unknown).
    const n = points.length;
    const height = frame?.height ?? points[n - 1]! + 1;
    const width = frame?.width ?? points[n - 2]! + 1;
    const [x, y, w, h] = rleToBbox(cvatMaskToRle(points, height, width));
    return w > 0 && h > 0 ? [x, y, x + w, y + h] : undefined;
  }
  return pointsBounds(points);
}

function toBox<T extends Shape | TrackedShape>(shape: T, box: Box): T {
  return { ...shape, type: 'rectangle', points: box, rotation: 0 };
}

/** Replaces the shapes and tracks it converts; reports one info per converted type and a warning per dropped mask. */
export function shapesToBoxes(dataset: Dataset, context: FormatContext): Dataset {
  const converted = new Map<string, number>();
  const count = (type: string): void => void converted.set(type, (converted.get(type) ?? 0) + 1);
  const shapes: Shape[] = [];
  for (const shape of dataset.annotations.shapes) {
    if (!BOXED.has(shape.type)) {
      shapes.push(shape);
      continue;
    }
    const frame = dataset.frames[shape.frame];
    const box = boxAround(shape, frame);
    if (!box) {
      context.diagnostics.warn('shape-unsupported', `an empty ${shape.type} has no box; dropped`, { frameName: frame?.name, objectKind: 'shape', ...(shape.id !== null ? { objectId: shape.id } : {}) });
      continue;
    }
    count(shape.type);
    shapes.push(toBox(shape, box));
  }
  const tracks = dataset.annotations.tracks.map((track) => {
    const type = track.shapes[0]?.type;
    if (type === undefined || !BOXED.has(type)) return track;
    count(`${type} track`);
    return {
      ...track,
      shapes: track.shapes.map((shape) => toBox(shape, boxAround(shape, dataset.frames[shape.frame]) ?? [0, 0, 0, 0])),
    };
  });
  for (const [type, n] of converted) {
    const what = type.endsWith(' track') ? (n === 1 ? 'a box track' : 'box tracks') : n === 1 ? 'its box' : 'their boxes';
    context.diagnostics.info('shape-converted', `${n} ${type}${n === 1 ? '' : 's'} turned into ${what} (shapes-to-boxes)`);
  }
  return { ...dataset, annotations: { ...dataset.annotations, shapes, tracks } };
}
