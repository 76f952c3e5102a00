import type { Delta, DistrictHeatFigures, Alert, LiveEntry, NightCount, NightFigure, ScenarioInfo, Snapshot, TrafficClosure } from '../../../common/protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import type { Kpis } from '../../../common/kpis.js';
import type { WorstLink } from '../../../common/traffic-ranking.js';
import type { KindColumns } from '../../../common/wire/columns.js';
import type { LiveColumns } from './live-columns.js';
import { VersionedStore } from './versioned-store.js';

export type LinkStatus = 'connecting' | 'live' | 'stale' | 'offline';

export type KindVersions = Record<SensorKind, number>;

/** How many missed stream ticks make the link count as stale. */
const STALE_AFTER_TICKS = 3;

/**
 * The live state on the client, kept outside React: deltas arrive every second and
 * only the layers of the kinds that changed need to rebuild. Components subscribe and read
 * `version`; map layers key their updateTriggers on the per-kind versions.
 */
export class LiveStore extends VersionedStore {
  readonly entries = new Map<string, LiveEntry>();
  versions: KindVersions = Object.fromEntries(SENSOR_KINDS.map((k) => [k, 0])) as KindVersions;
  districts: DistrictHeatFigures[] = [];
  alerts: Alert[] = [];
  closures: TrafficClosure[] = [];
  /** closures set to begin later (planned roadworks) */
  plannedClosures: TrafficClosure[] = [];
  /** night minimum per climate station, by sensor id (in the columnar form the registry's own stations only) */
  readonly nights = new Map<string, NightFigure>();
  /** every station's latest night counted, as the server counted it (null from an older server: count `nights`) */
  nightCount: NightCount | null = null;
  /** the city-wide KPIs as the server computed them (null from an older server: compute from the entries) */
  kpis: Kpis | null = null;
  /** the city's five worst links as the server ranked them (null from an older server) */
  worstLinks: WorstLink[] | null = null;
  /** the live values in registry order, when the stream comes in the columnar form (connection.ts) */
  columns: LiveColumns | null = null;
  seq = -1;
  instance: string | null = null;
  scenario: ScenarioInfo | null = null;
  /** the history run the live city is written to; changes with a scenario switch (null from an older server) */
  run: string | null = null;
  tickMs = 1000;
  /** city time at the last message and the local clock when it arrived, to run the header clock between messages */
  cityTimeAt: { cityTime: number; receivedAt: number; speed: number } | null = null;
  lastMessageAt: number | null = null;
  status: LinkStatus = 'connecting';
  private connected = false;

  /**
   * Replaces the state; `decoded` are the message's columns when it came in the columnar form: they
   * hold every sensor, `s.entries` only those the client keeps as entries (connection.ts).
   */
  applySnapshot(s: Snapshot, now = Date.now(), decoded?: readonly KindColumns[]): void {
    this.entries.clear();
    if (decoded && this.columns) {
      this.columns.clear();
      this.columns.applyAll(decoded);
    }
    this.kpis = s.kpis ?? null;
    this.worstLinks = s.worstLinks ?? null;
    for (const e of s.entries) this.entries.set(e.reading.sensorId, e);
    const bumped = { ...this.versions };
    for (const k of SENSOR_KINDS) bumped[k] += 1;
    this.versions = bumped;
    this.districts = s.districts;
    this.alerts = s.alerts;
    this.closures = s.closures;
    this.plannedClosures = s.plannedClosures ?? [];
    this.nights.clear();
    for (const n of s.nights) this.nights.set(n.sensorId, n);
    this.nightCount = s.nightCount ?? null;
    this.seq = s.seq;
    this.instance = s.instance;
    this.scenario = s.scenario;
    this.run = s.run ?? null;
    this.tickMs = s.tickMs;
    this.heard(s.cityTime, now);
    this.notify();
  }

  /**
   * Applies a delta; returns false when it does not follow the last message (the caller then asks for
   * a snapshot). A delta follows the message `baseSeq` when it stands for several ticks (a catch-up
   * after the server held back for a slow client), else the one right before it.
   */
  applyDelta(d: Delta, now = Date.now(), decoded?: readonly KindColumns[]): boolean {
    if (d.instance !== this.instance || (d.baseSeq ?? d.seq - 1) !== this.seq) return false;
    this.seq = d.seq;
    // Sensors kept only in the columns (SCALE's generated ones) move the columns' own versions, not the kind's.
    if (decoded && this.columns) this.columns.applyAll(decoded);
    if (d.districts) this.districts = d.districts;
    if (d.alerts) this.alerts = d.alerts;
    if (d.kpis) this.kpis = d.kpis;
    if (d.worstLinks) this.worstLinks = d.worstLinks;
    // Only the stations whose night figure changed come in a delta. Written in place: readers look figures
    // up on each render, none keeps the map; a copy per delta cost ~1.5 ms with SCALE's nodes.
    if (d.nights) for (const n of d.nights) this.nights.set(n.sensorId, n);
    if (d.nightCount) this.nightCount = d.nightCount;
    if (d.plannedClosures) this.plannedClosures = d.plannedClosures;
    if (d.closures) {
      this.closures = d.closures;
      this.versions = { ...this.versions, traffic: this.versions.traffic + 1 };
    }
    if (d.entries.length > 0) {
      const bumped = { ...this.versions };
      for (const e of d.entries) {
        this.entries.set(e.reading.sensorId, e);
        bumped[e.reading.kind] = this.versions[e.reading.kind] + 1;
      }
      this.versions = bumped;
    }
    this.heard(d.cityTime, now);
    this.notify();
    return true;
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    this.refreshStatus();
  }

  /** Called on a timer: a connected socket that has gone quiet for a few ticks is a stale link. */
  refreshStatus(now = Date.now()): void {
    let next: LinkStatus;
    if (!this.connected) next = this.lastMessageAt === null ? 'connecting' : 'offline';
    else if (this.lastMessageAt === null) next = 'connecting';
    else next = now - this.lastMessageAt > STALE_AFTER_TICKS * this.tickMs ? 'stale' : 'live';
    if (next !== this.status) {
      this.status = next;
      this.notify();
    }
  }

  /** The city's current time, extrapolated from the last message at the scenario's speed. */
  cityNow(now = Date.now()): number | null {
    if (!this.cityTimeAt) return null;
    const { cityTime, receivedAt, speed } = this.cityTimeAt;
    // Do not run the clock on while the link is down: a frozen clock is an honest sign of stale data.
    const elapsed = this.status === 'live' ? now - receivedAt : 0;
    return cityTime + elapsed * speed;
  }

  ofKind(kind: SensorKind): LiveEntry[] {
    const out: LiveEntry[] = [];
    for (const e of this.entries.values()) if (e.reading.kind === kind) out.push(e);
    return out;
  }

  private heard(cityTime: number, now: number): void {
    this.lastMessageAt = now;
    this.cityTimeAt = { cityTime, receivedAt: now, speed: this.scenario?.speed ?? 1 };
    if (this.connected) this.status = 'live';
  }
}
