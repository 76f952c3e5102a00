import { describe, expect, it } from 'vitest';
import { dayOfYearUtc, sunPosition } from './solar.js';
import { combineChanges, greenAirCoolingK, pointEffect, shadowOffsetM, waterAirCoolingK, type PointChange, type PointClimate } from './heat-measures.js';

/** Bochum, 13 Aug 2024 15:00 CEST, the hottest afternoon of the replay: clear sky, light wind. */
const AFTERNOON = Date.parse('2024-08-13T15:00:00+02:00');
const NIGHT = Date.parse('2024-08-13T23:30:00+02:00');
const at = (ts: number, weather: Omit<PointClimate, 'sunElevationDeg' | 'dayOfYear'>): PointClimate => ({
  ...weather,
  sunElevationDeg: sunPosition(ts, 51.48, 7.22).elevationDeg,
  dayOfYear: dayOfYearUtc(ts),
});
const afternoon = at(AFTERNOON, { airTempC: 35, relHumidityPct: 30, wind10mMs: 1.5, solarWm2: 750 });
const night = at(NIGHT, { airTempC: 24, relHumidityPct: 55, wind10mMs: 1, solarWm2: 0 });

describe('effect of a measure at a point against published values', () => {
  // [case, weather, change, Tmrt change range K, UTCI change range K, source of the range]
  it.each<[string, PointClimate, PointChange, [number, number], [number, number], string]>([
    ['under a tree crown, clear afternoon', afternoon, { cover: 'tree', grass: false, dAirK: -0.8 }, [-40, -20], [-10, -4],
      'Lee, Mayer & Chen 2016 (Freiburg, heat-wave day): trees lower Tmrt by up to 39 K (mean 10–16 CET); Coutts et al. 2016: tree shade takes UTCI from very strong to strong heat stress'],
    ['under a shade sail, clear afternoon', afternoon, { cover: 'sail', grass: false, dAirK: 0 }, [-30, -12], [-8, -3],
      'a sail blocks the beam like a crown but its sunlit fabric is warm: less than the tree, more than nothing'],
    ['inside a park, grass instead of paving', afternoon, { cover: null, grass: true, dAirK: -0.94 }, [-7.5, -1], [-3, -0.8],
      'Lee, Mayer & Chen 2016: grassland lowers Tmrt by up to 7.5 K; Bowler et al. 2010: parks 0.94 K cooler'],
    ['beside a water feature', afternoon, { cover: null, grass: false, dAirK: -2.5 }, [-4, -1], [-4, -1.5],
      'Völker et al. 2013: blue spaces about 2.5 K cooler (air)'],
    ['under a tree crown at night', night, { cover: 'tree', grass: false, dAirK: 0 }, [0, 4], [0, 1],
      'no sun, nothing to shade: the crown only keeps some long-wave warmth in (Knight et al. 2021: treed areas can be warmer at night)'],
    ['under a shade sail at night', night, { cover: 'sail', grass: false, dAirK: 0 }, [0, 4], [0, 1], 'as the tree: the cold fabric only hides the sky'],
  ])('%s', (_name, climate, change, tmrt, utci) => {
    const e = pointEffect(climate, change)!;
    expect(e.dTmrtK).toBeGreaterThanOrEqual(tmrt[0]);
    expect(e.dTmrtK).toBeLessThanOrEqual(tmrt[1]);
    expect(e.dUtciK).toBeGreaterThanOrEqual(utci[0]);
    expect(e.dUtciK).toBeLessThanOrEqual(utci[1]);
    expect(e.utciAfter - e.utciBefore).toBeCloseTo(e.dUtciK, 9);
  });

  it('the tree shades more than the sail, and both far more than the air cooling alone', () => {
    const tree = pointEffect(afternoon, { cover: 'tree', grass: false, dAirK: 0 })!.dUtciK;
    const sail = pointEffect(afternoon, { cover: 'sail', grass: false, dAirK: 0 })!.dUtciK;
    const air = pointEffect(afternoon, { cover: null, grass: false, dAirK: -0.8 })!.dUtciK;
    expect(tree).toBeLessThan(sail);
    expect(sail).toBeLessThan(3 * air);
  });

  it('no measure changes nothing', () => {
    const e = pointEffect(afternoon, { cover: null, grass: false, dAirK: 0 })!;
    expect(e.dUtciK).toBe(0);
    expect(e.dTmrtK).toBe(0);
  });

  it('UTCI out of range gives null, not a number', () => {
    expect(pointEffect({ ...afternoon, wind10mMs: 30 }, { cover: 'tree', grass: false, dAirK: 0 })).toBeNull();
  });
});

describe('reach of the cooling with distance', () => {
  it.each<[string, () => number, number]>([
    ['park, inside', () => greenAirCoolingK(-10, 200), -0.94],
    ['park, at its edge', () => greenAirCoolingK(0, 200), -0.94],
    ['park, half a width out', () => greenAirCoolingK(100, 200), -0.47],
    ['park, one width out (the edge of the cool island)', () => greenAirCoolingK(200, 200), 0],
    ['park, beyond', () => greenAirCoolingK(500, 200), 0],
    ['water, at the water', () => waterAirCoolingK(0), -2.5],
    ['water, 15 m out', () => waterAirCoolingK(15), -1.25],
    ['water, 30 m out', () => waterAirCoolingK(30), 0],
    ['water, 100 m out', () => waterAirCoolingK(100), 0],
  ])('%s', (_name, f, expected) => {
    expect(f()).toBeCloseTo(expected, 9);
  });

  it('a shadow falls away from the sun, as long as the height over tan(elevation)', () => {
    const south45 = shadowOffsetM(7, { elevationDeg: 45, azimuthDeg: 180 });
    expect(south45.dx).toBeCloseTo(0, 9);
    expect(south45.dy).toBeCloseTo(7, 9);
    const west30 = shadowOffsetM(7, { elevationDeg: 30, azimuthDeg: 270 });
    expect(west30.dx).toBeCloseTo(7 / Math.tan(Math.PI / 6), 9);
    expect(shadowOffsetM(7, { elevationDeg: -10, azimuthDeg: 0 })).toEqual({ dx: 0, dy: 0 });
  });

  it('overlapping measures: the better shade, the stronger cooling', () => {
    expect(combineChanges({ cover: 'sail', grass: false, dAirK: -0.3 }, { cover: 'tree', grass: true, dAirK: -0.9 })).toEqual({ cover: 'tree', grass: true, dAirK: -0.9 });
    expect(combineChanges({ cover: null, grass: false, dAirK: -2 }, { cover: 'sail', grass: false, dAirK: -0.5 })).toEqual({ cover: 'sail', grass: false, dAirK: -2 });
  });
});
