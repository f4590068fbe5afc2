// The label facts CVAT checks when annotations are saved: which label ids exist (sub-labels included) and which
// attribute spec ids each label accepts, per kind of object (CVAT-MODEL.md §2.2, `_validate_*_for_existence`).
import type { AttributeSpec, Label, Sublabel } from '../model/labels.js';

/** Which attribute specs an object may carry: tags, shapes and elements any; tracks immutable; keyframes mutable. */
export type SpecKind = 'all' | 'immutable' | 'mutable';

export class LabelIndex {
  private readonly labels = new Map<number, Label | Sublabel>();
  private readonly specs = new Map<number, { all: Set<number>; immutable: Set<number>; mutable: Set<number> }>();

  constructor(labels: readonly Label[]) {
    for (const label of labels) {
      this.add(label);
      for (const sublabel of label.sublabels ?? []) this.add(sublabel);
    }
  }

  private add(label: Label | Sublabel): void {
    this.labels.set(label.id, label);
    const entry = { all: new Set<number>(), immutable: new Set<number>(), mutable: new Set<number>() };
    for (const spec of label.attributes) {
      entry.all.add(spec.id);
      (spec.mutable ? entry.mutable : entry.immutable).add(spec.id);
    }
    this.specs.set(label.id, entry);
  }

  hasLabel(labelId: number): boolean {
    return this.labels.has(labelId);
  }

  label(labelId: number): Label | Sublabel | undefined {
    return this.labels.get(labelId);
  }

  hasSpec(labelId: number, specId: number, kind: SpecKind): boolean {
    return this.specs.get(labelId)?.[kind].has(specId) ?? false;
  }

  /** The label's attribute specs of one kind, in the label's order (used to complete attributes on read). */
  specsOf(labelId: number, kind: SpecKind): AttributeSpec[] {
    const label = this.labels.get(labelId);
    if (!label) return [];
    if (kind === 'all') return label.attributes;
    return label.attributes.filter((spec) => spec.mutable === (kind === 'mutable'));
  }
}
