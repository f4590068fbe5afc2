// Builds a Dataset while reading a format: assigns label, sub-label and attribute-spec ids, finds frames by name,
// and collects annotations, so every reader gets the same id scheme (labels numbered from 1 in creation order).
import type { AttributeSpec, Label, LabelType, Sublabel } from './model/labels.js';
import type { Frame, TaskMeta } from './model/frames.js';
import type { Dataset } from './model/dataset.js';
import { emptyDataset } from './model/dataset.js';

export interface LabelInit {
  color?: string;
  type?: LabelType;
  attributes?: Array<Partial<Omit<AttributeSpec, 'id'>> & { name: string }>;
  svg?: string;
}

export class DatasetBuilder {
  readonly dataset: Dataset = emptyDataset();
  private nextLabelId = 1;
  private nextSpecId = 1;
  private readonly labelsByName = new Map<string, Label>();
  private readonly labelsById = new Map<number, Label | Sublabel>();
  private readonly framesByName = new Map<string, Frame>();

  setMeta(meta: Partial<TaskMeta>): void {
    Object.assign(this.dataset.meta, meta);
  }

  /** Returns the top-level label with this name, creating it if needed. */
  label(name: string, init: LabelInit = {}): Label {
    let label = this.labelsByName.get(name);
    if (!label) {
      label = { id: this.nextLabelId++, name, color: init.color ?? '', type: init.type ?? 'any', attributes: [], sublabels: [] };
      if (init.svg !== undefined) label.svg = init.svg;
      this.labelsByName.set(name, label);
      this.labelsById.set(label.id, label);
      this.dataset.labels.push(label);
    } else {
      if (init.color && !label.color) label.color = init.color;
      if (init.type && label.type === 'any') label.type = init.type;
      if (init.svg !== undefined && label.svg === undefined) label.svg = init.svg;
    }
    for (const attribute of init.attributes ?? []) this.attribute(label, attribute.name, attribute);
    return label;
  }

  findLabel(name: string): Label | undefined {
    return this.labelsByName.get(name);
  }

  labelById(id: number): Label | Sublabel | undefined {
    return this.labelsById.get(id);
  }

  /** Returns the sub-label of a skeleton label with this name, creating it if needed. */
  sublabel(parent: Label, name: string, init: Omit<LabelInit, 'svg'> = {}): Sublabel {
    let sublabel = parent.sublabels.find((candidate) => candidate.name === name);
    if (!sublabel) {
      sublabel = { id: this.nextLabelId++, name, color: init.color ?? '', type: init.type ?? 'points', attributes: [], parent_id: parent.id };
      parent.sublabels.push(sublabel);
      this.labelsById.set(sublabel.id, sublabel);
      if (parent.type === 'any') parent.type = 'skeleton';
    }
    for (const attribute of init.attributes ?? []) this.attribute(sublabel, attribute.name, attribute);
    return sublabel;
  }

  /** Returns the attribute spec of a label with this name, creating it if needed. */
  attribute(label: Label | Sublabel, name: string, init: Partial<Omit<AttributeSpec, 'id' | 'name'>> = {}): AttributeSpec {
    let spec = label.attributes.find((candidate) => candidate.name === name);
    if (!spec) {
      spec = {
        id: this.nextSpecId++,
        name,
        mutable: init.mutable ?? false,
        input_type: init.input_type ?? 'text',
        default_value: init.default_value ?? '',
        values: init.values ?? [],
      };
      label.attributes.push(spec);
    } else if (init.values) {
      for (const value of init.values) if (!spec.values.includes(value)) spec.values.push(value);
    }
    return spec;
  }

  /**
   * Returns the frame with this name in this subset, adding it (with the next index) if needed. Frames are keyed by
   * subset and name, since two subsets of a project may hold files of the same name.
   */
  frame(name: string, init: Partial<Omit<Frame, 'index' | 'name'>> = {}): Frame {
    const key = frameKey(name, init.subset ?? '');
    let frame = this.framesByName.get(key);
    if (!frame) {
      frame = { index: this.dataset.frames.length, name, subset: init.subset ?? '' };
      this.framesByName.set(key, frame);
      this.dataset.frames.push(frame);
    }
    if (init.width !== undefined && frame.width === undefined) frame.width = init.width;
    if (init.height !== undefined && frame.height === undefined) frame.height = init.height;
    if (init.image && !frame.image) frame.image = init.image;
    return frame;
  }

  findFrame(name: string, subset = ''): Frame | undefined {
    return this.framesByName.get(frameKey(name, subset));
  }

  build(): Dataset {
    return this.dataset;
  }
}

function frameKey(name: string, subset: string): string {
  return `${subset}\u0000${name}`;
}

/** Every label and sub-label of a dataset by id. */
export function indexLabels(labels: readonly Label[]): Map<number, Label | Sublabel> {
  const index = new Map<number, Label | Sublabel>();
  for (const label of labels) {
    index.set(label.id, label);
    for (const sublabel of label.sublabels) index.set(sublabel.id, sublabel);
  }
  return index;
}

/** Every attribute spec of a dataset by id, with the label that owns it. */
export function indexAttributeSpecs(labels: readonly Label[]): Map<number, { spec: AttributeSpec; label: Label | Sublabel }> {
  const index = new Map<number, { spec: AttributeSpec; label: Label | Sublabel }>();
  for (const label of labels) {
    for (const spec of label.attributes) index.set(spec.id, { spec, label });
    for (const sublabel of label.sublabels) for (const spec of sublabel.attributes) index.set(spec.id, { spec, label: sublabel });
  }
  return index;
}
