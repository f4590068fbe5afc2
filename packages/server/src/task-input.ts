// The JSON body that creates a task (name, labels with attribute specs and skeleton sub-labels, frames with
// names and sizes, segment_size, overlap) and its conversion into labels with ids, as CVAT assigns them.
import { z } from 'zod';
import { ATTRIBUTE_INPUT_TYPES, DatasetBuilder, LABEL_TYPES, TASK_MODES, type Frame, type Label } from '@annoconv/core';

const attributeInput = z.object({
  name: z.string().min(1).max(64),
  mutable: z.boolean().optional().default(false),
  input_type: z.enum(ATTRIBUTE_INPUT_TYPES).optional().default('text'),
  default_value: z.string().max(128).optional().default(''),
  values: z.array(z.string().max(200)).optional().default([]),
});

const labelBase = {
  name: z.string().min(1).max(64),
  color: z.union([z.literal(''), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')]).optional().default(''),
  type: z.enum(LABEL_TYPES).optional(),
  attributes: z.array(attributeInput).optional().default([]),
};

const labelInput = z.object({
  ...labelBase,
  svg: z.string().max(1_000_000).optional(),
  sublabels: z.array(z.object(labelBase)).optional().default([]),
});

export const taskInputSchema = z.object({
  name: z.string().min(1).max(256),
  labels: z.array(labelInput).min(1, 'a task needs at least one label'),
  frames: z
    .array(
      z.object({
        name: z.string().min(1).max(1024),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
      }),
    )
    .min(1, 'a task needs at least one frame'),
  segment_size: z.number().int().nonnegative().optional().default(0),
  overlap: z.number().int().nonnegative().nullish(),
  mode: z.enum(TASK_MODES).optional().default('annotation'),
  subset: z.string().max(64).optional().default(''),
});
export type TaskInput = z.output<typeof taskInputSchema>;

/** Labels with ids (1, 2, … in order; sub-labels after their parent) and attribute specs with ids. */
export function buildLabels(input: TaskInput['labels']): Label[] {
  const builder = new DatasetBuilder();
  const problems: string[] = [];
  const names = new Set<string>();
  for (const labelSpec of input) {
    if (names.has(labelSpec.name)) problems.push(`label '${labelSpec.name}' is defined twice`);
    names.add(labelSpec.name);
    const type = labelSpec.type ?? (labelSpec.sublabels.length > 0 ? 'skeleton' : 'any');
    const label = builder.label(labelSpec.name, { color: labelSpec.color, type, attributes: labelSpec.attributes, ...(labelSpec.svg !== undefined ? { svg: labelSpec.svg } : {}) });
    const subNames = new Set<string>();
    for (const sub of labelSpec.sublabels) {
      if (subNames.has(sub.name)) problems.push(`sub-label '${sub.name}' of '${labelSpec.name}' is defined twice`);
      subNames.add(sub.name);
      builder.sublabel(label, sub.name, { color: sub.color, type: sub.type ?? 'points', attributes: sub.attributes });
    }
    // CVAT rewrites each node's data-label-name="NAME" to data-label-id="<sub-label id>" (CVAT-MODEL.md §1.9).
    if (label.svg !== undefined)
      label.svg = label.svg.replace(/data-label-name="([^"]*)"/g, (match, name: string) => {
        const sub = label.sublabels.find((candidate) => candidate.name === name);
        return sub ? `data-label-id="${sub.id}"` : match;
      });
  }
  if (problems.length > 0) throw new TaskInputError({ labels: problems });
  return builder.dataset.labels;
}

export function buildFrames(input: TaskInput['frames'], subset: string): Frame[] {
  return input.map((frame, index) => ({ index, name: frame.name, subset, ...(frame.width !== undefined ? { width: frame.width } : {}), ...(frame.height !== undefined ? { height: frame.height } : {}) }));
}

/** A task body CVAT would refuse with 400; `body` is the DRF-style error JSON. */
export class TaskInputError extends Error {
  constructor(readonly body: unknown) {
    super(`invalid task: ${JSON.stringify(body)}`);
  }
}
