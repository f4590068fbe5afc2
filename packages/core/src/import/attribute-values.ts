// Attribute values between the model's `{spec_id, value}` strings and the typed name → value maps that
// Datumaro-style formats carry, with CVAT's coercions (number → float, checkbox → bool, else string).
import type { AttributeVal } from '../model/annotations.js';
import type { AttributeSpec, Label, Sublabel } from '../model/labels.js';

/** The typed value CVAT's exporter hands to Datumaro for an attribute. */
export function typedAttributeValue(spec: AttributeSpec, value: string): string | number | boolean {
  if (spec.input_type === 'number') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  if (spec.input_type === 'checkbox') return value.toLowerCase() === 'true';
  return value;
}

/** Every attribute of the label with the object's value or the spec's default, typed; in spec order. */
export function attributesForExport(label: Label | Sublabel, values: readonly AttributeVal[]): Array<{ spec: AttributeSpec; value: string | number | boolean }> {
  const byId = new Map(values.map((attribute) => [attribute.spec_id, attribute.value]));
  return label.attributes.map((spec) => ({ spec, value: typedAttributeValue(spec, byId.get(spec.id) ?? spec.default_value) }));
}

/** A file's value as the model stores it: Python-like strings for booleans (`true` → 'true' for checkboxes). */
export function attributeValueFromFile(spec: AttributeSpec, value: unknown): string {
  if (spec.input_type === 'checkbox') {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return value ? 'true' : 'false';
    return String(value).toLowerCase();
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The names CVAT consumes as shape properties on import instead of attributes. */
export const CVAT_INTERNAL_ATTRIBUTES: ReadonlySet<string> = new Set(['occluded', 'outside', 'keyframe', 'track_id', 'rotation', 'source']);
