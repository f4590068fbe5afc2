// COCO's compressed RLE string (pycocotools `rleToString` / `rleFrString`): LEB128-like, 5 data bits per
// character plus a continuation bit, offset by 48, and counts from the fourth on stored as the difference with
// the count two places before.
import { GeometryError } from './geometry-error.js';
import { ScratchUint32 } from './scratch.js';

const countScratch = new ScratchUint32();
let charScratch = new Uint16Array(4096);
const CHUNK = 8192;

/** The compressed string of COCO RLE counts, byte-identical to pycocotools. */
export function rleToString(counts: ArrayLike<number>): string {
  const length = counts.length;
  // A 32-bit count (or a difference of two) takes at most 7 characters.
  if (charScratch.length < length * 7) charScratch = new Uint16Array(length * 7);
  const chars = charScratch;
  let p = 0;
  for (let i = 0; i < length; i++) {
    let x = counts[i];
    if (i > 2) x -= counts[i - 2];
    if (x >= -0x80000000 && x <= 0x7fffffff) {
      x |= 0;
      for (;;) {
        let c = x & 0x1f;
        x >>= 5;
        const more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        chars[p++] = c + 48;
        if (!more) break;
      }
    } else {
      // Beyond 32-bit signed values: the same arithmetic-shift scheme on exact integers.
      for (;;) {
        const quotient = Math.floor(x / 32);
        let c = x - quotient * 32;
        x = quotient;
        const more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        chars[p++] = c + 48;
        if (!more) break;
      }
    }
  }
  if (p <= CHUNK) return String.fromCharCode.apply(null, chars.subarray(0, p) as unknown as number[]);
  let text = '';
  for (let start = 0; start < p; start += CHUNK)
    text += String.fromCharCode.apply(null, chars.subarray(start, Math.min(p, start + CHUNK)) as unknown as number[]);
  return text;
}

/** The counts of a COCO compressed RLE string (pycocotools `rleFrString`); throws on characters outside '0'…'o'. */
export function rleFromString(text: string): Uint32Array {
  const length = text.length;
  const counts = countScratch.get(length);
  let m = 0;
  let p = 0;
  while (p < length) {
    let x = 0;
    let scale = 1;
    for (;;) {
      if (p >= length) throw new GeometryError('invalid-rle', `RLE string ends inside a number at character ${p}`);
      const c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 63)
        throw new GeometryError('invalid-rle', `invalid character ${JSON.stringify(text[p])} in RLE string at ${p}`);
      p++;
      x += (c & 0x1f) * scale;
      scale *= 32;
      if ((c & 0x20) === 0) {
        // Sign extension from bit 0x10 of the last group.
        if ((c & 0x10) !== 0) x -= scale;
        break;
      }
    }
    if (m > 2) x += counts[m - 2];
    // Stored as an unsigned 32-bit count, as pycocotools' `(uint) x` does.
    counts[m++] = x;
  }
  return counts.slice(0, m);
}
