// Reads `<meta>`: the task / job / project description and its labels (FORMATS.md sheet B §1.3–1.4). Only what
// the model holds is kept; timestamps, owners, segments and URLs are read and left out.
import { ParseError } from '@annoconv/core';
import type { TaskMeta } from '@annoconv/core';
import { child, childText, type XmlElement } from './xml-element.js';
import { labelElementSchema, parseFrameStep, type LabelElement } from './schema.js';

export interface MetaInfo {
  kind: 'task' | 'job' | 'project' | 'none';
  task: Partial<TaskMeta>;
  /** Task `size`: the number of frames (also for video tasks, where no `<image>` is written). */
  size?: number;
  /** The task's subset (`default` means none). */
  subset?: string;
  /** Video tasks: the frame size. */
  originalSize?: { width: number; height: number };
  labels: LabelElement[];
  /** Project exports: the task ids with their subset, start frame and step. */
  tasks: Array<{ id: string; subset: string; startFrame: number; frameStep: number; size?: number }>;
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

function readLabels(labels: XmlElement | undefined, file: string): LabelElement[] {
  if (!labels) return [];
  const result: LabelElement[] = [];
  for (const label of labels.children) {
    if (label.name !== 'label') continue;
    const attributes = (child(label, 'attributes')?.children ?? [])
      .filter((attribute) => attribute.name === 'attribute')
      .map((attribute) => {
        const values = childText(attribute, 'values') ?? '';
        const inputType = (childText(attribute, 'input_type') ?? 'text').trim();
        return {
          name: childText(attribute, 'name') ?? '',
          // CVAT writes Python's str(bool): `True` / `False`.
          mutable: (childText(attribute, 'mutable') ?? '').trim().toLowerCase() === 'true',
          input_type: inputType === '' ? 'text' : inputType,
          default_value: childText(attribute, 'default_value') ?? '',
          // CVAT stores the values newline-joined (`AttributeSpec.values`).
          values: values === '' ? [] : values.split('\n'),
        };
      });
    const candidate = {
      name: childText(label, 'name') ?? '',
      color: childText(label, 'color'),
      type: childText(label, 'type')?.trim() || undefined,
      parent: childText(label, 'parent'),
      svg: childText(label, 'svg'),
      attributes,
    };
    const parsed = labelElementSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ParseError(`invalid label: ${issue.path.join('.')}${issue.path.length ? ': ' : ''}${issue.message}`, { file, line: label.line, element: label.path });
    }
    result.push(parsed.data);
  }
  return result;
}

function readTaskFields(task: XmlElement): Pick<MetaInfo, 'task' | 'size' | 'subset' | 'originalSize'> {
  const meta: Partial<TaskMeta> = {};
  const name = childText(task, 'name');
  if (name !== undefined) meta.name = name;
  const mode = childText(task, 'mode')?.trim();
  if (mode === 'annotation' || mode === 'interpolation') meta.mode = mode;
  const start = integer(childText(task, 'start_frame'));
  if (start !== undefined) meta.startFrame = start;
  const stop = integer(childText(task, 'stop_frame'));
  if (stop !== undefined) meta.stopFrame = stop;
  meta.frameStep = parseFrameStep(childText(task, 'frame_filter'));
  const overlap = integer(childText(task, 'overlap'));
  if (overlap !== undefined) meta.overlap = overlap;
  const result: Pick<MetaInfo, 'task' | 'size' | 'subset' | 'originalSize'> = { task: meta };
  const size = integer(childText(task, 'size'));
  if (size !== undefined) result.size = size;
  const subset = childText(task, 'subset');
  if (subset !== undefined) result.subset = subset;
  const original = child(task, 'original_size');
  if (original) {
    const width = integer(childText(original, 'width'));
    const height = integer(childText(original, 'height'));
    if (width && height) result.originalSize = { width, height };
  }
  return result;
}

/** Reads a `<meta>` element. */
export function readMeta(meta: XmlElement, file: string): MetaInfo {
  const task = child(meta, 'task');
  const job = child(meta, 'job');
  const project = child(meta, 'project');
  if (project) {
    const tasks = (child(project, 'tasks')?.children ?? [])
      .filter((element) => element.name === 'task')
      .map((element) => {
        const fields = readTaskFields(element);
        return {
          id: (childText(element, 'id') ?? '').trim(),
          subset: fields.subset ?? '',
          startFrame: fields.task.startFrame ?? 0,
          frameStep: fields.task.frameStep ?? 1,
          ...(fields.size !== undefined ? { size: fields.size } : {}),
        };
      });
    const name = childText(project, 'name');
    return { kind: 'project', task: name !== undefined ? { name } : {}, labels: readLabels(child(project, 'labels'), file), tasks };
  }
  const owner = task ?? job;
  if (!owner) return { kind: 'none', task: {}, labels: [], tasks: [] };
  const fields = readTaskFields(owner);
  // Job exports write <original_size> as a sibling of <job>.
  if (!fields.originalSize && job) {
    const original = child(meta, 'original_size');
    const width = integer(original ? childText(original, 'width') : undefined);
    const height = integer(original ? childText(original, 'height') : undefined);
    if (width && height) fields.originalSize = { width, height };
  }
  return { kind: task ? 'task' : 'job', ...fields, labels: readLabels(child(owner, 'labels'), file), tasks: [] };
}
