// Ordering and numbering of file names, shared by the MOT and MOTS readers and writers.

/** Orders names with digit runs compared as numbers (`2` before `10`), then by code point. */
export function naturalCompare(a: string, b: string): number {
  const pattern = /(\d+)|(\D+)/g;
  const partsA = a.match(pattern) ?? [];
  const partsB = b.match(pattern) ?? [];
  for (let index = 0; index < Math.min(partsA.length, partsB.length); index++) {
    const left = partsA[index]!;
    const right = partsB[index]!;
    if (left === right) continue;
    const leftDigits = /^\d/.test(left);
    const rightDigits = /^\d/.test(right);
    if (leftDigits && rightDigits) {
      const difference = Number(left) - Number(right);
      if (difference !== 0) return difference;
    }
    return left < right ? -1 : 1;
  }
  return partsA.length - partsB.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** `000001` for 1: MOT's six-digit frame file names. */
export function pad6(value: number): string {
  return String(value).padStart(6, '0');
}
