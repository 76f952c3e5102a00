import { describe, expect, it } from 'vitest';
import { readingSchema } from './readings.js';

const ts = Date.parse('2026-06-16T08:00:00+02:00');
const good = {
  traffic: { sensorId: 'traffic-a40-1-east', kind: 'traffic', ts, values: { flowVehH: 3200, speedKmh: 74.5, occupancyPct: 12.3 } },
  climate: { sensorId: 'climate-westpark', kind: 'climate', ts, values: { airTempC: 24.1, relHumidityPct: 55, windKmh: 6.2, solarWm2: 640 } },
  parking: { sensorId: 'parking-p1-husemannplatz', kind: 'parking', ts, values: { freeSpaces: 120, open: true } },
  charging: {
    sensorId: 'charging-hbf',
    kind: 'charging',
    ts,
    values: { points: [{ id: 'hbf-1', status: 'charging', powerKw: 10.5 }] },
  },
} as const;

function withValues<K extends keyof typeof good>(kind: K, values: Record<string, unknown>) {
  return { ...good[kind], values: { ...good[kind].values, ...values } };
}

describe('reading schemas', () => {
  it.each(Object.entries(good))('accept a valid %s reading', (_kind, reading) => {
    expect(readingSchema.safeParse(reading).success).toBe(true);
  });

  it.each([
    ['a missing kind', { ...good.traffic, kind: undefined }],
    ['an unknown kind', { ...good.traffic, kind: 'noise' }],
    ['a kind that does not match the values', { ...good.traffic, kind: 'climate' }],
    ['an empty sensor id', { ...good.traffic, sensorId: '' }],
    ['a sensor id with spaces', { ...good.traffic, sensorId: 'a b' }],
    ['a timestamp as text', { ...good.traffic, ts: '2026-06-16T08:00:00Z' }],
    ['a fractional timestamp', { ...good.traffic, ts: ts + 0.5 }],
    ['negative flow', withValues('traffic', { flowVehH: -1 })],
    ['NaN speed', withValues('traffic', { speedKmh: Number.NaN })],
    ['infinite speed', withValues('traffic', { speedKmh: Number.POSITIVE_INFINITY })],
    ['occupancy above 100 %', withValues('traffic', { occupancyPct: 101 })],
    ['speed as a string', withValues('traffic', { speedKmh: '50' })],
    ['an extra field', withValues('traffic', { colour: 'red' })],
    ['air temperature of 80 °C', withValues('climate', { airTempC: 80 })],
    ['humidity of 120 %', withValues('climate', { relHumidityPct: 120 })],
    ['negative solar radiation', withValues('climate', { solarWm2: -3 })],
    ['missing humidity', { ...good.climate, values: { airTempC: 20, windKmh: 1, solarWm2: 0 } }],
    ['fractional free spaces', withValues('parking', { freeSpaces: 10.5 })],
    ['a missing open flag', { ...good.parking, values: { freeSpaces: 3 } }],
    ['a charge point with an unknown status', withValues('charging', { points: [{ id: 'x', status: 'AVAILABLE', powerKw: 0 }] })],
    ['a site without charge points', withValues('charging', { points: [] })],
    ['null', null],
    ['an array', [good.traffic]],
  ])('reject %s', (_what, reading) => {
    expect(readingSchema.safeParse(reading).success).toBe(false);
  });
});
