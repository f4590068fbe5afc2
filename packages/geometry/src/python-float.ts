// Python's float semantics where CVAT's server arithmetic depends on them (floor modulo, degrees / radians).

/** Python's `a % b` for floats: the result has the sign of `b`. */
export function pythonModulo(a: number, b: number): number {
  let result = a % b;
  if (result !== 0) {
    if (b < 0 !== result < 0) result += b;
  } else result = b < 0 ? -0 : 0;
  return result;
}

const RADIANS_TO_DEGREES = 180 / Math.PI;
const DEGREES_TO_RADIANS = Math.PI / 180;

/** `math.degrees` (CPython multiplies by 180/π). */
export function degrees(radians: number): number {
  return radians * RADIANS_TO_DEGREES;
}

/** `math.radians` (CPython multiplies by π/180). */
export function radians(angle: number): number {
  return angle * DEGREES_TO_RADIANS;
}

/** Deep equality as Python's `==` sees JSON-like values (numbers and booleans compare by value). */
export function pythonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean'))
    return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pythonEqual(a[i], b[i])) return false;
    return true;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!Object.hasOwn(b, key)) return false;
      if (!pythonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return false;
}
