// Label specifications: labels with attribute specs and skeleton sub-labels (CVAT-MODEL.md §1.9).
import { z } from 'zod';

export const ATTRIBUTE_INPUT_TYPES = ['checkbox', 'radio', 'number', 'text', 'select'] as const;
export type AttributeInputType = (typeof ATTRIBUTE_INPUT_TYPES)[number];
// 'interval' labels belong to audio tasks (CVAT 2.7x); kept so label lists read from CVAT parse.
export const LABEL_TYPES = ['any', 'cuboid', 'ellipse', 'mask', 'points', 'polygon', 'polyline', 'rectangle', 'skeleton', 'tag', 'interval'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

export const attributeSpecSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(64),
  mutable: z.boolean().optional().default(false),
  input_type: z.enum(ATTRIBUTE_INPUT_TYPES).optional().default('text'),
  default_value: z.string().max(128).optional().default(''),
  values: z.array(z.string().max(200)).optional().default([]),
});
export type AttributeSpec = z.output<typeof attributeSpecSchema>;

const labelFields = {
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(64),
  /** `#rrggbb`; '' = not chosen (CVAT derives one from the name). */
  color: z.union([z.literal(''), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')]).optional().default(''),
  type: z.enum(LABEL_TYPES).optional().default('any'),
  attributes: z.array(attributeSpecSchema).optional().default([]),
};

export const sublabelSchema = z.object({ ...labelFields, parent_id: z.number().int().nullish() });
export type Sublabel = z.output<typeof sublabelSchema>;

export const labelSchema = z.object({
  ...labelFields,
  /** Skeleton labels only: CVAT's SVG of nodes (`data-label-id` / `data-label-name`) and edges. */
  svg: z.string().optional(),
  sublabels: z.array(sublabelSchema).optional().default([]),
});
export type Label = z.output<typeof labelSchema>;
