// Number conventions of CVAT's COCO files: Datumaro rounds every coordinate to 2 decimals with Python's round(),
// and writes floats the way Python's JSON writer does (integral floats keep a `.0`).

/** Python's round(value, 2): correct rounding of the exact binary value, ties (k/8 values) to even. */
export function round2(value: number): number {
  const quick = Math.round(value * 100) / 100;
  // Values already on the 2-decimal grid (nearly all real data) come back unchanged from both rules.
  if (quick === value) return value;
  const scaled = value * 100;
  if (Number.isInteger(value * 8) && Number.isInteger(scaled * 2) && !Number.isInteger(scaled)) {
    // An exact tie: Python rounds half to even.
    const lower = Math.floor(scaled);
    return (lower % 2 === 0 ? lower : lower + 1) / 100;
  }
  return Number(value.toFixed(2));
}

/** A float as Python's JSON writer prints it: `3.0` for integral values, the shortest round-trip form otherwise. */
export function formatFloat(value: number): string {
  // Fast path for values on the 2-decimal grid (all rounded coordinates): integer formatting is far cheaper than
  // the shortest-digits algorithm, and for |value| < 1e13 the grid value's own decimals are its shortest form.
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 === value && hundredths < 1e15 && hundredths > -1e15) {
    const sign = hundredths < 0 || Object.is(value, -0) ? '-' : '';
    const magnitude = Math.abs(hundredths);
    const whole = Math.floor(magnitude / 100);
    const fraction = magnitude - whole * 100;
    if (fraction === 0) return `${sign}${whole}.0`;
    if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
    return `${sign}${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

/** An array of floats as JSON (`[1.0,2.5]`), without intermediate arrays of strings for long inputs. */
export function formatFloatArray(values: ArrayLike<number>): string {
  let text = '[';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) text += ',';
    text += formatFloat(values[index]!);
  }
  return `${text}]`;
}
