import { describe, expect, it } from 'vitest';
import {
  MAX_DIRECT_NORMAL_WM2,
  clearSkyEmissivity,
  cloudFractionFromClearness,
  cloudySkyEmissivity,
  dayOfYearUtc,
  erbsDiffuseFraction,
  extraterrestrialIrradianceWm2,
  meanRadiantTemperature,
  projectedAreaFactorStanding,
  radiationBudget,
  splitGlobalRadiation,
  sunElevationDeg,
} from './solar.js';

const BOCHUM = { lat: 51.48, lon: 7.22 };

describe('sunElevationDeg (suncalc)', () => {
  // Noon elevation = 90° − φ ± 23.44° at the solstices (+ ≈0.01–0.06° refraction); solar noon
  // in Bochum is ≈ 11:33 UTC in June and ≈ 11:29 UTC in December.
  it.each([
    ['midsummer noon', '2024-06-21T11:33:00Z', 61.97, 0.15],
    ['midwinter noon', '2024-12-21T11:29:00Z', 15.1, 0.15],
    ['midsummer midnight', '2024-06-21T23:33:00Z', -15.0, 0.6],
    ['equinox noon', '2024-03-20T11:40:00Z', 38.5, 0.3],
  ])('%s in Bochum ≈ %d°', (_label, iso, expected, tolerance) => {
    expect(Math.abs(sunElevationDeg(Date.parse(iso), BOCHUM.lat, BOCHUM.lon) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('accepts a Date or epoch ms', () => {
    const ms = Date.parse('2024-07-15T09:00:00Z');
    expect(sunElevationDeg(new Date(ms), BOCHUM.lat, BOCHUM.lon)).toBe(sunElevationDeg(ms, BOCHUM.lat, BOCHUM.lon));
  });

  it.each([
    [Date.parse('2024-07-15T09:00:00Z'), 91, 7],
    [Date.parse('2024-07-15T09:00:00Z'), 51, 181],
    [Number.NaN, 51, 7],
  ])('rejects ts %d, lat %d, lon %d', (ts, lat, lon) => {
    expect(() => sunElevationDeg(ts, lat, lon)).toThrow(RangeError);
  });
});

describe('dayOfYearUtc', () => {
  it.each([
    ['2024-01-01T00:00:00Z', 1],
    ['2023-03-01T12:00:00Z', 60],
    ['2024-03-01T12:00:00Z', 61],
    ['2024-12-31T23:59:59Z', 366],
  ])('%s → %d', (iso, day) => {
    expect(dayOfYearUtc(Date.parse(iso))).toBe(day);
  });
});

describe('extraterrestrialIrradianceWm2', () => {
  it.each([
    [undefined, 1361],
    [3, 1361 * (1 + 0.033 * Math.cos((2 * Math.PI * 3) / 365))], // perihelion, ≈ 1406
    [185, 1361 * (1 + 0.033 * Math.cos((2 * Math.PI * 185) / 365))], // aphelion, ≈ 1316
  ])('day %s', (day, expected) => {
    expect(extraterrestrialIrradianceWm2(day)).toBeCloseTo(expected, 6);
  });

  it('is about 3.3 % above the mean in early January and below it in early July', () => {
    expect(extraterrestrialIrradianceWm2(3)).toBeGreaterThan(1400);
    expect(extraterrestrialIrradianceWm2(185)).toBeLessThan(1320);
  });
});

describe('erbsDiffuseFraction (Erbs et al. 1982)', () => {
  it.each([
    [0, 1],
    [0.1, 0.991],
    [0.22, 0.9802],
    [0.5, 0.65915],
    [0.8, 0.16527], // 0.9511 − 0.12832 + 2.80832 − 8.518656 + 5.0528256
    [0.9, 0.165],
  ])('kt %d → %d', (kt, kd) => {
    expect(erbsDiffuseFraction(kt)).toBeCloseTo(kd, 3);
  });

  it('is continuous at the branch points within 0.001', () => {
    expect(Math.abs(erbsDiffuseFraction(0.22) - erbsDiffuseFraction(0.2200001))).toBeLessThan(0.001);
    expect(Math.abs(erbsDiffuseFraction(0.8) - erbsDiffuseFraction(0.8000001))).toBeLessThan(0.001);
  });
});

describe('splitGlobalRadiation', () => {
  it('splits a clear midsummer noon: 850 W/m² at 60° (hand-checked)', () => {
    // I0 = 1361·(1 + 0.033·cos(2π·172/365)) = 1316.8; kt = 850 / (1316.8·sin 60°) = 0.7454;
    // kd(0.7454) = 0.1872 → D = 159.1, Bh = 690.9, I = Bh / sin 60° = 797.8
    const split = splitGlobalRadiation(850, 60, 172);
    expect(split.clearnessIndex).toBeCloseTo(0.7454, 3);
    expect(split.diffuseWm2).toBeCloseTo(159.1, 0);
    expect(split.directHorizontalWm2).toBeCloseTo(690.9, 0);
    expect(split.directNormalWm2).toBeCloseTo(797.8, 0);
  });

  it('treats an overcast sky (kt < 0.22) as almost all diffuse', () => {
    const split = splitGlobalRadiation(100, 45, 172);
    expect(split.diffuseWm2 / 100).toBeGreaterThan(0.98);
  });

  it.each([
    ['sun below the horizon', 5, -3],
    ['sun just above the horizon', 20, 1.5],
  ])('counts everything as diffuse with the %s', (_label, g, h) => {
    expect(splitGlobalRadiation(g, h)).toEqual({ clearnessIndex: null, diffuseWm2: g, directHorizontalWm2: 0, directNormalWm2: 0 });
  });

  it.each([
    [850, 60],
    [300, 20],
    [60, 4],
    [1200, 3], // implausibly high for the elevation: capped, still conserves G
  ])('conserves G = %d W/m² at %d° and never exceeds the direct-beam cap', (g, h) => {
    const split = splitGlobalRadiation(g, h, 200);
    expect(split.diffuseWm2 + split.directHorizontalWm2).toBeCloseTo(g, 8);
    expect(split.directNormalWm2).toBeLessThanOrEqual(MAX_DIRECT_NORMAL_WM2);
    expect(split.diffuseWm2).toBeGreaterThanOrEqual(0);
  });

  it('clamps negative radiation (sensor offset at night) to zero', () => {
    expect(splitGlobalRadiation(-3, 30).diffuseWm2).toBe(0);
  });
});

describe('projectedAreaFactorStanding (Jendritzky 1990)', () => {
  it.each([
    [0, 0.308],
    [30, 0.26833],
    [60, 0.17419],
    [90, 0.07847], // 0.308·cos(90°·0.836) = 0.308·cos 75.24°
    [-10, 0.308], // below the horizon: clamped (irrelevant, no beam)
  ])('h = %d° → %d', (h, fp) => {
    expect(projectedAreaFactorStanding(h)).toBeCloseTo(fp, 4);
  });
});

describe('sky emissivity', () => {
  it('Brutsaert clear sky: 30 °C at 21.2 hPa → 0.848 (hand-checked)', () => {
    // 1.24 · (21.2 / 303.15)^(1/7)
    expect(clearSkyEmissivity(30, 21.2)).toBeCloseTo(0.848, 3);
  });

  it.each([
    [0, 0.8, 0.8],
    [0.5, 0.8, 0.9],
    [1, 0.8, 1],
    [1.5, 0.8, 1], // clamped
  ])('cloud fraction %d on a clear-sky %d → %d (Crawford & Duchon)', (c, clear, expected) => {
    expect(cloudySkyEmissivity(clear, c)).toBeCloseTo(expected, 10);
  });

  it.each([
    [0.75, 0],
    [0.9, 0],
    [0.375, 0.5],
    [0, 1],
  ])('clearness %d → cloud fraction %d', (kt, c) => {
    expect(cloudFractionFromClearness(kt)).toBeCloseTo(c, 10);
  });
});

describe('meanRadiantTemperature', () => {
  it('strong midsummer sun (Ta 30 °C, 850 W/m², 60°) gives 55–65 °C; hand-checked 60.2 °C', () => {
    // ½(L↓ 406.6 + L↑ 586.2) + (0.7/0.97)·(½(159.1 + 0.15·850) + 0.1742·797.8) = 700.1 W/m²
    // → (700.1 / σ)^¼ − 273.15 = 60.2 °C
    const budget = radiationBudget({ airTempC: 30, solarWm2: 850, sunElevationDeg: 60, relHumidityPct: 50, dayOfYear: 172 });
    expect(budget.tmrtC).toBeGreaterThan(55);
    expect(budget.tmrtC).toBeLessThan(65);
    expect(budget.tmrtC).toBeCloseTo(60.2, 1);
    expect(budget.cloudFraction).toBeLessThan(0.02); // clear: kt ≈ 0.745
    expect(budget.groundTempC).toBeCloseTo(47, 6); // 30 + 0.02 · 850
    expect(budget.longwaveDownWm2).toBeCloseTo(406.6, 0);
    expect(budget.longwaveUpWm2).toBeCloseTo(586.2, 0);
  });

  it.each([
    ['clear night', 0, 12.1],
    ['default night (half-covered sky)', undefined, 16.1],
    ['overcast night', 1, 20.0],
  ])('%s at Ta 20 °C, RH 60 % → %d °C (hand-checked)', (_label, cloudFraction, expected) => {
    const tmrt = meanRadiantTemperature({ airTempC: 20, solarWm2: 0, sunElevationDeg: -10, relHumidityPct: 60, cloudFraction });
    expect(tmrt).toBeCloseTo(expected, 1);
    expect(tmrt).toBeLessThanOrEqual(20 + 1e-9);
  });

  it.each([
    // warm nights — the ones that matter for heat stress — stay within 5 K below Ta
    [15, 60, 5],
    [20, 60, 5],
    [25, 40, 5],
    // cold, dry air radiates less back (low sky emissivity), so the deficit is larger
    [5, 90, 6],
    [-10, 80, 8],
  ])('without radiation stays below air temperature (Ta %d °C, RH %d %%) by less than %d K', (ta, rh, maxDeficit) => {
    const tmrt = meanRadiantTemperature({ airTempC: ta, solarWm2: 0, sunElevationDeg: -20, relHumidityPct: rh });
    expect(tmrt).toBeLessThan(ta);
    expect(ta - tmrt).toBeLessThan(maxDeficit);
  });

  it('night-time deficit below Ta shrinks as the air gets warmer and moister', () => {
    const deficit = (ta: number, rh: number) => ta - meanRadiantTemperature({ airTempC: ta, solarWm2: 0, sunElevationDeg: -20, relHumidityPct: rh });
    expect(deficit(-10, 80)).toBeGreaterThan(deficit(15, 60));
    expect(deficit(22, 70)).toBeLessThan(deficit(22, 30));
  });

  it('grows with the radiation at a given sun elevation', () => {
    const at = (g: number) => meanRadiantTemperature({ airTempC: 25, solarWm2: g, sunElevationDeg: 45, relHumidityPct: 50, dayOfYear: 200 });
    const values = [0, 100, 300, 500, 700, 900].map(at);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
  });

  it('a dull overcast day lifts Tmrt only moderately above air temperature', () => {
    const tmrt = meanRadiantTemperature({ airTempC: 18, solarWm2: 150, sunElevationDeg: 40, relHumidityPct: 80, dayOfYear: 120 });
    expect(tmrt - 18).toBeGreaterThan(3);
    expect(tmrt - 18).toBeLessThan(15);
  });

  it('uses 50 % humidity and the mean Sun distance when they are not given', () => {
    const explicit = meanRadiantTemperature({ airTempC: 30, solarWm2: 850, sunElevationDeg: 60, relHumidityPct: 50 });
    const implicit = meanRadiantTemperature({ airTempC: 30, solarWm2: 850, sunElevationDeg: 60 });
    expect(implicit).toBe(explicit);
  });

  it.each([
    ['NaN air temperature', { airTempC: Number.NaN }],
    ['infinite radiation', { solarWm2: Number.POSITIVE_INFINITY }],
    ['NaN elevation', { sunElevationDeg: Number.NaN }],
    ['cloud fraction above 1', { cloudFraction: 1.2 }],
  ])('throws for %s', (_label, patch) => {
    expect(() => meanRadiantTemperature({ airTempC: 20, solarWm2: 100, sunElevationDeg: 30, ...patch })).toThrow(RangeError);
  });
});
