// The native vocabulary of CVAT 1.1 XML: shape element names, their geometry attributes in the order CVAT
// writes them, and the rules of meta values (FORMATS.md sheet B §1.3–1.6, CVAT `cvat.py` dumper and `load_anno`).
import { z } from 'zod';
import type { ShapeType } from '@annoconv/core';

/** XML element name per model shape type (`rectangle` is written `<box>`). */
export const ELEMENT_OF_SHAPE: Record<ShapeType, string> = {
  rectangle: 'box',
  polygon: 'polygon',
  polyline: 'polyline',
  points: 'points',
  ellipse: 'ellipse',
  cuboid: 'cuboid',
  mask: 'mask',
  skeleton: 'skeleton',
};

export const SHAPE_OF_ELEMENT: Record<string, ShapeType> = Object.fromEntries(
  Object.entries(ELEMENT_OF_SHAPE).map(([type, element]) => [element, type as ShapeType]),
);

/** The 16 cuboid corner attributes in point order: front face "1", then back face "2". */
export const CUBOID_ATTRIBUTES = [
  'xtl1', 'ytl1', 'xbl1', 'ybl1', 'xtr1', 'ytr1', 'xbr1', 'ybr1',
  'xtl2', 'ytl2', 'xbl2', 'ybl2', 'xtr2', 'ytr2', 'xbr2', 'ybr2',
] as const;

export const BOX_ATTRIBUTES = ['xtl', 'ytl', 'xbr', 'ybr'] as const;

/** Shape types whose `rotation` CVAT writes (only when non-zero). */
export const ROTATABLE: ReadonlySet<ShapeType> = new Set(['rectangle', 'ellipse']);

/** A meta `<label>` as read, before ids are given. */
export const labelElementSchema = z.object({
  name: z.string().min(1, 'a label needs a <name>').max(64),
  color: z.string().optional(),
  type: z.enum(['any', 'cuboid', 'ellipse', 'mask', 'points', 'polygon', 'polyline', 'rectangle', 'skeleton', 'tag', 'bbox']).optional(),
  parent: z.string().optional(),
  svg: z.string().optional(),
  attributes: z.array(
    z.object({
      name: z.string().min(1, 'an attribute needs a <name>').max(64),
      mutable: z.boolean(),
      input_type: z.enum(['checkbox', 'radio', 'number', 'text', 'select']),
      default_value: z.string(),
      values: z.array(z.string()),
    }),
  ),
});
export type LabelElement = z.output<typeof labelElementSchema>;

/** `frame_filter` text: `step=N` or empty. */
export function parseFrameStep(filter: string | undefined): number {
  const match = /step\s*=\s*(\d+)/.exec(filter ?? '');
  const step = match ? Number(match[1]) : 1;
  return step > 0 ? step : 1;
}
