import { describe, expect, it } from 'vitest';
import { carParkScale } from './parking-layers.js';

describe('carParkScale', () => {
  it.each([
    [14, 1],
    [11, 1], // the whole city on a desk screen keeps the full size
    [10.9, 1], // in half levels: a small zoom does not resize them
    [10.5, 2 ** -0.25],
    [10, Math.SQRT1_2], // a phone's city view
    [9, 0.5],
  ])('at zoom %s the squares are drawn at %s of their size', (zoom, scale) => {
    expect(carParkScale(zoom)).toBeCloseTo(scale, 9);
  });
});
