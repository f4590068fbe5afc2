// Numbers as CVAT's Python exporters print them: floats through str() (`12.0`, `59.08000000000004`), so the
// files match what CVAT writes byte for byte.

/** A float as Python's str() prints it: `12.0` for integral values, the shortest round-trip form otherwise. */
export function pythonFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return Object.is(value, -0) ? '-0.0' : `${value}.0`;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const text = String(value);
  // JavaScript writes 1e-7 where Python writes 1e-07.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
