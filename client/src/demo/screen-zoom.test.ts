import { describe, expect, it } from 'vitest';
import { screenZoom } from './screen-zoom.js';

describe('screenZoom', () => {
  it.each([
    ['the stand screen it is written for', 1920, 1080, 11.2],
    ['a 4K stand screen: one level in', 3840, 2160, 12.2],
    ['a 1280×720 laptop', 1280, 720, 11.2 + Math.log2(2 / 3)],
    ['a wider screen keeps the height in view', 2560, 1080, 11.2],
    ['a phone: out, but by two levels at most', 390, 844, 9.2],
    ['no size known yet', 0, 0, 11.2],
  ])('%s', (_name, w, h, zoom) => {
    expect(screenZoom(11.2, w, h)).toBeCloseTo(zoom, 6);
  });
});
