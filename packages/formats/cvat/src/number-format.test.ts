// Python's "{:.2f}" and int() as CVAT's dumper prints numbers.
import { describe, expect, it } from 'vitest';
import { formatFixed2, formatInt } from './number-format.js';

describe('formatFixed2', () => {
  it('matches Python on ordinary values', () => {
    expect([0, 1, 1.5, 3.14159, 100, -2.005, 1e6, 0.1 + 0.2].map(formatFixed2)).toEqual(['0.00', '1.00', '1.50', '3.14', '100.00', '-2.00', '1000000.00', '0.30']);
  });

  it('breaks exact binary ties to even as Python does', () => {
    // 0.125, 0.375, 2.675 (not exact: 2.67499…), -0.125, 1.625
    expect([0.125, 0.375, 2.675, -0.125, 1.625, 0.625].map(formatFixed2)).toEqual(['0.12', '0.38', '2.67', '-0.12', '1.62', '0.62']);
  });

  it('keeps the sign of negative zero like Python', () => {
    expect(formatFixed2(-0)).toBe('-0.00');
    expect(formatFixed2(-0.001)).toBe('-0.00');
  });
});

describe('formatInt', () => {
  it('truncates toward zero', () => {
    expect([3.9, -3.9, -0.5, 7].map(formatInt)).toEqual(['3', '-3', '0', '7']);
  });
});
