import { describe, expect, it } from 'vitest';
import type { ChargingDerived } from '../../../../common/derived.js';
import { CHARGING_COLORS, NO_DATA_COLOR } from '../colors.js';
import { CHARGING_RIM, chargingSymbol } from './charging-layers.js';
import { SHAPE_ICONS, SYMBOL_OUTLINE } from './shape-icons.js';

const site = (available: number, charging: number, out_of_order = 0): ChargingDerived => ({
  kind: 'charging',
  total: available + charging + out_of_order,
  counts: { available, charging, reserved: 0, blocked: 0, out_of_order, unknown: 0 },
  powerKw: charging * 11,
});

describe('chargingSymbol', () => {
  it.each([
    ['3 of 4 free', site(3, 1), CHARGING_COLORS.someFree],
    ['1 of 4 free', site(1, 3), CHARGING_COLORS.fewFree],
    ['none free', site(0, 4), CHARGING_COLORS.noneFree],
    ['all out of order', site(0, 0, 2), CHARGING_COLORS.broken],
  ])('%s: a filled diamond in its grey on a white rim', (_, derived, color) => {
    const s = chargingSymbol(derived);
    expect(s.icon).toBe(SHAPE_ICONS.diamond);
    expect(s.color).toEqual(color);
    expect(s.rim).toEqual(CHARGING_RIM);
  });

  it('without current data: hatched, on the dark rim, so its grey does not pass for "< 1/3 free"', () => {
    const s = chargingSymbol(undefined);
    expect(s.icon).toBe(SHAPE_ICONS.diamondHatched);
    expect(s.color).toEqual(NO_DATA_COLOR);
    expect(s.rim).toEqual(SYMBOL_OUTLINE);
  });
});
