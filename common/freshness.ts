import type { Reading, SensorKind } from './readings.js';

/**
 * How old (in city time) a sensor's latest reading may be before the UI treats it as stale and
 * stops showing its values as current. Generous against each kind's usual reporting cadence:
 * detectors report every minute or so, the smart benches every 5 minutes with gaps of 10–15
 * minutes in the real data, car parks every few minutes, charging sites on change or hourly, the tree
 * sensors every 15–60 minutes (the replayed series keeps one reading an hour, with a missing hour now and then).
 */
export const STALE_AFTER_MS: Record<SensorKind, number> = {
  traffic: 5 * 60_000,
  climate: 20 * 60_000,
  parking: 15 * 60_000,
  charging: 60 * 60_000,
  tree: 3 * 60 * 60_000,
};

export function isStale(reading: Pick<Reading, 'kind' | 'ts'>, cityNow: number): boolean {
  return cityNow - reading.ts > STALE_AFTER_MS[reading.kind];
}
