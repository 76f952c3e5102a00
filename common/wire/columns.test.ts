import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../protocol.js';
import { CHARGE_POINT_STATUSES, SENSOR_KINDS } from '../readings.js';
import { LOS_CLASSES } from '../derived.js';
import { columnsToEntries, decodeColumns, encodeColumns, encodeColumnsInSteps, gatherBlock, registryFingerprint } from './columns.js';

/** What a JSON client receives: the entry after JSON.stringify and JSON.parse (-0 becomes 0, and so on). */
const asJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// Numbers as feeds and models produce them: integers, one or two decimals, and full doubles.
const num = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
    fc.integer({ min: Math.ceil(min * 10), max: Math.floor(max * 10) }).map((x) => x / 10),
    fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((x) => x / 100),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  );
const ts = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });

const traffic = fc.record({
  reading: fc.record({
    kind: fc.constant('traffic' as const),
    ts,
    values: fc.record({ flowVehH: num(0, 20_000), speedKmh: num(0, 250), occupancyPct: num(0, 100) }),
  }),
  derived: fc.record({ kind: fc.constant('traffic' as const), speedRatio: num(0, 3), los: fc.constantFrom(...LOS_CLASSES), volumeCapacityRatio: num(0, 3), travelTimeIndex: num(1, 20) }),
});
const climate = fc.record({
  reading: fc.record({
    kind: fc.constant('climate' as const),
    ts,
    values: fc.record(
      { airTempC: num(-50, 60), relHumidityPct: num(0, 100), windKmh: num(0, 250), solarWm2: num(0, 1500), pressureHpa: num(800, 1100) },
      { requiredKeys: ['airTempC', 'relHumidityPct', 'windKmh', 'solarWm2'] },
    ),
  }),
  derived: fc.oneof(
    fc.record({ kind: fc.constant('climate' as const), utciC: num(-60, 60), utciCategory: fc.constantFrom('no-thermal-stress', 'strong-heat-stress'), tmrtC: num(-60, 90), heatIndexC: num(-50, 70) }),
    fc.record({ kind: fc.constant('climate' as const), utciC: fc.constant(null), utciCategory: fc.constant(null), tmrtC: num(-60, 90), heatIndexC: num(-50, 70) }),
  ),
});
const parking = fc.record({
  reading: fc.record({
    kind: fc.constant('parking' as const),
    ts,
    values: fc.record({ freeSpaces: fc.nat(100_000), capacity: fc.integer({ min: 1, max: 100_000 }), open: fc.boolean() }, { requiredKeys: ['freeSpaces', 'open'] }),
  }),
  derived: fc.record({ kind: fc.constant('parking' as const), capacity: fc.nat(100_000), occupancyPct: num(0, 100) }),
});
const charging = fc.record({
  reading: fc.record({
    kind: fc.constant('charging' as const),
    ts,
    values: fc.record({
      points: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), status: fc.constantFrom(...CHARGE_POINT_STATUSES), powerKw: num(0, 1000) }), { minLength: 1, maxLength: 12 }),
    }),
  }),
  derived: fc.record({
    kind: fc.constant('charging' as const),
    total: fc.nat(64),
    counts: fc.record(Object.fromEntries(CHARGE_POINT_STATUSES.map((s) => [s, fc.nat(64)])) as Record<(typeof CHARGE_POINT_STATUSES)[number], fc.Arbitrary<number>>),
    powerKw: num(0, 5000),
  }),
});

/** Entries of mixed kinds, each with its own sensor of a registry of `size` and a receivedAt. */
const entries = fc.array(fc.tuple(fc.oneof(traffic, climate, parking, charging), fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 })), { maxLength: 60 }).map((list) =>
  list.map(([e, receivedAt], i) => ({ ...e, reading: { sensorId: `s${i}`, ...e.reading }, receivedAt }) as unknown as LiveEntry),
);

function roundTrip(list: LiveEntry[]): LiveEntry[] {
  const ids = list.map((e) => e.reading.sensorId);
  const at = new Map(ids.map((id, i) => [id, i]));
  return decodeColumns(encodeColumns(list, (id) => at.get(id))).flatMap((cols) => columnsToEntries(cols, ids));
}

describe('columnar entries', () => {
  it('decode to the JSON entry, for every kind and any values', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const back = roundTrip(list);
        // Grouped by kind on the wire: compare per sensor.
        const byId = new Map(back.map((e) => [e.reading.sensorId, e]));
        expect(back).toHaveLength(list.length);
        for (const e of list) expect(byId.get(e.reading.sensorId)).toStrictEqual(asJson(e));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an omitted optional value omitted and a null null', () => {
    const [withoutPressure] = roundTrip([
      {
        reading: { sensorId: 'c', kind: 'climate', ts: 1, values: { airTempC: 20.5, relHumidityPct: 50, windKmh: 3.2, solarWm2: 0 } },
        derived: { kind: 'climate', utciC: null, utciCategory: null, tmrtC: 20.1, heatIndexC: 20.5 },
        receivedAt: 2,
      },
    ]);
    expect('pressureHpa' in withoutPressure.reading.values).toBe(false);
    expect(withoutPressure.derived).toMatchObject({ utciC: null, utciCategory: null });
  });

  it('writes a kind given in several blocks as the one block of all its entries (own and generated sensors)', () => {
    fc.assert(
      fc.property(entries, fc.nat(), (list, cut) => {
        const at = new Map(list.map((e, i) => [e.reading.sensorId, i]));
        const indexOf = (id: string) => at.get(id);
        const [head, tail] = [list.slice(0, cut % (list.length + 1)), list.slice(cut % (list.length + 1))];
        // the tail's entries as blocks per kind, some kinds in two blocks
        const blocks = SENSOR_KINDS.flatMap((kind) => {
          const ofKind = tail.filter((e) => e.reading.kind === kind);
          const half = Math.floor(ofKind.length / 2);
          return [ofKind.slice(0, half), ofKind.slice(half)].map((part) => gatherBlock(kind, part, indexOf));
        });
        expect(encodeColumns(head, indexOf, blocks)).toEqual(encodeColumns(list, indexOf));
      }),
      { numRuns: 200 },
    );
  });

  it('written in steps, a step per column, gives the same message as written at once', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const at = new Map(list.map((e, i) => [e.reading.sensorId, i]));
        const indexOf = (id: string) => at.get(id);
        const steps = encodeColumnsInSteps(list, indexOf);
        let paused = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) paused += 1;
        expect(step.value).toEqual(encodeColumns(list, indexOf));
        // at least one pause per kind present (its index, times and fields)
        expect(paused).toBeGreaterThanOrEqual(new Set(list.map((e) => e.reading.kind)).size * 2);
      }),
      { numRuns: 100 },
    );
  });

  it('sends -0 as 0, as JSON does (found by the property above)', () => {
    const e = {
      reading: { sensorId: 's0', kind: 'climate', ts: 1_600_000_000_000, values: { airTempC: -0, relHumidityPct: 0, windKmh: 0, solarWm2: 0 } },
      derived: { kind: 'climate', utciC: 0, utciCategory: 'no-thermal-stress', tmrtC: 0, heatIndexC: 0 },
      receivedAt: 1_600_000_000_000,
    } as LiveEntry;
    expect(roundTrip([e])).toStrictEqual([asJson(e)]);
  });

  it('stores one-decimal values as small integers, not doubles', () => {
    const list: LiveEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      reading: { sensorId: `t${i}`, kind: 'traffic', ts: 1_781_591_230_000 + i, values: { flowVehH: 800 + i, speedKmh: 40 + (i % 10) / 10, occupancyPct: 12.5 } },
      derived: { kind: 'traffic', speedRatio: 0.8, los: 'C', volumeCapacityRatio: 0.5, travelTimeIndex: 1.25 },
      receivedAt: 1_781_591_231_000,
    }));
    const bytes = encodeColumns(list, (id) => Number(id.slice(1)));
    // index (u16) + ts (u16) + flow (u16) + speed (u8) per entry, constants for the rest: about 7 bytes, JSON about 300
    expect(bytes.byteLength).toBeLessThan(1000 * 8);
    expect(JSON.stringify(list).length).toBeGreaterThan(1000 * 250);
    expect(roundTrip(list)).toStrictEqual(list);
  });

  it('refuses a sensor outside the registry and a truncated message', () => {
    const e = asJson({ reading: { sensorId: 'x', kind: 'parking', ts: 1, values: { freeSpaces: 1, open: true } }, derived: { kind: 'parking', capacity: 2, occupancyPct: 50 }, receivedAt: 1 }) as LiveEntry;
    expect(() => encodeColumns([e], () => undefined)).toThrow(/not in the registry/);
    const bytes = encodeColumns([e], () => 0);
    expect(() => decodeColumns(bytes.subarray(0, bytes.length - 2))).toThrow(/truncated/);
  });

  it('an empty message decodes to no kinds', () => {
    expect(decodeColumns(encodeColumns([], () => 0))).toEqual([]);
    expect(SENSOR_KINDS.length).toBeLessThan(256);
  });

  it('fingerprints a registry by its ids in order', () => {
    expect(registryFingerprint(['a', 'b'])).toBe(registryFingerprint(['a', 'b']));
    expect(registryFingerprint(['a', 'b'])).not.toBe(registryFingerprint(['b', 'a']));
    expect(registryFingerprint(['ab'])).not.toBe(registryFingerprint(['a', 'b']));
    expect(registryFingerprint([])).toMatch(/^0:/);
  });
});
