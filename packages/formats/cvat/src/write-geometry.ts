// One writer per shape type: the geometry attributes of a shape element, in the order and number format CVAT's
// dumper uses (`{:.2f}` coordinates, `rotation` only when non-zero and only for boxes and ellipses, masks as
// `rle, left, top, width, height` with Python's int()). `geometryFragment` renders them as the text of a start
// tag directly (numbers never need escaping), which is what the writer's hot loop uses.
import type { ShapeType } from '@annoconv/core';
import { formatFixed2, formatInt } from './number-format.js';
import { BOX_ATTRIBUTES, CUBOID_ATTRIBUTES } from './schema.js';

export type AttributePairs = Array<[string, string]>;

function pointPairs(points: readonly number[]): string {
  let text = '';
  for (let index = 0; index + 1 < points.length; index += 2) text += `${index === 0 ? '' : ';'}${formatFixed2(points[index]!)},${formatFixed2(points[index + 1]!)}`;
  return text;
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

/** The geometry attributes rendered as start-tag text: ` xtl="1.00" ytl="2.00" …`. */
export function geometryFragment(type: ShapeType, points: readonly number[], rotation: number): string {
  // The common types without intermediate arrays; the same text as geometryAttributes gives.
  if (type === 'rectangle') {
    const text = ` xtl="${formatFixed2(points[0] ?? 0)}" ytl="${formatFixed2(points[1] ?? 0)}" xbr="${formatFixed2(points[2] ?? 0)}" ybr="${formatFixed2(points[3] ?? 0)}"`;
    return rotation ? `${text} rotation="${formatFixed2(rotation)}"` : text;
  }
  if (type === 'polygon' || type === 'polyline' || type === 'points') return ` points="${pointPairs(points)}"`;
  let text = '';
  for (const [name, value] of geometryAttributes(type, points, rotation)) text += ` ${name}="${value}"`;
  return text;
}

