import { describe, expect, it } from 'vitest';
import { ANCHOR_MARGIN, besideItsPoint } from './layer-context.js';

describe('besideItsPoint', () => {
  // deck.gl's collision filter samples ±2 device pixels around the anchor: the box must reach past it on the side of the offset
  it('pads the transparent background past the anchor on the side it is offset from', () => {
    expect(ANCHOR_MARGIN).toBeGreaterThanOrEqual(3);
    const { getPixelOffset, backgroundPadding: [left, top, right, bottom] } = besideItsPoint([8, 10]);
    expect(getPixelOffset).toEqual([8, 10]);
    expect(left - 8).toBe(ANCHOR_MARGIN);
    expect(top - 10).toBe(ANCHOR_MARGIN);
    expect([right, bottom]).toEqual([0, 0]);
    expect(besideItsPoint([0, -24]).backgroundPadding).toEqual([0, 0, 0, 24 + ANCHOR_MARGIN]);
  });
});
