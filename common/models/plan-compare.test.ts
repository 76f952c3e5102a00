import { describe, expect, it } from 'vitest';
import { offsetLonLat } from '../geo.js';
import type { Measure } from '../measures.js';
import type { Place } from '../places.js';
import { pointEffect } from './heat-measures.js';
import { planFrame, type PlanResult } from './heat-plan.js';
import { CENTRE, DAY, FLAT_DAY, QUARTER, squareAround, WARM } from './flat-weather-day.fixture.js';
import { comparePlan } from './plan-compare.js';
import { evaluatePlanDay, hoursUnderHeat } from './plan-day.js';
import { hoursAtOrAbove } from './place-exposure.js';
import { dayOfYearUtc, sunPosition } from './solar.js';

const place = (id: string, type: Place['type'], at: readonly [number, number] = CENTRE): Place => ({ id, name: id, type, district: 'Mitte', lon: at[0], lat: at[1] });

describe('hours under strong heat stress without and with a plan', () => {
  it('counts each quarter-hour at ≥ 32 °C, a part-bucket with its part (by hand)', () => {
    const q = (before: number, after: number, hours = 0.25) => ({ hours, values: new Map([['kita-1', { before, after }]]) });
    // 33 → 31 leaves, 31 stays below, 35 → 33 stays above, 32 → 32 exactly at the bound counts; 0.1 h at 34 → 31
    const hours = hoursUnderHeat([q(33, 31), q(31, 30), q(35, 33), q(32, 32), q(34, 31, 0.1)]);
    expect(hours).toEqual([{ id: 'kita-1', hoursBefore: 0.25 + 0.25 + 0.25 + 0.1, hoursAfter: 0.25 + 0.25 }]);
  });
});

describe('the compare table', () => {
  const district = (name: string, o: Partial<PlanResult['districts'][number]>): PlanResult['districts'][number] => ({
    district: name,
    meanBefore: 35,
    meanAfter: 35,
    maxBefore: 40,
    maxAfter: 40,
    shareStrongBefore: 0.9,
    shareStrongAfter: 0.9,
    shareVeryStrongBefore: 0.2,
    shareVeryStrongAfter: 0.2,
    affectedM2: 0,
    ...o,
  });
  const result: PlanResult = {
    sun: { elevationDeg: 45, azimuthDeg: 220 },
    cellM: 4,
    cells: [],
    strongestK: -6,
    districts: [
      district('Wattenscheid', {}),
      district('Mitte', { meanAfter: 34.99, maxAfter: 40, shareStrongAfter: 0.8995, affectedM2: 2000 }),
      district('Süd', { meanAfter: 34.9, maxBefore: 41, maxAfter: 39.5, affectedM2: 40_000 }),
    ],
    places: [
      { id: 'kita-a', before: 36, after: 30.5 },
      { id: 'spielplatz', before: 36, after: 30 },
      { id: 'schule-b', before: 35, after: 33 },
    ],
  };
  const places = [place('kita-a', 'kita'), place('schule-b', 'school'), place('schule-c', 'school'), place('spielplatz', 'playground'), place('kita-d', 'kita')];

  it('lists the districts the plan touches, most cooled first, with mean, max and share ≥ 32 °C', () => {
    const t = comparePlan(result, places, null);
    expect(t.districts).toEqual([
      { district: 'Süd', mean: { before: 35, after: 34.9 }, max: { before: 41, after: 39.5 }, shareStrong: { before: 0.9, after: 0.9 }, affectedM2: 40_000, day: null },
      { district: 'Mitte', mean: { before: 35, after: 34.99 }, max: { before: 40, after: 40 }, shareStrong: { before: 0.9, after: 0.8995 }, affectedM2: 2000, day: null },
    ]);
    expect(t.day).toBeNull();
  });

  it('adds the day’s figures to each district, and lists a district the plan touches only at other times of the day', () => {
    const dayRow = (district: string, meanAfter: number) => ({ district, meanBefore: 30, meanAfter, maxBefore: 41, maxAfter: 40, hoursStrongBefore: 7.5, hoursStrongAfter: 7.25 });
    // Wattenscheid: untouched now (affectedM2 0), shaded in the morning; Mitte: touched now, its day row as given
    const day = { from: 1, to: 2, steps: 96, places: [], districts: [dayRow('Mitte', 29.99), dayRow('Wattenscheid', 29.9)] };
    const t = comparePlan(result, places, day);
    expect(t.districts.map((d) => [d.district, d.affectedM2, d.day])).toEqual([
      ['Süd', 40_000, null],
      // Mitte before Wattenscheid: cooled now (−0.01 K) beats not cooled now (0), whatever the day
      ['Mitte', 2000, { mean: { before: 30, after: 29.99 }, max: { before: 41, after: 40 }, hoursStrong: { before: 7.5, after: 7.25 } }],
      ['Wattenscheid', 0, { mean: { before: 30, after: 29.9 }, max: { before: 41, after: 40 }, hoursStrong: { before: 7.5, after: 7.25 } }],
    ]);
    // Wattenscheid's figures now are the instant's, unchanged
    expect(t.districts[2]).toMatchObject({ mean: { before: 35, after: 35 }, shareStrong: { before: 0.9, after: 0.9 } });
    // two districts not cooled now are ordered by their cooling over the day
    const night = { ...result, districts: result.districts.map((d) => ({ ...d, meanAfter: d.meanBefore, affectedM2: 0 })) };
    const both = comparePlan(night, places, { ...day, districts: [dayRow('Mitte', 29.99), dayRow('Süd', 29.5)] });
    expect(both.districts.map((d) => d.district)).toEqual(['Süd', 'Mitte']);
  });

  it('lists the Kitas and schools the plan changes now or over the day, most hours saved first', () => {
    const day = {
      districts: [],
      from: 1,
      to: 2,
      steps: 60,
      places: [
        { id: 'schule-c', hoursBefore: 6, hoursAfter: 4.5 },
        { id: 'kita-a', hoursBefore: 6, hoursAfter: 5.75 },
        { id: 'spielplatz', hoursBefore: 6, hoursAfter: 0 },
        { id: 'schule-b', hoursBefore: 5, hoursAfter: 5 },
      ],
    };
    const t = comparePlan(result, places, day);
    // schule-c: shaded in the morning only (not now); playgrounds are not in the table; kita-d untouched
    expect(t.places.map((p) => [p.id, p.now, p.hours])).toEqual([
      ['schule-c', null, { before: 6, after: 4.5 }],
      ['kita-a', { before: 36, after: 30.5 }, { before: 6, after: 5.75 }],
      ['schule-b', { before: 35, after: 33 }, { before: 5, after: 5 }],
    ]);
    expect(t.day).toEqual({ from: 1, to: 2, steps: 60 });
    // without a day: the places changed now, by their cooling
    expect(comparePlan(result, places, null).places.map((p) => [p.id, p.hours])).toEqual([
      ['kita-a', null],
      ['schule-b', null],
    ]);
  });
});

describe('a plan over a replayed day', () => {
  const frames = FLAT_DAY;
  const square = squareAround;
  const pf = planFrame(CENTRE[1], [{ name: 'Mitte', rings: [square(1000)] }], [place('kita-under', 'kita'), place('kita-far', 'kita', offsetLonLat(CENTRE, 600, 0))]);
  const opts = { stepMs: QUARTER, from: DAY, to: DAY + 86_400_000, centre: CENTRE };

  it('a plan without measures changes nothing and affects no place', () => {
    const day = evaluatePlanDay(pf, frames, [], opts);
    expect(day).toEqual({ from: DAY, to: DAY + 86_400_000, steps: 6, places: [], districts: [] });
  });

  it('a shade sail over a Kita takes it out of strong heat stress for the sunny hour, and the hours before match the places panel', () => {
    const sail: Measure = { type: 'shade', id: 's', polygon: square(60) };
    const w = frames[0].stations[0];
    const sunny = frames.slice(0, 4).map((f) => f.stations[0].utciC);
    // the preconditions of the hand count: ≥ 32 °C in the sun, below it in the sail's shade, below 32 in the evening
    const shaded = sunny.map((u, i) => u + pointEffect({ ...WARM, sunElevationDeg: sunPosition(frames[i].t + QUARTER / 2, CENTRE[1], CENTRE[0]).elevationDeg, dayOfYear: dayOfYearUtc(DAY) }, { cover: 'sail', grass: false, dAirK: 0 })!.dUtciK);
    expect(Math.min(...sunny)).toBeGreaterThanOrEqual(32);
    expect(Math.max(...shaded)).toBeLessThan(32);
    expect(frames[4].stations[0].utciC).toBeLessThan(32);
    expect(w.utciC).toBe(sunny[0]);

    const day = evaluatePlanDay(pf, frames, [sail], opts);
    expect(day.steps).toBe(6);
    expect(day.places).toEqual([{ id: 'kita-under', hoursBefore: 1, hoursAfter: 0 }]);
    const panel = hoursAtOrAbove(
      frames.map((f) => ({ t: f.t, stations: f.stations.map((s) => ({ lon: s.lon, lat: s.lat, value: s.utciC })) })),
      pf.places,
      32,
      QUARTER,
      DAY,
      DAY + 86_400_000,
    );
    expect(day.places[0].hoursBefore).toBe(panel.get('kita-under'));

    // up to 14:40 only: the third quarter-hour counts 10 of its 15 minutes
    const part = evaluatePlanDay(pf, frames, [sail], { ...opts, to: DAY + 14 * 3_600_000 + 40 * 60_000 });
    expect(part.steps).toBe(3);
    expect(part.places[0].hoursBefore).toBeCloseTo(0.5 + 10 / 60, 9);
    expect(part.places[0].hoursAfter).toBe(0);
  });
});
