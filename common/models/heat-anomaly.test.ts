import { describe, expect, it } from 'vitest';
import { cityMeanOfField, insideRings } from './heat-anomaly.js';

const square: Array<[number, number]> = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
const hole: Array<[number, number]> = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];

describe('heat anomaly', () => {
  it('takes the area mean of the field: a uniform field is its own mean, two symmetric stations meet in the middle', () => {
    const cells = [];
    for (let x = 0.5; x < 10; x++) for (let y = 0.5; y < 10; y++) cells.push({ x, y });
    expect(cityMeanOfField([{ x: 3, y: 3, value: 40 }], cells)).toBe(40);
    expect(cityMeanOfField([{ x: 0, y: 5, value: 30 }, { x: 10, y: 5, value: 40 }], cells)).toBeCloseTo(35, 9);
    expect(cityMeanOfField([], cells)).toBeNaN();
  });

  it.each([
    [5, 2, true],
    [11, 5, false],
    [5, 5, false],
    [-1, -1, false],
  ])('tells whether (%d, %d) is inside a ring with a hole: %s', (x, y, expected) => {
    expect(insideRings([square, hole], x, y)).toBe(expected);
  });
});
