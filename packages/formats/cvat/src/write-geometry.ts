// One writer per shape type: the geometry attributes of a shape element, in the order and number format CVAT's
// dumper uses (`{:.2f}` coordinates, `rotation` only when non-zero and only for boxes and ellipses, masks as
// `rle, left, top, width, height` with Python's int()).
import type { ShapeType } from '@annoconv/core';
import { formatFixed2, formatInt } from './number-format.js';
import { BOX_ATTRIBUTES, CUBOID_ATTRIBUTES } from './schema.js';

export type AttributePairs = Array<[string, string]>;

function pointPairs(points: readonly number[]): string {
  const parts: string[] = [];
  for (let index = 0; index + 1 < points.length; index += 2) parts.push(`${formatFixed2(points[index]!)},${formatFixed2(points[index + 1]!)}`);
  return parts.join(';');
}

/** The geometry attributes (and `rotation` where CVAT writes it) of a shape. */
export function geometryAttributes(type: ShapeType, points: readonly number[], rotation: number): AttributePairs {
  switch (type) {
    case 'rectangle': {
      const pairs: AttributePairs = BOX_ATTRIBUTES.map((name, index) => [name, formatFixed2(points[index] ?? 0)]);
      if (rotation) pairs.push(['rotation', formatFixed2(rotation)]);
      return pairs;
    }
    case 'ellipse': {
      const [cx = 0, cy = 0, right = 0, top = 0] = points;
      const pairs: AttributePairs = [
        ['cx', formatFixed2(cx)],
        ['cy', formatFixed2(cy)],
        ['rx', formatFixed2(right - cx)],
        ['ry', formatFixed2(cy - top)],
      ];
      if (rotation) pairs.push(['rotation', formatFixed2(rotation)]);
      return pairs;
    }
    case 'cuboid':
      return CUBOID_ATTRIBUTES.map((name, index) => [name, formatFixed2(points[index] ?? 0)]);
    case 'mask': {
      const counts = points.slice(0, -4).map(formatInt).join(', ');
      const [left = 0, top = 0, right = 0, bottom = 0] = points.slice(-4);
      return [
        ['rle', counts],
        ['left', formatInt(left)],
        ['top', formatInt(top)],
        ['width', String(Math.trunc(right - left) + 1)],
        ['height', String(Math.trunc(bottom - top) + 1)],
      ];
    }
    case 'skeleton':
      return [];
    case 'polygon':
    case 'polyline':
    case 'points':
      return [['points', pointPairs(points)]];
  }
}
