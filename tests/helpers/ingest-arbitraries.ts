import fc from 'fast-check';
import { ttnUplink } from './ttn.js';

/**
 * fast-check arbitraries for the ingest fuzz suite: garbage of every depth (bytes, any JSON, readings
 * and TTN uplinks with one thing wrong), and slots for valid readings that the test fills in when it
 * sends them, so their timestamps are fresh and strictly increasing.
 *
 * Garbage never names the sensors the valid readings use (VALID_PARKING, TTN_VALID_DEVICE), so a
 * piece of garbage that happens to be valid can never make a valid reading outdated.
 */

/** Car parks that only valid readings (HTTP and generic MQTT) report to. */
export const VALID_PARKING = [
  'parking-p2-dr-ruer-platz',
  'parking-p3-rathaus-bvz',
  'parking-p6-hauptbahnhof-buddenbergplatz',
  'parking-p8-konrad-adenauer-platz-bermuda3eck',
  'parking-p9-schauspielhaus',
  'parking-ph-massenbergstrasse',
] as const;
/** The TTN device whose uplinks are valid; it reports parking-p1-husemannplatz. */
export const TTN_VALID_DEVICE = 'zaehler-p1-husemannplatz';
export const TTN_VALID_SENSOR = 'parking-p1-husemannplatz';

const CLIMATE = ['climate-westpark', 'climate-buscheyplatz', 'climate-werner-hellweg', 'climate-zeche-holland', 'climate-agnesstrasse'];
const TTN_GARBAGE_DEVICES = ['bank-westpark', 'bank-buscheyplatz', 'bank-werner-hellweg', 'bank-zeche-holland', 'unbekannt'];

/** A slot for a valid reading: which sensor and what it reports; the ts comes at sending. */
export interface ValidSlot {
  valid: true;
  sensor: number;
  freeSpaces: number;
  open: boolean;
}

export const validSlot: fc.Arbitrary<ValidSlot> = fc.record({
  valid: fc.constant(true as const),
  sensor: fc.nat(VALID_PARKING.length - 1),
  freeSpaces: fc.nat(200),
  open: fc.boolean(),
});

export const validParkingReading = (slot: ValidSlot, ts: number) => ({
  sensorId: VALID_PARKING[slot.sensor],
  kind: 'parking',
  ts,
  values: { freeSpaces: slot.freeSpaces, open: slot.open },
});

export const validTtnUplink = (slot: ValidSlot, ts: number) => ttnUplink(TTN_VALID_DEVICE, ts, { free: slot.freeSpaces, total: 475, open: slot.open ? 1 : 0 });

/** Objects that broke the server once (`String(x)` throws for them) or play with prototypes. */
const nastyObject = fc.constantFrom<unknown>(
  { toString: 1 },
  { valueOf: 1, toString: 1 },
  { toString: null, valueOf: null },
  JSON.parse('{"__proto__":{"sensorId":"x"},"kind":"parking"}'),
  { constructor: 'x' },
);

/** Scalars on a boundary: beyond what a Date holds, the seconds/ms edge, odd strings. */
const nastyScalar = fc.constantFrom<unknown>(
  8.7e15,
  8.64e15,
  -8.64e15,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -0,
  1.5,
  0,
  -1,
  946_684_799_999,
  '',
  'NaN',
  'Infinity',
  '\u0000',
  '🌡️',
  'x'.repeat(300),
  [],
  {},
  null,
  true,
);

const nasty = fc.oneof(nastyObject, nastyScalar);

const anyValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 2, arbitrary: nasty });

/** Timestamps around the interesting edges, relative to the moment of sending (resolved by `ts(now)`). */
const timestamp: fc.Arbitrary<(now: number) => unknown> = fc.oneof(
  fc.integer({ min: -10 * 60_000, max: 10 * 60_000 }).map((d) => (now: number) => now + d),
  // one fixed instant per batch or message set: repeats make duplicates and corrections
  fc.constant((now: number) => now - 5000),
  fc.constantFrom(48, 49).map((h) => (now: number) => now - h * 3_600_000),
  fc.constant((now: number) => Math.floor(now / 1000)),
  fc.constant((now: number) => now * 1000),
  fc.constant(() => Date.UTC(2000, 0, 1, 0, 5)),
  anyValue.map((v) => () => v),
);

/** A climate reading that is valid as generated; mutations then break (or keep) it. */
const climateBase = fc.record({
  sensorId: fc.constantFrom(...CLIMATE),
  airTempC: fc.double({ min: -50, max: 60, noNaN: true }),
  relHumidityPct: fc.integer({ min: 0, max: 100 }),
  windKmh: fc.double({ min: 0, max: 250, noNaN: true }),
  solarWm2: fc.integer({ min: 0, max: 1500 }),
});

type Draft = Record<string, unknown>;

/** The draft's values as an object to write into, made one if a mutation before replaced or removed it. */
function valuesOf(r: Draft): Record<string, unknown> {
  if (typeof r.values !== 'object' || r.values === null || Array.isArray(r.values)) r.values = {};
  return r.values as Record<string, unknown>;
}

const mutation: fc.Arbitrary<(r: Draft, now: number) => void> = fc.oneof(
  // a valid change of one value: a correction when it meets a reading of the same instant
  fc.integer({ min: 0, max: 100 }).map((h) => (r: Draft) => void (valuesOf(r).relHumidityPct = h)),
  fc.record({ field: fc.constantFrom('sensorId', 'kind', 'ts', 'values'), value: anyValue }).map(({ field, value }) => (r: Draft) => void (r[field] = value)),
  { weight: 3, arbitrary: fc.record({ field: fc.constantFrom('sensorId', 'kind', 'ts', 'values'), value: nasty }).map(({ field, value }) => (r: Draft) => void (r[field] = value)) },
  fc.constantFrom('traffic-a40-1', 'parking-p1-husemannplatz', 'charging-hbf', 'nirgendwo', 'climate westpark').map((id) => (r: Draft) => void (r.sensorId = id)),
  fc.constantFrom('parking', 'traffic', 'charging', 'Climate').map((kind) => (r: Draft) => void (r.kind = kind)),
  // a valid car-park reading on a climate station: a kind mismatch
  fc.constant((r: Draft) => {
    r.kind = 'parking';
    r.values = { freeSpaces: 5, open: true };
  }),
  // the time rules get the most attention: weighted up
  { weight: 5, arbitrary: timestamp.map((ts) => (r: Draft, now: number) => void (r.ts = ts(now))) },
  fc.record({ key: fc.constantFrom('airTempC', 'relHumidityPct', 'windKmh', 'solarWm2', 'pressureHpa', 'extra'), value: fc.oneof(fc.double(), anyValue) }).map(({ key, value }) => (r: Draft) => void (valuesOf(r)[key] = value)),
  fc.constantFrom('sensorId', 'kind', 'ts', 'values').map((key) => (r: Draft) => void delete r[key]),
  anyValue.map((value) => (r: Draft) => void (r.extra = value)),
);

/** A reading with up to three things wrong (or none): made at sending, for its `now`. */
export const nearMissReading: fc.Arbitrary<(now: number) => unknown> = fc
  .record({ base: climateBase, agoMs: fc.integer({ min: 0, max: 120_000 }), mutations: fc.array(mutation, { maxLength: 3, size: 'xsmall' }) })
  .map(({ base, agoMs, mutations }) => (now: number) => {
    const { sensorId, ...values } = base;
    const draft: Draft = { sensorId, kind: 'climate', ts: now - agoMs, values };
    for (const mutate of mutations) mutate(draft, now);
    return draft;
  });

/** Anything that might sit in a posted array. */
export const garbageItem: fc.Arbitrary<(now: number) => unknown> = fc.oneof(nearMissReading, anyValue.map((v) => () => v));

/** A TTN uplink with something wrong, for a device the valid uplinks do not use. */
export const nearMissUplink: fc.Arbitrary<{ deviceId: string; payload: (now: number) => unknown }> = fc
  .record({
    deviceId: fc.constantFrom(...TTN_GARBAGE_DEVICES),
    temperature: fc.oneof(fc.double({ min: -60, max: 70, noNaN: true }), anyValue),
    receivedAt: fc.oneof(
      fc.integer({ min: -3_600_000, max: 3_600_000 }).map((d) => (now: number) => new Date(now + d).toISOString()),
      fc.constantFrom('2026-13-01T00:00:00Z', '1999-12-31T23:59:59Z', '+275760-09-13T00:00:00.000Z', 'gestern').map((s) => () => s),
      anyValue.map((v) => () => v),
    ),
    breakAt: fc.constantFrom('none', 'end_device_ids', 'uplink_message', 'decoded_payload', 'device_id', 'root'),
    junk: anyValue,
  })
  .map(({ deviceId, temperature, receivedAt, breakAt, junk }) => ({
    deviceId,
    payload: (now: number) => {
      const u = ttnUplink(deviceId, now, { temperature_c: temperature, humidity_pct: 50, wind_speed_ms: 2, solar_wm2: 400 }) as Record<string, any>;
      u.uplink_message.received_at = receivedAt(now);
      if (breakAt === 'root') return junk;
      if (breakAt === 'end_device_ids') u.end_device_ids = junk;
      if (breakAt === 'uplink_message') u.uplink_message = junk;
      if (breakAt === 'decoded_payload') u.uplink_message.decoded_payload = junk;
      if (breakAt === 'device_id') u.end_device_ids.device_id = junk;
      return u;
    },
  }));

/**
 * A topic level: letters, digits, the odd special character, now and then a real kind or id.
 * No `/`, `+`, `#`, NUL or control characters: brokers refuse those in a PUBLISH and drop the client,
 * so they would test the broker, not Stadtpuls.
 */
export const topicLevel: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcxyzAZ019-_.:@ äöß€😀'.split(/(?:)/u)), maxLength: 24 }),
  fc.constantFrom('climate', 'parking', 'traffic', 'charging', ...CLIMATE, 'nirgendwo', ''),
);

/** Bytes, text that is almost JSON, and any JSON: what a broken sender puts on the wire. */
export const rawPayload: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.constantFrom('{', '[', '{"sensorId":', 'null', '""', '\ufeff{}', '{"a":1}}', '0'.repeat(5000)).map((s) => Buffer.from(s)),
);
