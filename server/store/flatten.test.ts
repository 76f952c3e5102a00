import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import { categoriesFromMeans, flattenEntry } from './flatten.js';
import type { SeriesKind } from './history-store.js';

const counts = { available: 2, charging: 1, reserved: 0, blocked: 0, out_of_order: 1, unknown: 0 };

const cases: Array<{ name: string; entry: LiveEntry; values: Record<string, number>; derived: Record<string, number | string | null> }> = [
  {
    name: 'climate with pressure',
    entry: {
      reading: { sensorId: 'c1', kind: 'climate', ts: 1, values: { airTempC: 31.5, relHumidityPct: 40, windKmh: 7, solarWm2: 650, pressureHpa: 1003 } },
      derived: { kind: 'climate', utciC: 33.1, utciCategory: 'strong-heat-stress', tmrtC: 55.2, heatIndexC: 32.4 },
      receivedAt: 2,
    },
    values: { airTempC: 31.5, relHumidityPct: 40, windKmh: 7, solarWm2: 650, pressureHpa: 1003 },
    derived: { utciC: 33.1, tmrtC: 55.2, heatIndexC: 32.4, utciCategory: 'strong-heat-stress' },
  },
  {
    name: 'climate without pressure, UTCI out of range',
    entry: {
      reading: { sensorId: 'c2', kind: 'climate', ts: 1, values: { airTempC: 12, relHumidityPct: 80, windKmh: 120, solarWm2: 0 } },
      derived: { kind: 'climate', utciC: null, utciCategory: null, tmrtC: 11, heatIndexC: 11.2 },
      receivedAt: 2,
    },
    values: { airTempC: 12, relHumidityPct: 80, windKmh: 120, solarWm2: 0 },
    derived: { utciC: null, tmrtC: 11, heatIndexC: 11.2, utciCategory: null },
  },
  {
    name: 'traffic',
    entry: {
      reading: { sensorId: 't1', kind: 'traffic', ts: 1, values: { flowVehH: 1200, speedKmh: 22, occupancyPct: 31 } },
      derived: { kind: 'traffic', speedRatio: 0.44, los: 'D', volumeCapacityRatio: 0.8, travelTimeIndex: 2.27 },
      receivedAt: 2,
    },
    values: { flowVehH: 1200, speedKmh: 22, occupancyPct: 31 },
    derived: { speedRatio: 0.44, volumeCapacityRatio: 0.8, travelTimeIndex: 2.27, los: 'D' },
  },
  {
    name: 'parking, capacity from the registry, closed',
    entry: {
      reading: { sensorId: 'p1', kind: 'parking', ts: 1, values: { freeSpaces: 40, open: false } },
      derived: { kind: 'parking', capacity: 400, occupancyPct: 90 },
      receivedAt: 2,
    },
    values: { freeSpaces: 40, capacity: 400, open: 0 },
    derived: { occupancyPct: 90 },
  },
  {
    name: 'parking, capacity reported, open',
    entry: {
      reading: { sensorId: 'p2', kind: 'parking', ts: 1, values: { freeSpaces: 10, capacity: 50, open: true } },
      derived: { kind: 'parking', capacity: 50, occupancyPct: 80 },
      receivedAt: 2,
    },
    values: { freeSpaces: 10, capacity: 50, open: 1 },
    derived: { occupancyPct: 80 },
  },
  {
    name: 'charging',
    entry: {
      reading: {
        sensorId: 'e1',
        kind: 'charging',
        ts: 1,
        values: {
          points: [
            { id: 'a', status: 'available', powerKw: 0 },
            { id: 'b', status: 'available', powerKw: 0 },
            { id: 'c', status: 'charging', powerKw: 11 },
            { id: 'd', status: 'out_of_order', powerKw: 0 },
          ],
        },
      },
      derived: { kind: 'charging', total: 4, counts, powerKw: 11 },
      receivedAt: 2,
    },
    values: {},
    derived: { ...counts, total: 4, powerKw: 11 },
  },
];

describe('flattenEntry', () => {
  it.each(cases)('$name', ({ entry, values, derived }) => {
    const flat = flattenEntry(entry);
    expect(flat.values).toEqual(values);
    expect(flat.derived).toEqual(derived);
    // One flat map of extremes per point: no name may be both a value and a derived figure.
    expect(Object.keys(flat.values).filter((k) => k in flat.derived)).toEqual([]);
  });

  it('refuses an entry whose derived figures are of another kind', () => {
    const entry = { ...cases[2].entry, derived: cases[0].entry.derived } as LiveEntry;
    expect(() => flattenEntry(entry)).toThrow(/does not match/);
  });
});

describe('categoriesFromMeans', () => {
  it.each([
    { kind: 'climate', means: { utciC: 26 }, expected: { utciCategory: 'moderate-heat-stress' } },
    { kind: 'climate', means: { utciC: 25.99 }, expected: { utciCategory: 'no-thermal-stress' } },
    { kind: 'climate', means: { utciC: 38 }, expected: { utciCategory: 'very-strong-heat-stress' } },
    { kind: 'climate', means: { tmrtC: 40 }, expected: { utciCategory: null } },
    { kind: 'traffic', means: { speedRatio: 0.86 }, expected: { los: 'A' } },
    { kind: 'traffic', means: { speedRatio: 0.85 }, expected: { los: 'B' } },
    { kind: 'traffic', means: { speedRatio: 0.45 }, expected: { los: 'D' } },
    { kind: 'traffic', means: { speedRatio: 0.3 }, expected: { los: 'F' } },
    { kind: 'traffic', means: {}, expected: {} },
    { kind: 'parking', means: { occupancyPct: 99 }, expected: {} },
    { kind: 'district', means: { meanUtciC: 35 }, expected: {} },
  ] as Array<{ kind: SeriesKind; means: Record<string, number>; expected: Record<string, string | null> }>)('$kind $means → $expected', ({ kind, means, expected }) => {
    expect(categoriesFromMeans(kind, means)).toEqual(expected);
  });
});
