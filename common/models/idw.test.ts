import { describe, expect, it } from 'vitest';
import { idw } from './idw.js';

describe('inverse distance weighting', () => {
  const samples = [
    { x: 0, y: 0, value: 20 },
    { x: 2, y: 0, value: 30 },
  ];

  it.each([
    // [x, y, expected]: exact at stations, mean at the midpoint, closer station dominates
    [0, 0, 20],
    [2, 0, 30],
    [1, 0, 25],
    // d1 = 0.5, d2 = 1.5: weights 4 and 0.444… → (80 + 13.333) / 4.444 = 21
    [0.5, 0, 21],
  ])('at (%d, %d) gives %d', (x, y, expected) => {
    expect(idw(samples, x, y)).toBeCloseTo(expected, 9);
  });

  it('stays within the range of the samples', () => {
    for (let x = -5; x <= 7; x += 0.37) {
      const v = idw(samples, x, 3.1);
      expect(v).toBeGreaterThanOrEqual(20);
      expect(v).toBeLessThanOrEqual(30);
    }
  });

  it('is NaN without samples', () => {
    expect(idw([], 0, 0)).toBeNaN();
  });
});
