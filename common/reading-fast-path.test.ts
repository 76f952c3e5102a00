import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastReading } from './reading-fast-path.js';
import { readingSchema } from './readings.js';

const ts = Date.parse('2024-08-13T15:00:00+02:00');
const valid = {
  parking: { sensorId: 'gen-p-000001', ts, kind: 'parking', values: { freeSpaces: 0, capacity: 1, open: true } },
  parkingNoCapacity: { sensorId: 'parking-p1', ts, kind: 'parking', values: { freeSpaces: 12, open: false } },
  climate: { sensorId: 'gen-c-000001', ts, kind: 'climate', values: { airTempC: 31.2, relHumidityPct: 40, windKmh: 3.5, solarWm2: 810.5 } },
  climatePressure: { sensorId: 'climate-westpark', ts, kind: 'climate', values: { airTempC: -50, relHumidityPct: 100, windKmh: 0, solarWm2: 1500, pressureHpa: 1013.2 } },
  traffic: { sensorId: 'gen-t-000001', ts, kind: 'traffic', values: { flowVehH: 1800, speedKmh: 62.5, occupancyPct: 14.1 } },
};

describe('the reading fast path', () => {
  it.each(Object.entries(valid))('accepts a valid %s reading exactly as zod returns it (same keys, same order)', (_name, raw) => {
    const fast = fastReading(raw);
    expect(fast).not.toBeNull();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(readingSchema.parse(raw)));
    // a copy, as zod's: the caller's object does not become the live state's
    expect(fast).not.toBe(raw);
    expect(fast!.values).not.toBe(raw.values);
  });

  it.each([
    ['an extra key', { ...valid.traffic, extra: 1 }],
    ['an extra value', { ...valid.traffic, values: { ...valid.traffic.values, lanes: 2 } }],
    ['a missing value', { ...valid.traffic, values: { flowVehH: 1, speedKmh: 2 } }],
    ['an undefined optional', { ...valid.climate, values: { ...valid.climate.values, pressureHpa: undefined } }],
    ['a value out of range', { ...valid.climate, values: { ...valid.climate.values, airTempC: 60.1 } }],
    ['NaN', { ...valid.traffic, values: { ...valid.traffic.values, speedKmh: NaN } }],
    ['a fractional count', { ...valid.parking, values: { ...valid.parking.values, freeSpaces: 0.5 } }],
    ['capacity 0', { ...valid.parking, values: { ...valid.parking.values, capacity: 0 } }],
    ['a bad id', { ...valid.parking, sensorId: 'a b' }],
    ['a long id', { ...valid.parking, sensorId: 'x'.repeat(101) }],
    ['ts in seconds as a float', { ...valid.parking, ts: 1.5 }],
    ['ts 0', { ...valid.parking, ts: 0 }],
    ['a class instance', Object.assign(Object.create({ inherited: 1 }), valid.parking)],
    ['a charging site (zod decides)', { sensorId: 'c1', ts, kind: 'charging', values: { points: [{ id: 'a', status: 'available', powerKw: 0 }] } }],
    ['an unknown kind', { ...valid.parking, kind: 'noise' }],
  ])('leaves %s to zod', (_name, raw) => {
    expect(fastReading(raw)).toBeNull();
  });

  it('accepts nothing zod refuses, and returns what zod returns (property test over near-valid readings)', () => {
    // Mostly values in range (so a share passes), sometimes anything else.
    const anyValue = fc.oneof(
      { arbitrary: fc.constantFrom(0, 1, 12, 50.5, 99.9, 100), weight: 12 },
      { arbitrary: fc.oneof(fc.double(), fc.integer({ min: -10, max: 200_000 }), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 })), weight: 1 },
    );
    const values = fc.oneof(
      fc.record({ freeSpaces: anyValue, capacity: anyValue, open: fc.oneof(fc.boolean(), anyValue) }, { requiredKeys: ['freeSpaces', 'open'] }),
      fc.record({ airTempC: anyValue, relHumidityPct: anyValue, windKmh: anyValue, solarWm2: anyValue, pressureHpa: fc.oneof(fc.constant(1013), anyValue) }, { requiredKeys: ['airTempC', 'relHumidityPct', 'windKmh', 'solarWm2'] }),
      fc.record({ flowVehH: anyValue, speedKmh: anyValue, occupancyPct: anyValue, extra: anyValue }, { requiredKeys: ['flowVehH', 'speedKmh', 'occupancyPct'] }),
    );
    const reading = fc.record(
      {
        sensorId: fc.oneof({ arbitrary: fc.constantFrom('gen-p-000001', 'a.b:c-d_e'), weight: 8 }, { arbitrary: fc.string({ maxLength: 4 }), weight: 1 }),
        ts: fc.oneof({ arbitrary: fc.constant(ts), weight: 8 }, { arbitrary: fc.oneof(fc.double(), fc.integer()), weight: 1 }),
        kind: fc.constantFrom('parking', 'climate', 'traffic', 'charging', 'x'),
        values,
        more: fc.anything(),
      },
      { requiredKeys: ['sensorId', 'ts', 'kind', 'values'] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(reading, (raw) => {
        const fast = fastReading(raw);
        if (fast === null) return;
        accepted++;
        const zod = readingSchema.safeParse(raw);
        expect(zod.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      }),
      { numRuns: 20_000, seed: 13 },
    );
    // the property is not empty: a share of the generated readings takes the fast path
    expect(accepted).toBeGreaterThan(100);
  });
});
