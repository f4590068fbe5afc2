import { expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { pointsBounds } from './points-bounds.js';

it('bounds the whole points and ignores a trailing odd coordinate', () => {
  expect(pointsBounds([5, 1, 9, 4, 2, 7, 100])).toEqual([2, 1, 9, 7]);
  expect(pointsBounds([])).toBeUndefined();
  expect(pointsBounds([3])).toBeUndefined();
});

test.prop([fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 50 })])(
  'holds every point and touches each side',
  (pairs) => {
    const [x1, y1, x2, y2] = pointsBounds(pairs.flat())!;
    for (const [x, y] of pairs) expect(x >= x1 && x <= x2 && y >= y1 && y <= y2).toBe(true);
    expect(pairs.some(([x]) => x === x1) && pairs.some(([x]) => x === x2) && pairs.some(([, y]) => y === y1) && pairs.some(([, y]) => y === y2)).toBe(true);
  },
);
