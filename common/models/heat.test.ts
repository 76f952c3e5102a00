import { describe, expect, it } from 'vitest';
import {
  TROPICAL_NIGHT_MIN_C,
  UTCI_CATEGORIES,
  UTCI_LIMITS,
  clampWindForUtci,
  heatIndex,
  heatStressFromStation,
  isTropicalNight,
  utci,
  utciCategory,
  utciRangeProblem,
  type UtciCategoryId,
} from './heat.js';
import { UTCI_POLYNOMIAL, saturationVapourPressureHpa, utciPolynomialOffset } from './heat-utci-polynomial.js';

const BOCHUM = { lat: 51.48, lon: 7.22 };
const fToC = (f: number) => ((f - 32) * 5) / 9;
const cToF = (c: number) => (c * 9) / 5 + 32;

describe('UTCI polynomial table', () => {
  it('holds all 210 terms of the 6th-order polynomial, each row as long as its degree allows', () => {
    let terms = 0;
    UTCI_POLYNOMIAL.forEach((byD, p) => {
      expect(byD).toHaveLength(7 - p);
      byD.forEach((byV, d) => {
        expect(byV).toHaveLength(7 - p - d);
        byV.forEach((row, v) => {
          expect(row).toHaveLength(7 - p - d - v);
          terms += row.length;
        });
      });
    });
    expect(UTCI_POLYNOMIAL).toHaveLength(7);
    expect(terms).toBe(210);
  });

  it('is Ta + 0.6076 … at the origin (the constant term of the published polynomial)', () => {
    expect(utciPolynomialOffset(0, 0, 0, 0)).toBeCloseTo(0.607562052, 9);
  });
});

describe('saturationVapourPressureHpa (Hardy 1998, ITS-90, over water)', () => {
  // Independent reference: vapour pressure of water, CRC Handbook (IAPWS-95), kPa → hPa.
  // A log10 instead of ln, or a wrong coefficient, is far outside 0.1 %.
  it.each([
    [0, 6.1121],
    [10, 12.282],
    [20, 23.393],
    [30, 42.47],
    [40, 73.849],
    [50, 123.52],
  ])('at %d °C is %f hPa (±0.1 %%)', (tC, hPa) => {
    expect(Math.abs(saturationVapourPressureHpa(tC) / hPa - 1)).toBeLessThan(0.001);
  });
});

describe('utci', () => {
  // Published reference values: pythermalcomfort / jsthermalcomfort validation table
  // (FedericoTartarini/validation-data-comfort-models, ts_utci.json, tolerance 0.1) and the
  // utci.org online calculator (2 m/s at 1.1 m = 2.94 m/s at 10 m → 17.9 °C).
  it.each([
    [25, 27, 1, 50, 25.2],
    [27, 22, 10, 50, 20.0],
    [30, 27, 1, 50, 29.6],
    [19, 24, 1, 50, 20.0],
    [19, 14, 1, 50, 16.8],
    [27, 22, 1, 50, 25.5],
    [27, 22, 16, 50, 15.8],
    [25, 25, 1, 50, 24.6],
    [9, 9, 1, 50, 8.7],
    [20, 25, 2.94, 50, 17.9],
  ])('Ta %d, Tmrt %d, va %d, RH %d → %d °C (published, ±0.1)', (ta, tmrt, va, rh, expected) => {
    const value = utci(ta, tmrt, va, rh);
    expect(value).not.toBeNull();
    expect(Math.abs(value! - expected)).toBeLessThanOrEqual(0.1);
  });

  // Evaluated independently with the ladybug-comfort transcription of UTCI_a002.f90 (a
  // separate source in a different notation), covering cold and hot extremes and every
  // polynomial degree. Same polynomial, so the tolerance is tight.
  it.each([
    [40, 60, 1, 30, 45.5475],
    [-10, -10, 5, 80, -27.473],
    [-40, -45, 10, 60, -67.26],
    [45, 90, 0.5, 20, 56.6359],
    [50, 120, 0.5, 40, 69.8064],
    [-50, -80, 17, 100, -100.9741],
    [35, 55, 0.5, 60, 42.6876],
    [-20, -25, 12, 70, -54.2008],
    [0, 5, 3, 90, -5.3616],
    [32, 68, 1.2, 45, 41.1607],
  ])('Ta %d, Tmrt %d, va %d, RH %d → %f °C (independent evaluation, ±0.01)', (ta, tmrt, va, rh, expected) => {
    expect(utci(ta, tmrt, va, rh)).toBeCloseTo(expected, 2);
  });

  it.each([
    ['air temperature above 50 °C', 50.1, 50.1, 1, 10, 'air-temperature'],
    ['air temperature below −50 °C', -50.1, -50.1, 1, 50, 'air-temperature'],
    ['Tmrt more than 30 K below Ta', 10, -20.1, 1, 50, 'radiant-temperature'],
    ['Tmrt more than 70 K above Ta', 10, 80.1, 1, 50, 'radiant-temperature'],
    ['wind below 0.5 m/s', 20, 20, 0.49, 50, 'wind-too-low'],
    ['calm air', 20, 20, 0, 50, 'wind-too-low'],
    ['wind above 17 m/s', 20, 20, 17.1, 50, 'wind-too-high'],
    ['humidity above 100 %', 20, 20, 1, 100.5, 'humidity'],
    ['negative humidity', 20, 20, 1, -1, 'humidity'],
    ['vapour pressure above 5 kPa (40 °C, 80 %)', 40, 40, 1, 80, 'vapour-pressure'],
    ['NaN air temperature', Number.NaN, 20, 1, 50, 'not-finite'],
    ['NaN Tmrt', 20, Number.NaN, 1, 50, 'not-finite'],
    ['infinite wind', 20, 20, Number.POSITIVE_INFINITY, 50, 'not-finite'],
    ['NaN humidity', 20, 20, 1, Number.NaN, 'not-finite'],
  ])('is null for %s', (_label, ta, tmrt, va, rh, problem) => {
    expect(utci(ta, tmrt, va, rh)).toBeNull();
    expect(utciRangeProblem(ta, tmrt, va, rh)).toBe(problem);
  });

  it.each([
    ['Ta = 50 °C', 50, 50, 1, 30],
    ['Ta = −50 °C', -50, -50, 1, 50],
    ['Tmrt − Ta = −30 K', 10, -20, 1, 50],
    ['Tmrt − Ta = 70 K', 10, 80, 1, 50],
    ['va = 0.5 m/s', 20, 20, 0.5, 50],
    ['va = 17 m/s', 20, 20, 17, 50],
    ['RH = 0 %', 20, 20, 1, 0],
    ['RH = 100 %', 20, 20, 1, 100],
  ])('accepts the boundary %s (limits are inclusive)', (_label, ta, tmrt, va, rh) => {
    expect(utciRangeProblem(ta, tmrt, va, rh)).toBeNull();
    expect(utci(ta, tmrt, va, rh)).toEqual(expect.any(Number));
  });

  it('rises with radiation and falls with wind on a hot day', () => {
    const shade = utci(30, 30, 1, 50)!;
    const sun = utci(30, 60, 1, 50)!;
    const breeze = utci(30, 60, 5, 50)!;
    expect(sun - shade).toBeGreaterThan(5);
    expect(breeze).toBeLessThan(sun);
  });

  it('exposes the limits it checks', () => {
    expect(UTCI_LIMITS.wind10mMs).toEqual({ min: 0.5, max: 17 });
    expect(UTCI_LIMITS.airTempC).toEqual({ min: -50, max: 50 });
    expect(UTCI_LIMITS.radiantExcessK).toEqual({ min: -30, max: 70 });
  });
});

describe('clampWindForUtci', () => {
  it.each([
    [0, 0.5],
    [0.2, 0.5],
    [0.5, 0.5],
    [3.2, 3.2],
    [25, 25], // storms are not clamped: utci() rejects them
  ])('%d m/s → %d m/s', (v, expected) => {
    expect(clampWindForUtci(v)).toBe(expected);
  });

  it.each([[-0.1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %d as a data error', (v) => {
    expect(() => clampWindForUtci(v)).toThrow(RangeError);
  });

  it('turns calm air into a UTCI instead of null', () => {
    expect(utci(28, 50, 0, 50)).toBeNull();
    expect(utci(28, 50, clampWindForUtci(0), 50)).toBeCloseTo(utci(28, 50, 0.5, 50)!, 10);
  });
});

describe('UTCI categories', () => {
  it.each<[number, UtciCategoryId]>([
    [Number.NEGATIVE_INFINITY, 'extreme-cold-stress'],
    [-60, 'extreme-cold-stress'],
    [-40.01, 'extreme-cold-stress'],
    [-40, 'very-strong-cold-stress'],
    [-27.01, 'very-strong-cold-stress'],
    [-27, 'strong-cold-stress'],
    [-13, 'moderate-cold-stress'],
    [-0.01, 'moderate-cold-stress'],
    [0, 'slight-cold-stress'],
    [8.99, 'slight-cold-stress'],
    [9, 'no-thermal-stress'],
    [25.99, 'no-thermal-stress'],
    [26, 'moderate-heat-stress'],
    [31.99, 'moderate-heat-stress'],
    [32, 'strong-heat-stress'],
    [37.99, 'strong-heat-stress'],
    [38, 'very-strong-heat-stress'],
    [45.99, 'very-strong-heat-stress'],
    [46, 'extreme-heat-stress'],
    [46.01, 'extreme-heat-stress'],
    [Number.POSITIVE_INFINITY, 'extreme-heat-stress'],
  ])('%d °C → %s', (value, id) => {
    expect(utciCategory(value).id).toBe(id);
  });

  it('throws for NaN', () => {
    expect(() => utciCategory(Number.NaN)).toThrow(RangeError);
  });

  it('has ten contiguous classes from −∞ to +∞, coldest first', () => {
    expect(UTCI_CATEGORIES).toHaveLength(10);
    expect(UTCI_CATEGORIES[0].minC).toBe(Number.NEGATIVE_INFINITY);
    expect(UTCI_CATEGORIES[9].maxC).toBe(Number.POSITIVE_INFINITY);
    for (let i = 1; i < UTCI_CATEGORIES.length; i++) {
      expect(UTCI_CATEGORIES[i].minC).toBe(UTCI_CATEGORIES[i - 1].maxC);
    }
    expect(UTCI_CATEGORIES.map((c) => c.minC).slice(1)).toEqual([-40, -27, -13, 0, 9, 26, 32, 38, 46]);
    expect(new Set(UTCI_CATEGORIES.map((c) => c.id)).size).toBe(10);
  });

  it.each([
    ['strong-heat-stress', 'starker Hitzestress', 'strong heat stress'],
    ['no-thermal-stress', 'kein thermischer Stress', 'no thermal stress'],
    ['extreme-cold-stress', 'extremer Kältestress', 'extreme cold stress'],
    ['very-strong-heat-stress', 'sehr starker Hitzestress', 'very strong heat stress'],
  ])('labels %s in German and English', (id, de, en) => {
    const category = UTCI_CATEGORIES.find((c) => c.id === id)!;
    expect(category.labelDe).toBe(de);
    expect(category.labelEn).toBe(en);
  });

  it('colours run blue (cold) → green (no stress) → orange/red (heat) → dark red', () => {
    const colors = UTCI_CATEGORIES.map((c) => c.color);
    for (const [r, g, b] of colors) {
      for (const channel of [r, g, b]) expect(Number.isInteger(channel) && channel >= 0 && channel <= 255).toBe(true);
    }
    expect(new Set(colors.map((c) => c.join(','))).size).toBe(10);
    for (const [r, , b] of colors.slice(0, 5)) expect(b).toBeGreaterThan(r); // cold: blue
    const [nr, ng, nb] = colors[5];
    expect(ng).toBeGreaterThan(Math.max(nr, nb)); // no stress: green
    for (const [r, , b] of colors.slice(6)) expect(r).toBeGreaterThan(b); // heat: red/orange
    const brightness = (c: readonly number[]) => c[0] + c[1] + c[2];
    expect(brightness(colors[9])).toBeLessThan(brightness(colors[8])); // extreme heat darkest
    expect(brightness(colors[0])).toBeLessThan(brightness(colors[1])); // extreme cold darkest
  });
});

describe('heatIndex (NWS)', () => {
  // NWS heat index chart values, °F, in cells where neither NWS adjustment applies. The chart
  // is rounded and derives from Steadman's tables, so ±1 °F.
  it.each([
    [82, 70, 86],
    [84, 80, 94],
    [86, 40, 85],
    [86, 60, 91],
    [88, 70, 100],
    [90, 50, 95],
    [90, 70, 106],
    [92, 60, 105],
    [94, 50, 103],
    [96, 40, 101],
    [98, 55, 117],
    [100, 40, 109],
    [100, 60, 129],
    [104, 50, 131],
    [106, 40, 124],
    [110, 40, 136],
  ])('%d °F at %d %% → %d °F (chart)', (tF, rh, expectedF) => {
    expect(Math.abs(cToF(heatIndex(fToC(tF), rh)) - expectedF)).toBeLessThanOrEqual(1);
  });

  it('32 °C at 70 % is about 41 °C (40.4 °C by the regression)', () => {
    expect(heatIndex(32, 70)).toBeCloseTo(40.41, 1);
    expect(Math.abs(heatIndex(32, 70) - 41)).toBeLessThan(1);
  });

  // Expected values computed independently (Python) from the published NWS formulas.
  it.each([
    ['dry-air adjustment (100 °F, 10 %)', 100, 10, 94.1225],
    ['humid-air adjustment (84 °F, 95 %)', 84, 95, 100.8817],
    ['humid-air adjustment (80 °F, 95 %)', 80, 95, 87.7981],
    ['simple formula below the threshold (70 °F, 50 %)', 70, 50, 69.05],
    ['simple formula in the cold (32 °F, 50 %)', 32, 50, 27.25],
  ])('applies the %s', (_label, tF, rh, expectedF) => {
    expect(cToF(heatIndex(fToC(tF), rh))).toBeCloseTo(expectedF, 2);
  });

  it.each([
    [Number.NaN, 50],
    [30, Number.NaN],
    [30, 101],
    [30, -1],
  ])('rejects %d °C / %d %%', (t, rh) => {
    expect(() => heatIndex(t, rh)).toThrow(RangeError);
  });
});

describe('isTropicalNight', () => {
  it.each([
    [19.9, false],
    [20, true],
    [23.4, true],
    [-5, false],
    [Number.NaN, false],
  ])('minimum %d °C → %s', (min, expected) => {
    expect(isTropicalNight(min)).toBe(expected);
  });

  it('uses the 20 °C threshold', () => {
    expect(TROPICAL_NIGHT_MIN_C).toBe(20);
  });
});

describe('heatStressFromStation', () => {
  const sunnyNoon = {
    airTempC: 31,
    relHumidityPct: 45,
    windKmh: 3,
    solarWm2: 820,
    ts: Date.parse('2024-07-15T12:30:00Z'),
    ...BOCHUM,
  };

  it('derives all figures for a hot, sunny, still midsummer noon in Bochum', () => {
    const heat = heatStressFromStation(sunnyNoon);
    // sin h = sin φ sin δ + cos φ cos δ cos H with δ ≈ 21.5°, H ≈ 13.5° → h ≈ 58.2°
    expect(heat.sunElevationDeg).toBeCloseTo(58.2, 0);
    // 3 km/h at 1.1 m · ln(1000)/ln(110)
    expect(heat.wind10mMs).toBeCloseTo((3 / 3.6) * 1.46958, 4);
    expect(heat.tmrtC).toBeGreaterThan(55);
    expect(heat.tmrtC).toBeLessThan(65);
    expect(heat.utciC).not.toBeNull();
    expect(heat.utciC!).toBeGreaterThan(35);
    expect(heat.utciC!).toBeLessThan(42);
    expect(heat.category?.id).toBe(utciCategory(heat.utciC!).id);
    expect(['strong-heat-stress', 'very-strong-heat-stress']).toContain(heat.category?.id);
    expect(heat.heatIndexC).toBeCloseTo(heatIndex(31, 45), 10);
  });

  it('gives a UTCI for calm air by the 0.5 m/s convention, and reports the measured wind', () => {
    const heat = heatStressFromStation({ ...sunnyNoon, windKmh: 0, solarWm2: 0, airTempC: 22, relHumidityPct: 70, ts: Date.parse('2024-07-15T23:00:00Z') });
    expect(heat.wind10mMs).toBe(0);
    expect(heat.sunElevationDeg).toBeLessThan(-10);
    expect(heat.tmrtC).toBeLessThan(22);
    expect(heat.tmrtC).toBeGreaterThan(16);
    expect(heat.utciC).toBeCloseTo(utci(22, heat.tmrtC, 0.5, 70)!, 10);
    expect(heat.category?.id).toBe('no-thermal-stress');
  });

  it('returns null UTCI and category in a gale, but still the other figures', () => {
    const heat = heatStressFromStation({ ...sunnyNoon, windKmh: 60 });
    expect(heat.wind10mMs).toBeGreaterThan(17);
    expect(heat.utciC).toBeNull();
    expect(heat.category).toBeNull();
    expect(Number.isFinite(heat.tmrtC)).toBe(true);
    expect(Number.isFinite(heat.heatIndexC)).toBe(true);
  });

  it('accepts the time as epoch ms or Date alike', () => {
    const a = heatStressFromStation(sunnyNoon);
    const b = heatStressFromStation({ ...sunnyNoon, ts: new Date(sunnyNoon.ts) });
    expect(b).toEqual(a);
  });

  it.each([
    ['NaN air temperature', { airTempC: Number.NaN }],
    ['negative wind', { windKmh: -1 }],
    ['invalid latitude', { lat: 95 }],
    ['invalid time', { ts: Number.NaN }],
  ])('throws for %s', (_label, patch) => {
    expect(() => heatStressFromStation({ ...sunnyNoon, ...patch })).toThrow(RangeError);
  });
});
