// Number conventions of CVAT's VOC files: Datumaro rounds box corners to 2 decimals with Python's round() and writes
// floats as Python's str() does (integral floats keep a `.0`).

/** Python's round(value, 2): correct rounding of the exact binary value, exact ties (odd multiples of 1/8) to even. */
export function round2(value: number): number {
  const quick = Math.round(value * 100) / 100;
  if (quick === value) return value;
  if (Number.isInteger(value * 8) && !Number.isInteger(value * 4)) {
    const lower = Math.floor(value * 100);
    return (lower % 2 === 0 ? lower : lower + 1) / 100;
  }
  return Number(value.toFixed(2));
}

/** A float as Python's str() prints it: `12.0` for integral values, the shortest round-trip form otherwise. */
export function pythonFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return Object.is(value, -0) ? '-0.0' : `${value}.0`;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return String(value);
}
