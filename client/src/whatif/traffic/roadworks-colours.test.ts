import { describe, expect, it } from 'vitest';
import { UTCI_CATEGORIES } from '../../../../common/models/heat.js';
import { LOS_COLORS, type Rgb } from '../../map/colors.js';
import { deltaE, deuteranopia } from '../../map/colour-vision.js';
import { ROADWORKS_DIFF_STOPS } from './roadworks-layers.js';

/** Below this two colours on the map may be taken for one another (CIE76; 10 reads as different). */
const MIN_DELTA_E = 12;
/** The scale this one replaced (ColorBrewer PuOr): its orange sat next to the UTCI orange. */
const PUOR: Rgb[] = [[33, 102, 172], [146, 197, 222], [225, 225, 225], [253, 184, 99], [230, 97, 1], [127, 39, 4]];

const scales: Array<[string, Rgb[]]> = [
  ['UTCI', UTCI_CATEGORIES.map((c) => c.color)],
  ['LOS', Object.values(LOS_COLORS)],
];
const closest = (colours: Rgb[], others: Rgb[], see: (c: Rgb) => Rgb) => Math.min(...colours.flatMap((c) => others.map((o) => deltaE(see(c), see(o)))));
const normal = (c: Rgb) => c;

describe('the roadworks travel-time colours', () => {
  it.each(scales.flatMap(([name, colours]) => [[name, 'normal vision', colours, normal] as const, [name, 'deuteranopia', colours, deuteranopia] as const]))(
    'stay apart from the %s scale in %s',
    (_name, _vision, colours, see) => {
      expect(closest(ROADWORKS_DIFF_STOPS.map(([, c]) => c), [...colours], see)).toBeGreaterThanOrEqual(MIN_DELTA_E);
    },
  );

  it('would have caught the old PuOr scale (its orange ΔE 9 from the UTCI orange, its blue against LOS under deuteranopia)', () => {
    expect(deltaE(PUOR[4], UTCI_CATEGORIES.find((c) => c.id === 'strong-heat-stress')!.color)).toBeLessThan(MIN_DELTA_E);
    expect(closest(PUOR, UTCI_CATEGORIES.map((c) => c.color), normal)).toBeLessThan(MIN_DELTA_E);
    expect(closest(PUOR, Object.values(LOS_COLORS), deuteranopia)).toBeLessThan(MIN_DELTA_E);
  });

  it('grow darker the slower a link gets, so the order reads without hue', () => {
    const slower = ROADWORKS_DIFF_STOPS.filter(([v]) => v >= 0).map(([, c]) => c[0] + c[1] + c[2]);
    expect(slower).toEqual([...slower].sort((a, b) => b - a));
    expect(new Set(slower).size).toBe(slower.length);
  });
});
