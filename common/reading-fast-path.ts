import type { Reading } from './readings.js';

/**
 * A fast path in front of `readingSchema` for the readings that make up nearly all of a large city's
 * traffic (traffic, climate, parking; charging always takes zod): plain checks of the same rules, and
 * a copy in the shape zod's output has. It only ever accepts — anything it is not sure of (a missing
 * or extra key, a value out of range, an undefined optional) returns null and goes through zod, which
 * decides and words the refusal. So the schema in readings.ts stays the one definition of a valid
 * reading; reading-fast-path.test.ts checks that whatever this accepts, zod accepts alike.
 * Why: at 100,000 sensors zod's general machinery was a tenth of the ingest stage's time and more of
 * its garbage (bench/scale-server.bench.ts).
 */

const SENSOR_ID = /^[A-Za-z0-9_.:-]+$/;

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

const num = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const int = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Own enumerable keys, exactly `required` plus any of `optional` present with a defined value. */
function hasExactKeys(o: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) return false;
    n++;
  }
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(o, k)) return false;
  let extra = 0;
  for (const k of optional) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (o[k] === undefined) return false;
    extra++;
  }
  return n === required.length + extra;
}

/** The reading as zod would return it, or null when zod must look at it. */
export function fastReading(raw: unknown): Reading | null {
  if (!isPlain(raw) || !hasExactKeys(raw, ['sensorId', 'ts', 'kind', 'values'])) return null;
  const { sensorId, ts, kind, values: v } = raw;
  if (typeof sensorId !== 'string' || sensorId.length < 1 || sensorId.length > 100 || !SENSOR_ID.test(sensorId)) return null;
  if (!int(ts, 1, Number.MAX_SAFE_INTEGER) || !isPlain(v)) return null;
  switch (kind) {
    case 'parking':
      if (!hasExactKeys(v, ['freeSpaces', 'open'], ['capacity'])) return null;
      if (!int(v.freeSpaces, 0, 100_000) || typeof v.open !== 'boolean') return null;
      if (v.capacity !== undefined && !int(v.capacity, 1, 100_000)) return null;
      return {
        sensorId,
        ts,
        kind,
        values: v.capacity === undefined ? { freeSpaces: v.freeSpaces, open: v.open } : { freeSpaces: v.freeSpaces, capacity: v.capacity, open: v.open },
      };
    case 'climate':
      if (!hasExactKeys(v, ['airTempC', 'relHumidityPct', 'windKmh', 'solarWm2'], ['pressureHpa'])) return null;
      if (!num(v.airTempC, -50, 60) || !num(v.relHumidityPct, 0, 100) || !num(v.windKmh, 0, 250) || !num(v.solarWm2, 0, 1500)) return null;
      if (v.pressureHpa !== undefined && !num(v.pressureHpa, 800, 1100)) return null;
      return {
        sensorId,
        ts,
        kind,
        values:
          v.pressureHpa === undefined
            ? { airTempC: v.airTempC, relHumidityPct: v.relHumidityPct, windKmh: v.windKmh, solarWm2: v.solarWm2 }
            : { airTempC: v.airTempC, relHumidityPct: v.relHumidityPct, windKmh: v.windKmh, solarWm2: v.solarWm2, pressureHpa: v.pressureHpa },
      };
    case 'traffic':
      if (!hasExactKeys(v, ['flowVehH', 'speedKmh', 'occupancyPct'])) return null;
      if (!num(v.flowVehH, 0, 20_000) || !num(v.speedKmh, 0, 250) || !num(v.occupancyPct, 0, 100)) return null;
      return { sensorId, ts, kind, values: { flowVehH: v.flowVehH, speedKmh: v.speedKmh, occupancyPct: v.occupancyPct } };
    default:
      return null;
  }
}
