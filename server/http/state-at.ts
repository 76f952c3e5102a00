import type { PastState } from '../../common/history.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { alertSchema, trafficClosureSchema, type DistrictHeatFigures, type Alert, type TrafficClosure } from '../../common/protocol.js';
import type { HistoryStore } from '../store/history-store.js';

/**
 * The city as it was at one instant, from the history store: what GET /api/state?at= answers and
 * what the time cursor draws.
 */

export interface PastStateDeps {
  store: HistoryStore;
  /** the Stadtbezirke, in the order the live snapshot lists them */
  districts: ReadonlyArray<{ id: string; name: string }>;
  /** the stream's sequence number and instance, so the answer has the live /api/state's shape */
  live: () => { seq: number; instance: string };
}

/** District figures come from climate stations, so they go stale when the stations do. */
const DISTRICT_MAX_AGE_MS = STALE_AFTER_MS.climate;

export async function pastState(d: PastStateDeps, run: string, at: number): Promise<PastState> {
  const [entries, districts, alerts, closures] = await Promise.all([
    d.store.stateAt(run, at, (kind) => STALE_AFTER_MS[kind]),
    districtsAt(d, run, at),
    d.store.activeAt(run, 'alert', at).then((bodies) => valid<Alert>(bodies, alertSchema)),
    // planned closures are on record from when they were set, but in force only from their start to their end
    d.store.activeAt(run, 'closure', at).then((bodies) => valid<TrafficClosure>(bodies, trafficClosureSchema).filter((c) => c.since <= at && (c.until === undefined || at < c.until))),
  ]);
  return { ...d.live(), serverTime: Date.now(), cityTime: at, at, run, entries, districts, alerts, closures };
}

/** The latest district sample at or before `at`: a raw sample while raw rows are kept, else the 1 min mean. */
async function districtsAt(d: PastStateDeps, run: string, at: number): Promise<DistrictHeatFigures[]> {
  const figures = await Promise.all(
    d.districts.map(async (district): Promise<DistrictHeatFigures | null> => {
      let points = await d.store.series(run, 'district', district.id, at - DISTRICT_MAX_AGE_MS, at, 'raw');
      if (points.length === 0) points = await d.store.series(run, 'district', district.id, at - DISTRICT_MAX_AGE_MS, at, '1m');
      const v = points.at(-1)?.values;
      if (!v || v.meanUtciC === undefined || v.maxUtciC === undefined || v.shareStrongOrWorse === undefined) return null;
      return {
        districtId: district.id,
        name: district.name,
        meanUtciC: v.meanUtciC,
        maxUtciC: v.maxUtciC,
        shareStrongOrWorse: v.shareStrongOrWorse,
        ...(v.shareModerateOrWorse !== undefined && { shareModerateOrWorse: v.shareModerateOrWorse }),
        ...(v.shareVeryStrongOrWorse !== undefined && { shareVeryStrongOrWorse: v.shareVeryStrongOrWorse }),
        hoursHeatStressToday: v.hoursHeatStressToday ?? 0,
      };
    }),
  );
  return figures.filter((f): f is DistrictHeatFigures => f !== null);
}

/** Stored bodies are what this server wrote; one that no longer fits today's schema is left out rather than sent malformed. */
function valid<T>(bodies: unknown[], schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } }): T[] {
  return bodies.flatMap((b) => {
    const parsed = schema.safeParse(b);
    return parsed.success ? [parsed.data] : [];
  });
}
