import { alertSchema, trafficClosureSchema, type Alert, type TrafficClosure } from '../../common/protocol.js';
import type { RunInfo } from '../../common/history.js';
import { bochumDayKey } from '../../common/bochum-time.js';
import type { HeatMonitor } from '../heat/heat-monitor.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import type { ConditionWatch } from '../alerts/alert-conditions.js';
import type { HistoryStore } from '../store/history-store.js';
import type { ClosureStore } from '../traffic/closures.js';

/** Nights run 18:00–08:00: 36 h back covers the night in progress and the one before it. */
const NIGHT_LOOKBACK_MS = 36 * 3_600_000;
const DAY_MS = 86_400_000;

export interface ResumeTargets {
  closures: ClosureStore;
  heat: HeatMonitor;
  alerts: AlertEngine;
  alertConditions: ConditionWatch;
  climateStationIds: readonly string[];
  districtIds: readonly string[];
}

export interface Resumed {
  closures: number;
  alerts: number;
  stationsWithNights: number;
}

/**
 * A restarted server takes up its run where the previous process stopped: closures and incidents
 * still in force, the alert list with each alert's state (acknowledged, shelved …), hours under heat stress so far today and the night minima come back
 * from the history, so a restart neither lifts a closure nor resets the day's figures.
 * A new simulated run has nothing to resume and returns zeros.
 */
export async function resumeRun(store: HistoryStore, run: RunInfo, cityTime: number, t: ResumeTargets): Promise<Resumed> {
  const closures = (await store.activeAt(run.id, 'closure', cityTime)).flatMap((b) => parsed(trafficClosureSchema.safeParse(b)));
  t.closures.restore(closures);
  const alerts = (await store.activeAt(run.id, 'alert', cityTime)).flatMap((b) => parsed(alertSchema.safeParse(b)));
  t.alerts.resume(alerts);
  t.alertConditions.prime(alerts, cityTime);

  const heat = await heatResumeFrom(store, run.id, cityTime, t);
  t.heat.resume(heat);
  return { closures: closures.length, alerts: alerts.length, stationsWithNights: heat.stationsWithNights };
}

/** What the heat monitor resumes from (HeatMonitor.resume): hours under heat stress so far today per district, the night's air temperatures. */
export interface HeatResume {
  cityTime: number;
  hoursToday: Map<string, number>;
  airTemps: Array<{ sensorId: string; t: number; airTempC: number }>;
  stationsWithNights: number;
}

/** Reads a run's heat figures up to `cityTime` from the store, for HeatMonitor.resume. */
export async function heatResumeFrom(store: HistoryStore, runId: string, cityTime: number, t: Pick<ResumeTargets, 'climateStationIds' | 'districtIds'>): Promise<HeatResume> {
  const hoursToday = new Map<string, number>();
  const today = bochumDayKey(cityTime);
  for (const id of t.districtIds) {
    const points = await store.series(runId, 'district', id, cityTime - DAY_MS, cityTime, 'raw');
    const last = points.at(-1);
    if (last && bochumDayKey(last.t) === today && last.values.hoursHeatStressToday !== undefined) hoursToday.set(id, last.values.hoursHeatStressToday);
  }

  const airTemps: Array<{ sensorId: string; t: number; airTempC: number }> = [];
  let stationsWithNights = 0;
  for (const sensorId of t.climateStationIds) {
    // The 1 min minimum keeps the night minimum exact at a fraction of the raw rows.
    const points = await store.series(runId, 'climate', sensorId, cityTime - NIGHT_LOOKBACK_MS, cityTime, '1m');
    for (const p of points) {
      const airTempC = p.min?.airTempC ?? p.values.airTempC;
      if (airTempC !== undefined) airTemps.push({ sensorId, t: p.t, airTempC });
    }
    if (points.length > 0) stationsWithNights += 1;
  }
  return { cityTime, hoursToday, airTemps, stationsWithNights };
}

function parsed<T extends TrafficClosure | Alert>(r: { success: true; data: T } | { success: false }): T[] {
  return r.success ? [r.data] : [];
}
