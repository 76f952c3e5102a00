import { describe, expect, it } from 'vitest';
import { streetBayCellM } from './generated-layers.js';

/** metres per screen pixel at Bochum's latitude (maplibre's 512 px tiles) */
const metresPerPx = (zoom: number) => (40_075_016.7 * Math.cos((51.48 * Math.PI) / 180)) / (512 * 2 ** zoom);

describe('streetBayCellM: the street-bay grid keeps its cells about 10 px across', () => {
  it.each([
    { zoom: 9, cell: 500 },
    // a phone's whole-city view (390 px wide)
    { zoom: 9.9, cell: 500 },
    { zoom: 10.49, cell: 500 },
    { zoom: 10.5, cell: 250 },
    // a desk's whole-city view (1920 px wide)
    { zoom: 11, cell: 250 },
    { zoom: 14.9, cell: 250 },
  ])('zoom $zoom: $cell m', ({ zoom, cell }) => {
    expect(streetBayCellM(zoom)).toBe(cell);
  });

  it.each([9.9, 10.2, 10.5, 11, 11.4])('zoom %f: 7 to 15 px a cell', (zoom) => {
    const px = streetBayCellM(zoom) / metresPerPx(zoom);
    expect(px).toBeGreaterThanOrEqual(7);
    expect(px).toBeLessThanOrEqual(15);
  });
});
