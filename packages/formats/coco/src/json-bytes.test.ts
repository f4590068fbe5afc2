// JsonBytes must print exactly what the string formatting prints: floats as formatFloat, integers and text as
// JavaScript and UTF-8 do.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonBytes } from './json-bytes.js';
import { formatFloat, formatFloatArray, round2 } from './numbers.js';

const decoder = new TextDecoder();
const printed = (write: (out: JsonBytes) => void, capacity = 8): string => {
  const out = new JsonBytes(capacity);
  write(out);
  return decoder.decode(out.take());
};

describe('JsonBytes', () => {
  it('prints floats as formatFloat does', () => {
    const value = fc.oneof(
      fc.double(),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(round2),
      fc.integer({ min: -1e9, max: 1e9 }).map((v) => v / 100),
      fc.constantFrom(0, -0, 1e13, -1e13 - 0.01, 1e15, 1e16, 1e21, 0.1 + 0.2, 5e-324),
    );
    fc.assert(fc.property(value, (v) => {
      expect(printed((out) => out.float(v))).toBe(formatFloat(v));
    }), { numRuns: 20000 });
    fc.assert(fc.property(fc.array(value), (values) => {
      expect(printed((out) => out.floatArray(values))).toBe(formatFloatArray(values));
    }));
  });

  it('prints integers and other numbers as JavaScript does', () => {
    const value = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(0, -0, 2 ** 53, 4294967295));
    fc.assert(fc.property(value, (v) => {
      expect(printed((out) => out.int(v))).toBe(`${v}`);
    }), { numRuns: 10000 });
  });

  it('encodes text as UTF-8 and grows past its capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (texts) => {
        expect(printed((out) => texts.forEach((text) => out.text(JSON.stringify(text))), 4)).toBe(texts.map((text) => JSON.stringify(text)).join(''));
      }),
    );
    expect(printed((out) => out.text('"Ünïcode ✓ 🚗"'))).toBe('"Ünïcode ✓ 🚗"');
  });
});
