import { describe, expect, it } from 'vitest';
import { LineIndex, elementPath } from './text-positions.js';

describe('text positions', () => {
  it('gives 1-based lines of offsets', () => {
    const lines = new LineIndex('a\nbc\n\nd');
    expect([0, 1, 2, 4, 5, 6].map((offset) => lines.lineAt(offset))).toEqual([1, 1, 2, 2, 3, 4]);
  });
  it('turns model paths into XML element paths', () => {
    expect(elementPath(['annotation', 'object', 2, 'bndbox'])).toBe('annotation/object[3]/bndbox');
    expect(elementPath([])).toBe('');
  });
});
