// Format options given as `name=value` pairs (CLI `--option`, HTTP query): checked against the options the
// formats declare and turned into typed values, so a typo is an error instead of a silently ignored setting.
import type { FormatPlugin, OptionSpec } from '@annoconv/core';
import { AnnoconvError } from '@annoconv/core';

/** Options every reader understands without declaring them (core ReadOptions), with CVAT's spelling as alias. */
const commonOptions: OptionSpec[] = [
  { name: 'convMaskToPoly', type: 'boolean', description: "CVAT's conv_mask_to_poly: turn masks into polygons on import" },
];
const aliases: Record<string, string> = { conv_mask_to_poly: 'convMaskToPoly' };

/** Every option the given formats accept, common ones first, each name once. */
export function optionSpecs(plugins: readonly FormatPlugin[]): OptionSpec[] {
  const byName = new Map<string, OptionSpec>();
  for (const spec of [...commonOptions, ...plugins.flatMap((plugin) => plugin.options ?? [])]) if (!byName.has(spec.name)) byName.set(spec.name, spec);
  return [...byName.values()];
}

/**
 * Checks option names against the formats' specs and converts string values to the declared type
 * ('true' / 'false' / '1' / '0' for booleans). Throws AnnoconvError 'invalid-request' naming the option.
 */
export function resolveFormatOptions(raw: Record<string, unknown>, plugins: readonly FormatPlugin[]): Record<string, unknown> {
  const specs = new Map(optionSpecs(plugins).map((spec) => [spec.name, spec]));
  const resolved: Record<string, unknown> = {};
  for (const [givenName, value] of Object.entries(raw)) {
    const name = aliases[givenName] ?? givenName;
    const spec = specs.get(name);
    if (!spec) {
      const known = [...specs.keys()].join(', ');
      throw new AnnoconvError('invalid-request', `unknown option '${givenName}' for ${plugins.map((plugin) => plugin.id).join(' → ')}; known options: ${known}`);
    }
    resolved[name] = coerce(spec, givenName, value);
  }
  return resolved;
}

function coerce(spec: OptionSpec, givenName: string, value: unknown): boolean | string | number {
  const invalid = (): never => {
    throw new AnnoconvError('invalid-request', `option '${givenName}' expects a ${spec.type}, got '${String(value)}'`);
  };
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lowered = value.trim().toLowerCase();
        if (lowered === 'true' || lowered === '1' || lowered === 'yes') return true;
        if (lowered === 'false' || lowered === '0' || lowered === 'no') return false;
      }
      return invalid();
    case 'number': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && value.trim() !== '') {
        const parsed = Number(value);
        if (Number.isFinite(parsed)) return parsed;
      }
      return invalid();
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return invalid();
  }
}
