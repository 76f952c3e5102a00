import type { DistrictHeatFigures, Alert, LiveEntry, NightCount, NightFigure, TrafficClosure } from '../../../common/protocol.js';
import type { PastState } from '../../../common/history.js';
import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import type { LiveColumns } from '../live/live-columns.js';
import type { KindVersions } from '../live/live-store.js';
import type { Kpis } from '../../../common/kpis.js';
import type { WorstLink } from '../../../common/traffic-ranking.js';

/**
 * What every panel and map layer reads: the city at one instant, live or past. The live store
 * and a past state fetched from `/api/state?at=` both appear through this one shape, so nothing
 * downstream needs to know which one it draws.
 */
export interface CityView {
  readonly entries: ReadonlyMap<string, LiveEntry>;
  /** per-kind versions for the layers' updateTriggers; they only ever grow, across live and past alike */
  readonly versions: KindVersions;
  readonly districts: readonly DistrictHeatFigures[];
  readonly alerts: readonly Alert[];
  readonly closures: readonly TrafficClosure[];
  /** night minimum per climate station, by sensor id (live in the columnar form: the registry's own stations only) */
  readonly nights: ReadonlyMap<string, NightFigure>;
  /** every station's night counted by the server (live); absent or null: count `nights` */
  readonly nightCount?: NightCount | null;
  /** the city time shown: the extrapolated present when live, the cursor's instant when past */
  cityNow(now?: number): number | null;
  /**
   * City-wide KPIs computed by the server: the live entries may cover only the area the map subscribed to,
   * and a columnar past state has entries of the real sensors only. Absent: compute them from `entries`
   * (a past state in JSON has every sensor).
   */
  readonly kpis?: Kpis | null;
  /** the city's five worst links from the server (live, or a columnar past state), for the same reason */
  readonly worstLinks?: readonly WorstLink[] | null;
  /**
   * Every sensor's values as typed arrays (the columnar form, live or past): SCALE's generated sensors are
   * kept there alone, not in `entries`. Absent: everything is in `entries` (the JSON form).
   */
  readonly columns?: LiveColumns | null;
  /**
   * The history run a past view was read from (a demo tour plays recordings): whatever else is asked
   * about the instant shown must name this run with it. Absent: the server's current run.
   */
  readonly run?: string;
}

/**
 * What a view needs of an `/api/state?at=` answer. The columnar answer also brings the past state's columns
 * (SCALE's generated sensors are there alone) and the KPIs and worst links counted over every sensor.
 */
export type PastCity = Pick<PastState, 'entries' | 'districts' | 'alerts' | 'closures'> &
  Partial<Pick<PastState, 'run'>> & { columns?: LiveColumns; kpis?: Kpis; worstLinks?: readonly WorstLink[] };

/**
 * A past state as a view at `at`. The past answer carries no night minima: the view has none, so
 * nothing shows last night's figure of today beside a state of another day.
 */
export function pastView(state: PastCity, at: number, versions: KindVersions): CityView {
  const entries = new Map(state.entries.map((e) => [e.reading.sensorId, e]));
  return {
    entries,
    versions,
    districts: state.districts,
    alerts: state.alerts,
    closures: state.closures,
    nights: new Map(),
    cityNow: () => at,
    run: state.run,
    ...(state.columns && { columns: state.columns }),
    ...(state.kpis && { kpis: state.kpis }),
    ...(state.worstLinks && { worstLinks: state.worstLinks }),
  };
}

/**
 * How many stations have a night figure and how many of those nights are tropical: the server's count when the view
 * has it (the live city; its columnar `nights` leave SCALE's generated stations out), else counted.
 */
export function nightCountOf(view: Pick<CityView, 'nights' | 'nightCount'>): NightCount {
  if (view.nightCount) return view.nightCount;
  let tropical = 0;
  for (const f of view.nights.values()) if (f.tropical) tropical++;
  return { stations: view.nights.size, tropical };
}

export function zeroVersions(): KindVersions {
  return Object.fromEntries(SENSOR_KINDS.map((k) => [k, 0])) as KindVersions;
}

/**
 * The displayed versions after a change. A switch (live ↔ past, or a new past state) bumps every
 * kind; otherwise only the kinds whose live version moved since it was last seen. Displayed versions
 * never repeat a value, so a layer never mistakes the past for the present it drew before.
 */
export function nextVersions(displayed: KindVersions, seenLive: KindVersions, live: KindVersions, switched: boolean): KindVersions {
  const out = { ...displayed };
  for (const k of SENSOR_KINDS as readonly SensorKind[]) {
    if (switched || live[k] !== seenLive[k]) out[k] = displayed[k] + 1;
  }
  return out;
}
