import { describe, expect, it } from 'vitest';
import { offsetLonLat } from '../geo.js';
import type { Measure } from '../measures.js';
import type { Place } from '../places.js';
import { evaluatePlan, planFrame, type DistrictChange } from './heat-plan.js';
import { CENTRE, DAY, FLAT_DAY, QUARTER, squareAround } from './flat-weather-day.fixture.js';
import { districtDay, evaluatePlanDay, type DistrictDay, type DistrictStep } from './plan-day.js';
import { dayOfYearUtc, sunPosition } from './solar.js';

/** A district row of evaluatePlan; unchanged by default (before = after, nothing affected). */
const row = (district: string, o: Partial<DistrictChange> = {}): DistrictChange => ({
  district,
  meanBefore: 35,
  meanAfter: 35,
  maxBefore: 40,
  maxAfter: 40,
  shareStrongBefore: 1,
  shareStrongAfter: 1,
  shareVeryStrongBefore: 0.5,
  shareVeryStrongAfter: 0.5,
  affectedM2: 0,
  ...o,
});

describe('a district over the day, from the steps’ district rows (by hand)', () => {
  // 15:00 (a quarter-hour): the plan shades 2,000 m² of Mitte; 22:00 (half an hour, e.g. two buckets in one): no effect at night
  const afternoon = (o: Partial<DistrictChange> = {}): DistrictStep => ({
    hours: 0.25,
    districts: [row('Mitte', { meanBefore: 34, meanAfter: 33.8, maxBefore: 40, maxAfter: 39, shareStrongBefore: 0.5, shareStrongAfter: 0.4, affectedM2: 2000, ...o }), row('Süd', { meanBefore: 35, maxBefore: 41, shareStrongBefore: 0.9, shareStrongAfter: 0.9 })],
  });
  const night: DistrictStep = {
    hours: 0.5,
    districts: [row('Mitte', { meanBefore: 30, meanAfter: 30, maxBefore: 33, maxAfter: 33, shareStrongBefore: 0.1, shareStrongAfter: 0.1 }), row('Süd', { meanBefore: 36, meanAfter: 36, maxBefore: 42, maxAfter: 42 })],
  };
  const mitte = (o: Partial<DistrictDay>): DistrictDay => ({ district: 'Mitte', meanBefore: NaN, meanAfter: NaN, maxBefore: NaN, maxAfter: NaN, hoursStrongBefore: NaN, hoursStrongAfter: NaN, ...o });

  const cases: Array<[string, DistrictStep[], DistrictDay[]]> = [
    ['no steps: no district', [], []],
    ['a plan that touches no district at any step: no district', [night, night], []],
    [
      'Mitte touched in the afternoon; Süd never (left out); means weighted by hours, max over the steps, share × hours summed',
      [afternoon(), night],
      [
        mitte({
          // (34 · 0.25 + 30 · 0.5) / 0.75 and (33.8 · 0.25 + 30 · 0.5) / 0.75
          meanBefore: 23.5 / 0.75,
          meanAfter: 23.45 / 0.75,
          maxBefore: 40,
          maxAfter: 39,
          // 0.5 · 0.25 + 0.1 · 0.5 and 0.4 · 0.25 + 0.1 · 0.5
          hoursStrongBefore: 0.175,
          hoursStrongAfter: 0.15,
        }),
      ],
    ],
    [
      'the order of the steps does not matter; the night step counts although the plan touches Mitte only in the afternoon',
      [night, afternoon()],
      [mitte({ meanBefore: 23.5 / 0.75, meanAfter: 23.45 / 0.75, maxBefore: 40, maxAfter: 39, hoursStrongBefore: 0.175, hoursStrongAfter: 0.15 })],
    ],
    [
      'a plan that warms the hottest point (a wall of trees holding the heat) shows in the max',
      [afternoon({ maxAfter: 40.5, shareStrongAfter: 0.5 })],
      [mitte({ meanBefore: 34, meanAfter: 33.8, maxBefore: 40, maxAfter: 40.5, hoursStrongBefore: 0.125, hoursStrongAfter: 0.125 })],
    ],
  ];
  it.each(cases)('%s', (_, steps, expected) => {
    const got = districtDay(steps);
    expect(got.map((d) => d.district)).toEqual(expected.map((d) => d.district));
    got.forEach((d, i) => {
      for (const k of ['meanBefore', 'meanAfter', 'maxBefore', 'maxAfter', 'hoursStrongBefore', 'hoursStrongAfter'] as const) expect(d[k], `${d.district}.${k}`).toBeCloseTo(expected[i][k], 12);
    });
  });
});

describe('the district figures of a plan over a replayed day', () => {
  const place = (id: string, at: readonly [number, number] = CENTRE): Place => ({ id, name: id, type: 'kita', district: 'Mitte', lon: at[0], lat: at[1] });
  const frames = FLAT_DAY;
  const square = squareAround;
  const pf = planFrame(CENTRE[1], [{ name: 'Mitte', rings: [square(1000)] }, { name: 'Fern', rings: [[offsetLonLat(CENTRE, 5000, 5000), offsetLonLat(CENTRE, 6000, 5000), offsetLonLat(CENTRE, 6000, 6000)]] }], [place('kita-under')]);
  const opts = { stepMs: QUARTER, from: DAY, to: DAY + 86_400_000, centre: CENTRE };
  const sail: Measure = { type: 'shade', id: 's', polygon: square(60) };

  it('a plan with no measures changes nothing: no district, no place', () => {
    const day = evaluatePlanDay(pf, frames, [], opts);
    expect(day).toEqual({ from: DAY, to: DAY + 86_400_000, steps: 6, places: [], districts: [] });
  });

  it('a shade sail in Mitte: the day’s figures before are the flat surface’s, by hand; with the sail Mitte is cooler; the far district is not listed', () => {
    const utci = frames.map((f) => f.stations[0].utciC);
    // preconditions of the hand count: the sunny hour at ≥ 32 °C, the evening below
    expect(Math.min(...utci.slice(0, 4))).toBeGreaterThanOrEqual(32);
    expect(Math.max(...utci.slice(4))).toBeLessThan(32);

    const day = evaluatePlanDay(pf, frames, [sail], opts);
    expect(day.districts.map((d) => d.district)).toEqual(['Mitte']);
    const [m] = day.districts;
    // six quarter-hours of 0.25 h each: the plain mean; all of Mitte ≥ 32 °C for the sunny hour, none in the evening
    expect(m.meanBefore).toBeCloseTo(utci.reduce((a, u) => a + u, 0) / 6, 9);
    expect(m.maxBefore).toBeCloseTo(Math.max(...utci), 9);
    expect(m.hoursStrongBefore).toBeCloseTo(1, 12);
    // the sail shades 120 m × 120 m of a 2 km × 2 km district: a small cooling of the mean, a few area-minutes saved
    expect(m.meanAfter).toBeLessThan(m.meanBefore);
    expect(m.meanAfter).toBeGreaterThan(m.meanBefore - 0.1);
    expect(m.hoursStrongAfter).toBeLessThan(m.hoursStrongBefore);
    expect(m.hoursStrongAfter).toBeGreaterThan(m.hoursStrongBefore - (120 * 120) / (2000 * 2000) - 1e-9);
    expect(m.maxAfter).toBeLessThanOrEqual(m.maxBefore + 1e-9);

    // the same figures as the instants' rows, summed by hand: the day is the instants put together
    const rows = frames.map((f) => {
      const mid = f.t + QUARTER / 2;
      return evaluatePlan(pf, f.stations, [sail], sunPosition(mid, CENTRE[1], CENTRE[0]), dayOfYearUtc(mid)).districts.find((d) => d.district === 'Mitte')!;
    });
    expect(m.meanAfter).toBeCloseTo(rows.reduce((a, r) => a + r.meanAfter, 0) / 6, 9);
    expect(m.hoursStrongAfter).toBeCloseTo(rows.reduce((a, r) => a + r.shareStrongAfter * 0.25, 0), 9);
  });

  it('a span that ends inside a bucket weights that bucket by its part', () => {
    // up to 14:40: three buckets, the third with 10 of its 15 minutes; all ≥ 32 °C
    const day = evaluatePlanDay(pf, frames, [sail], { ...opts, to: DAY + 14 * 3_600_000 + 40 * 60_000 });
    const [m] = day.districts;
    expect(m.hoursStrongBefore).toBeCloseTo(0.5 + 10 / 60, 9);
    const utci = frames.slice(0, 3).map((f) => f.stations[0].utciC);
    expect(m.meanBefore).toBeCloseTo((utci[0] * 0.25 + utci[1] * 0.25 + (utci[2] * 10) / 60) / (0.5 + 10 / 60), 9);
  });
});
