import type { HistoryPoint, HistoryStep, RunInfo } from '../../common/history.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';

/**
 * The history store's contract. Two back-ends implement it with one schema and one test suite:
 * SQLite (embedded default, better-sqlite3) and PostgreSQL (pg, DATABASE_URL).
 *
 * Every row belongs to a run (common/history.ts RunInfo): the real-time run survives restarts,
 * every start of a simulated scenario opens a new one, so replays never mix.
 * Times are city times (the scenario's clock for simulated runs), epoch ms.
 */

/** What a series is about: a sensor (by its kind), a Stadtbezirk, or the city-wide header KPIs. */
export type SeriesKind = SensorKind | 'district' | 'kpis';

/** One sample of a derived series (district heat figures, city KPIs): flat numbers, as in HistoryPoint. */
export interface SeriesSample {
  kind: Exclude<SeriesKind, SensorKind>;
  /** district id, or `city` for the KPIs */
  id: string;
  t: number;
  values: Record<string, number>;
  derived?: Record<string, number | string | null>;
}

/** A state change of something that is active for a while: a closure or incident, or an alert. */
export interface StoredEvent {
  stream: 'closure' | 'alert';
  /** the closure's or alert's id */
  id: string;
  t: number;
  /** `open` and `update` carry the object as it is from t on; `close` ends it */
  action: 'open' | 'update' | 'close';
  body: unknown;
}

export interface HistoryWriteBatch {
  /** accepted readings with their derived figures: a raw row each, and their share of every rollup */
  entries: LiveEntry[];
  /**
   * More entries, each as its JSON text (what the store keeps of an entry anyway): the history writer
   * queues generated (SCALE) sensors' readings this way, one string each instead of an entry's object
   * graph held for up to a flush interval, which the garbage collector copied and promoted.
   */
  entryTexts?: string[];
  samples: SeriesSample[];
  events: StoredEvent[];
}

export interface RetentionPolicy {
  rawMs: number;
  oneMinuteMs: number;
  fifteenMinutesMs: number;
  oneHourMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawMs: 48 * 3_600_000,
  oneMinuteMs: 30 * 86_400_000,
  fifteenMinutesMs: 730 * 86_400_000,
  oneHourMs: 730 * 86_400_000,
};

export interface HistoryStore {
  readonly backend: 'sqlite' | 'postgres';
  /** applies pending versioned migrations */
  migrate(): Promise<void>;
  /** the highest migration version applied (0 before any) */
  schemaVersion(): Promise<number>;
  /** the real-time run (created once, then reused), or a new run for a simulated scenario start */
  openRun(opts: { realtime: boolean; scenario: string | null; startedAt: number }): Promise<RunInfo>;
  runs(): Promise<RunInfo[]>;
  /** writes raw rows and brings the 1 min / 15 min / 1 h rollups up to date, in one transaction */
  write(run: string, batch: HistoryWriteBatch): Promise<void>;
  /**
   * points of one series in [from, to]; sensor series by sensor id, derived series by their id.
   * Raw: rows with from ≤ t ≤ to. Rolled up: every bucket that overlaps [from, to], by bucket start.
   */
  series(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<HistoryPoint[]>;
  /** how many points series() would return, without reading them (for the per-response limit) */
  countPoints(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<number>;
  /**
   * series() of several series of a kind, in the order of `ids`, and the sum of their countPoints(): for a file of a
   * SCALE kind's 15,000 sensors. SQLite reads a batch in one read transaction: each query on its own began one, and
   * single lookups were measured waiting 40-123 ms inside SQLite on the event loop (not its busy handler; cause not
   * found).
   */
  seriesMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<HistoryPoint[][]>;
  countPointsMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<number>;
  /**
   * The latest entry per sensor at or before `at`, no older than its kind's freshness limit:
   * from raw rows where they are kept, else from the last reading of the 1 min rollup. `kinds`: only these
   * (a kind's export reads its own, not a SCALE city's other 25,000 entries).
   */
  stateAt(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, kinds?: readonly SensorKind[]): Promise<LiveEntry[]>;
  /**
   * stateAt's entries a page at a time, as they are read, for a caller that writes them out as they come: it holds one
   * page, not a SCALE kind's 75,000 entries (kept until the last was written, they lived through every garbage
   * collection of the export: its GC time was 330-650 ms, 152-527 ms read in pages). Closing the iteration stops the
   * reading.
   */
  stateAtPages(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, kinds?: readonly SensorKind[]): AsyncIterable<readonly LiveEntry[]>;
  /** the bodies of the closures or alerts open at `at` (their latest open/update event at or before it) */
  activeAt(run: string, stream: StoredEvent['stream'], at: number): Promise<unknown[]>;
  /** all events of a stream in [from, to], oldest first */
  events(run: string, stream: StoredEvent['stream'], from: number, to: number): Promise<StoredEvent[]>;
  /** deletes what each resolution keeps no longer, measured on the run's own clock (`now`); returns rows deleted */
  applyRetention(run: string, now: number, policy: RetentionPolicy): Promise<number>;
  /**
   * Deletes whole simulated runs (never the real-time run, never `keep`) whose last write, on the
   * wall clock, is longer ago than the policy's longest retention; returns the ids deleted.
   */
  deleteEndedRuns(wallNow: number, policy: RetentionPolicy, keep?: string): Promise<string[]>;
  close(): Promise<void>;
}
