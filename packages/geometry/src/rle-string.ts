// COCO's compressed RLE string (pycocotools `rleToString` / `rleFrString`): LEB128-like, 5 data bits per
// character plus a continuation bit, offset by 48, and counts from the fourth on stored as the difference with
// the count two places before.
import { GeometryError } from './geometry-error.js';
import { ScratchUint32 } from './scratch.js';

const countScratch = new ScratchUint32();
let charScratch = new Uint8Array(0);
// The characters are ASCII 48…111, valid UTF-8 as they stand: the native UTF-8 decoder copies them fastest.
let decoder: InstanceType<typeof TextDecoder> | undefined;

/** The compressed string of COCO RLE counts, byte-identical to pycocotools. */
export function rleToString(counts: ArrayLike<number>): string {
  const length = counts.length;
  // A 32-bit count (or a difference of two) takes at most 7 characters.
  if (charScratch.length < length * 7) charScratch = new Uint8Array(Math.max(length * 7, 4096));
  const chars = charScratch;
  let p = 0;
  for (let i = 0; i < length; i++) {
    let x = counts[i];
    if (i > 2) x -= counts[i - 2];
    // Most values (small counts, small differences) fit one character.
    if (x >= -16 && x < 16) {
      chars[p++] = (x & 0x1f) + 48;
      continue;
    }
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
  decoder ??= new TextDecoder();
  return decoder.decode(chars.subarray(0, p));
}

function invalidCharacter(text: string, p: number): GeometryError {
  if (p >= text.length) return new GeometryError('invalid-rle', `RLE string ends inside a number at character ${p}`);
  return new GeometryError('invalid-rle', `invalid character ${JSON.stringify(text[p])} in RLE string at ${p}`);
}

/** The counts of a COCO compressed RLE string (pycocotools `rleFrString`); throws on characters outside '0'…'o'. */
export function rleFromString(text: string): Uint32Array {
  const length = text.length;
  const counts = countScratch.get(length);
  let m = 0;
  let p = 0;
  // Every character code minus 48, OR-ed: anything outside 0…63 sets a bit above 63 (NaN past the end is
  // caught by p overshooting). Checked once at the end instead of per character.
  let seen = 0;
  while (p < length) {
    // 32-bit integer arithmetic for numbers of up to 6 characters (30 bits); longer ones are redone exactly.
    const begin = p;
    let x = 0;
    let shift = 0;
    for (;;) {
      const c = text.charCodeAt(p) - 48;
      seen |= c;
      p++;
      x |= (c & 0x1f) << shift;
      shift += 5;
      if ((c & 0x20) === 0) {
        // Sign extension from bit 0x10 of the last group.
        if ((c & 0x10) !== 0 && shift < 32) x |= -1 << shift;
        break;
      }
      if (shift === 30) {
        p = begin;
        x = readLongNumber(text, p);
        while ((text.charCodeAt(p) - 48) & 0x20) p++;
        p++;
        break;
      }
    }
    if (m > 2) x += counts[m - 2];
    // Stored as an unsigned 32-bit count, as pycocotools' `(uint) x` does.
    counts[m++] = x;
  }
  if ((seen & ~63) !== 0 || p > length) {
    for (let q = 0; q < length; q++) {
      const c = text.charCodeAt(q) - 48;
      if (!(c >= 0 && c <= 63)) throw invalidCharacter(text, q);
    }
    throw invalidCharacter(text, length);
  }
  return counts.slice(0, m);
}

/** One number of 7 or more characters, with exact (double) arithmetic. */
function readLongNumber(text: string, start: number): number {
  let x = 0;
  let scale = 1;
  for (let p = start; ; p++) {
    const c = text.charCodeAt(p) - 48;
    if (!(c >= 0 && c <= 63)) throw invalidCharacter(text, p);
    x += (c & 0x1f) * scale;
    scale *= 32;
    if ((c & 0x20) === 0) return (c & 0x10) !== 0 ? x - scale : x;
  }
}
