import { startOfBochumDay } from '../../../common/bochum-time.js';
import { STEP_MS } from '../../../common/history.js';
import type { StationClimate } from '../../../common/models/heat-plan.js';
import { evaluatePlanDay, type DayFrame, type PlanDay } from '../../../common/models/plan-day.js';
import { windAt10mMs } from '../../../common/models/wind.js';
import { ringsBounds } from '../../../common/geo-bounds.js';
import { VersionedStore } from '../live/versioned-store.js';
import type { CityModel } from '../map/city-model.js';
import { fetchSeries } from '../time/history-api.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import type { WhatIfStore } from './whatif-store.js';

const STEP = '15m' as const;
const DAY_MS = 86_400_000;
/** Waits this long after the last change of the plan before evaluating the day (drawing moves it often). */
const SETTLE_MS = 600;

/**
 * The plan over the Bochum day of the displayed instant, for the compare table: the climate stations'
 * stored quarter-hour means of that day (the same series the places panel counts hours from), the
 * plan evaluated at each (common/models/plan-day.ts). Fetches when the day changes, re-evaluates
 * when the plan changes; while the compare view is closed it does nothing.
 */
export class PlanDayLoader extends VersionedStore {
  day: PlanDay | null = null;
  loading = false;
  error: string | null = null;
  private frames: { key: string; frames: DayFrame[] } | null = null;
  private evaluated: string | null = null;
  private timer: number | null = null;
  private aborter: AbortController | null = null;

  constructor(
    private readonly whatIf: WhatIfStore,
    private readonly shown: DisplayedCity,
    private readonly city: CityModel,
  ) {
    super();
  }

  /** Follows the what-if store while the compare view is open; returns the unsubscribe. */
  start(): () => void {
    const off = this.whatIf.subscribe(() => this.schedule());
    this.schedule();
    return () => {
      off();
      this.aborter?.abort();
      if (this.timer !== null) window.clearTimeout(this.timer);
    };
  }

  private schedule(): void {
    if (!this.whatIf.comparing || this.timer !== null) return;
    this.timer = window.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, SETTLE_MS);
  }

  private async refresh(): Promise<void> {
    const now = this.shown.view().cityNow();
    const frame = this.whatIf.planFrame();
    if (now === null || !frame) return;
    const from = startOfBochumDay(now);
    // a day's quarter-hours arrive as the city's clock runs: fetch again once an hour of city time has been stored
    const liveNow = this.shown.live.cityNow();
    const dayKey = `${from}/${liveNow !== null && liveNow < from + DAY_MS ? Math.floor(liveNow / 3_600_000) : 'done'}`;
    const key = `${dayKey}/${this.whatIf.planKey}`;
    if (this.frames?.key === dayKey && this.evaluated === key) return;
    try {
      if (this.frames?.key !== dayKey) {
        this.aborter?.abort();
        this.aborter = new AbortController();
        this.loading = true;
        this.notify();
        this.frames = { key: dayKey, frames: await this.fetchFrames(from, from + DAY_MS, this.aborter.signal) };
      }
      const frames = this.frames.frames;
      const [w, s, e, n] = ringsBounds(this.city.boundaryRings);
      // the span the stored quarter-hours cover (a replay started at 06:00 has no night before it)
      const first = frames.length ? Math.max(from, frames[0].t) : from;
      const to = frames.length ? Math.min(from + DAY_MS, frames[frames.length - 1].t + STEP_MS[STEP]) : from;
      this.day = evaluatePlanDay(frame, frames, this.whatIf.measures(), { stepMs: STEP_MS[STEP], from: first, to, centre: [(w + e) / 2, (s + n) / 2] });
      this.evaluated = key;
      this.error = null;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.error = (err as Error).message;
    } finally {
      this.loading = false;
      this.notify();
    }
  }

  /** The stations' quarter-hour means of the day as frames of StationClimate (a bucket without UTCI is left out). */
  private async fetchFrames(from: number, to: number, signal: AbortSignal): Promise<DayFrame[]> {
    const series = await Promise.all(this.city.climate.map(async (s) => ({ s, points: (await fetchSeries('sensors', s.id, from, to - 1, STEP, signal)).points })));
    const byT = new Map<number, StationClimate[]>();
    for (const { s, points } of series) {
      for (const p of points) {
        const v = p.values;
        const utciC = p.derived.utciC;
        if (typeof utciC !== 'number' || [v.airTempC, v.relHumidityPct, v.windKmh, v.solarWm2].some((x) => typeof x !== 'number')) continue;
        let list = byT.get(p.t);
        if (!list) byT.set(p.t, (list = []));
        list.push({ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], airTempC: v.airTempC, relHumidityPct: v.relHumidityPct, wind10mMs: windAt10mMs(v.windKmh), solarWm2: v.solarWm2, utciC });
      }
    }
    return [...byT].sort((a, b) => a[0] - b[0]).map(([t, stations]) => ({ t, stations }));
  }
}
