import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFloat, formatFloatArray, round2 } from './numbers.js';

describe('round2', () => {
  it('matches the correctly rounded decimal of the exact value', () => {
    expect(round2(1.234)).toBe(1.23);
    expect(round2(1.005)).toBe(1); // 1.005 is stored as 1.00499999999999989…
    expect(round2(2.675)).toBe(2.67);
    expect(round2(-1.236)).toBe(-1.24);
  });
  it('rounds exact ties to even as Python does', () => {
    expect(round2(0.125)).toBe(0.12);
    expect(round2(0.375)).toBe(0.38);
    expect(round2(-0.625)).toBe(-0.62);
  });
  it('keeps values already on the 2-decimal grid and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        const once = round2(value);
        expect(round2(once)).toBe(once);
        expect(Math.abs(once - value)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('formatFloat', () => {
  it('writes integral floats with .0 and others in shortest form', () => {
    expect(formatFloat(3)).toBe('3.0');
    expect(formatFloat(-2)).toBe('-2.0');
    expect(formatFloat(0.1)).toBe('0.1');
    expect(formatFloat(12.25)).toBe('12.25');
    expect(formatFloatArray([1, 2.5])).toBe('[1.0,2.5]');
    expect(formatFloatArray([])).toBe('[]');
  });
});

describe('formatFloat fast path', () => {
  it('prints every 2-decimal value as the shortest round-trip form would', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (hundredths) => {
        const value = hundredths / 100;
        const text = formatFloat(value);
        expect(Number(text)).toBe(value);
        const plain = String(value);
        expect(text).toBe(Number.isInteger(value) ? `${plain}.0` : plain);
      }),
      { numRuns: 2000 },
    );
    expect(formatFloat(-0)).toBe('-0.0');
    expect(formatFloat(-0.5)).toBe('-0.5');
    expect(formatFloat(0.07)).toBe('0.07');
    expect(formatFloat(1 / 3)).toBe(String(1 / 3));
  });
});
