import { describe, expect, it } from 'vitest';
import { bochumParts } from '../bochum-time.js';
import { climateIndicators, districtMean, hoursInBochumDay, hoursInNight, type AirTempSample, type ClimateIndicators } from './climate-indicators.js';

const HOUR = 3_600_000;

/** Readings every `everyMin` minutes over [from, to), the temperature a function of the Bochum wall clock. */
function readings(fromIso: string, toIso: string, temp: (day: number, hour: number) => number, everyMin = 10): AirTempSample[] {
  const out: AirTempSample[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += everyMin * 60_000) {
    const p = bochumParts(t);
    const c = temp(p.day, p.hour);
    out.push({ t, minC: c, maxC: c });
  }
  return out;
}

describe('hours in a Bochum day and night', () => {
  it.each([
    ['2024-08-10', 24, 14],
    ['2024-03-30', 24, 13], // the night into the spring switch loses 02:00–03:00
    ['2024-03-31', 23, 14],
    ['2024-10-26', 24, 15], // the night into the autumn switch has 02:00–03:00 twice
    ['2024-10-27', 25, 14],
  ])('%s: %i h day, %i h night', (key, dayHours, nightHours) => {
    expect(hoursInBochumDay(key)).toBe(dayHours);
    expect(hoursInNight(key)).toBe(nightHours);
  });
});

describe('climateIndicators on synthetic series with known answers', () => {
  // 10–12 August 2024: afternoons (12–17 h) at the day's maximum, the night 18–08 at its minimum, mornings 22 °C.
  const dayMax: Record<number, number> = { 10: 24.9, 11: 25, 12: 30 };
  const nightMin: Record<number, number> = { 9: 15, 10: 19.9, 11: 20, 12: 21 };
  const august = (day: number, hour: number) => (hour >= 12 && hour < 18 ? dayMax[day] : hour >= 18 ? nightMin[day] : hour < 8 ? nightMin[day - 1] : 22);

  const cases: Array<[string, AirTempSample[], Partial<ClimateIndicators>]> = [
    [
      'thresholds are inclusive (25.0 is a summer day, 30.0 a hot day, 20.0 a tropical night); the cut nights at the edges are incomplete',
      readings('2024-08-10T00:00:00+02:00', '2024-08-13T00:00:00+02:00', august),
      { summerDays: 2, hotDays: 1, tropicalNights: 1, completeDays: 3, completeNights: 2, incompleteDays: [], incompleteNights: ['2024-08-09', '2024-08-12'] },
    ],
    [
      'a day with 19 of 24 hours is incomplete and not counted, however hot',
      readings('2024-08-12T05:00:00+02:00', '2024-08-13T00:00:00+02:00', () => 31),
      { summerDays: 0, hotDays: 0, completeDays: 0, incompleteDays: ['2024-08-12'] },
    ],
    [
      'a day with 20 of 24 hours is complete',
      readings('2024-08-12T04:00:00+02:00', '2024-08-13T00:00:00+02:00', () => 31),
      { summerDays: 1, hotDays: 1, completeDays: 1, incompleteDays: [] },
    ],
    [
      'autumn DST day (25 h): readings in 20 of its 25 hours are enough',
      readings('2024-10-27T04:00:00+01:00', '2024-10-28T00:00:00+01:00', () => 26, 60),
      { summerDays: 1, hotDays: 0, completeDays: 1, incompleteDays: [] },
    ],
    [
      'autumn DST day (25 h): 19 hours are not',
      readings('2024-10-27T05:00:00+01:00', '2024-10-28T00:00:00+01:00', () => 26, 60),
      { summerDays: 0, completeDays: 0, incompleteDays: ['2024-10-27'] },
    ],
    [
      'spring DST day (23 h): a whole day of hourly readings is one day, complete, and its night of 13 h too',
      readings('2024-03-30T18:00:00+01:00', '2024-04-01T00:00:00+02:00', (day, hour) => (day === 31 && hour === 15 ? 25.5 : 20.5), 60),
      { summerDays: 1, tropicalNights: 1, completeDays: 1, completeNights: 1, incompleteDays: ['2024-03-30'], incompleteNights: ['2024-03-31'] },
    ],
  ];

  it.each(cases)('%s', (_name, samples, expected) => {
    expect(climateIndicators(samples)).toMatchObject(expected);
  });

  it('uses the min and max of hourly rollup buckets, not their mean', () => {
    const start = Date.parse('2024-08-11T00:00:00+02:00');
    // 24 buckets of a day: each bucket's mean would be 22, but one afternoon bucket peaked at 30.2
    const buckets = Array.from({ length: 24 }, (_, i) => ({ t: start + i * HOUR, minC: i === 3 ? 19 : 21, maxC: i === 15 ? 30.2 : 23 }));
    const r = climateIndicators(buckets);
    expect(r).toMatchObject({ summerDays: 1, hotDays: 1, completeDays: 1 });
    // the night of the 10th has only its 00–08 part (8 of 14 h); the 11th's only 18–24 (6 h): neither is judged
    expect(r).toMatchObject({ completeNights: 0, incompleteNights: ['2024-08-10', '2024-08-11'] });
  });

  it('does not depend on the order of the samples and skips non-finite ones', () => {
    const samples = readings('2024-08-10T00:00:00+02:00', '2024-08-13T00:00:00+02:00', august);
    const shuffled = [...samples].reverse();
    shuffled.push({ t: Date.parse('2024-08-10T15:00:00+02:00'), minC: NaN, maxC: NaN });
    expect(climateIndicators(shuffled)).toEqual(climateIndicators(samples));
  });

  it('an empty series judges nothing', () => {
    expect(climateIndicators([])).toEqual({ summerDays: 0, hotDays: 0, tropicalNights: 0, completeDays: 0, completeNights: 0, incompleteDays: [], incompleteNights: [] });
  });
});

describe('districtMean', () => {
  const station = (summerDays: number, hotDays: number, tropicalNights: number, completeDays = 30): ClimateIndicators => ({
    summerDays, hotDays, tropicalNights, completeDays, completeNights: completeDays, incompleteDays: [], incompleteNights: [],
  });
  it('is the mean of the judged stations, to 0.1', () => {
    expect(districtMean([station(10, 2, 1), station(12, 3, 0), station(11, 3, 4), station(0, 0, 0, 0)])).toEqual({ summerDays: 11, hotDays: 2.7, tropicalNights: 1.7, stations: 3 });
  });
  it('is null when no station judged a day', () => {
    expect(districtMean([station(0, 0, 0, 0)])).toBeNull();
    expect(districtMean([])).toBeNull();
  });
});
