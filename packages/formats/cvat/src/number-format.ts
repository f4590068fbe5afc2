// Numbers as CVAT writes them: Python's "{:.2f}" (round half to even on the exact binary value) for
// coordinates and rotation, Python's int() truncation for mask values.

/** Python's `'{:.2f}'.format(value)`. */
export function formatFixed2(value: number): string {
  if (Object.is(value, -0)) return '-0.00';
  const text = value.toFixed(2);
  // JavaScript breaks exact ties upward, Python to even. An exact tie at two decimals needs a value whose
  // binary expansion ends in 1/8 (x.xx5 exactly): only then can the two differ.
  const scaled = Math.abs(value) * 1000;
  if (Number.isInteger(scaled) && scaled % 10 === 5 && Number.isInteger(Math.abs(value) * 8)) {
    const lower = Math.floor(Math.abs(value) * 100);
    const rounded = lower % 2 === 0 ? lower : lower + 1;
    const magnitude = (rounded / 100).toFixed(2);
    return value < 0 ? `-${magnitude}` : magnitude;
  }
  return text;
}

/** Python's `int(value)` printed: truncation toward zero. */
export function formatInt(value: number): string {
  const truncated = Math.trunc(value);
  return String(Object.is(truncated, -0) ? 0 : truncated);
}
