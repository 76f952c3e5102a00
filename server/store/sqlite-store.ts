import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryPoint, HistoryStep, RunInfo } from '../../common/history.js';
import type { LiveEntry } from '../../common/protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../../common/readings.js';
import type { HistoryStore, HistoryWriteBatch, RetentionPolicy, SeriesKind, StoredEvent } from './history-store.js';
import { flattenEntry } from './flatten.js';
import { SCHEMA_VERSION_TABLE, SQLITE_MIGRATIONS } from './migrations.js';
import { bucketDeltas, bucketStart, mergeAgg, pointFromAgg, rawRowsOf, ROLLUPS, type AggMap, type RawRow } from './rollup.js';
import { longestRetentionMs, newSimulatedRunId, REALTIME_RUN_ID, retentionCutoffs } from './runs.js';
import { sliceYielder } from '../ingest/yielding.js';

type RollupTable = (typeof ROLLUPS)[number]['table'];

interface RunRow {
  id: string;
  scenario: string | null;
  realtime: number;
  started_at: number;
  first_t: number | null;
  last_t: number | null;
}

/** Series read per query of stateAt: a few ms of the event loop each. */
const STATE_PAGE = 500;

/**
 * A page of a kind's series (by sid, from `after` on) with each one's latest entry at `at`: the latest raw row within
 * the freshness limit, else (beyond raw retention) the latest 1 min bucket's last entry.
 */
export const STATE_OF_KIND_SQL = `SELECT s.sid AS sid, COALESCE(
   (SELECT r.entry FROM raw r WHERE r.sid = s.sid AND r.t <= @at AND r.t >= @since ORDER BY r.t DESC LIMIT 1),
   (SELECT m.last_entry FROM rollup_1m m
     WHERE m.sid = s.sid AND m.bucket <= @at AND m.bucket >= @sinceBucket AND m.last_t <= @at AND m.last_t >= @since
     ORDER BY m.bucket DESC LIMIT 1)
 ) AS entry FROM series s WHERE s.run = @run AND s.kind = @kind AND s.sid > @after ORDER BY s.sid LIMIT @limit`;

const toRunInfo = (r: RunRow): RunInfo => ({
  id: r.id,
  scenario: r.scenario,
  realtime: r.realtime === 1,
  startedAt: r.started_at,
  firstT: r.first_t,
  lastT: r.last_t,
});

const tableOf = (step: Exclude<HistoryStep, 'raw'>): RollupTable => ROLLUPS.find((r) => r.step === step)!.table;
const stepMsOf = (step: Exclude<HistoryStep, 'raw'>): number => ROLLUPS.find((r) => r.step === step)!.ms;

/**
 * The embedded history store: one SQLite file in WAL mode through better-sqlite3 (synchronous; the
 * Promise API only matches the contract). Writers of large batches block the thread they run on,
 * so the server writes from a worker (sqlite-write-worker.ts) and keeps this class on the main
 * thread for queries; WAL lets both use the file at once.
 */
export class SqliteHistoryStore implements HistoryStore {
  readonly backend = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly sids = new Map<string, number>();
  private statements: ReturnType<SqliteHistoryStore['prepare']> | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a crash of the process loses nothing committed; only a power cut may lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (the default is 2 MiB): a day of one series at 1 min touches ~1,400 pages.
    this.db.pragma('cache_size = -65536');
    this.db.function('stadtpuls_merge_agg', { deterministic: true }, (a: unknown, b: unknown) =>
      JSON.stringify(mergeAgg(JSON.parse(String(a)) as AggMap, JSON.parse(String(b)) as AggMap)),
    );
  }

  async migrate(): Promise<void> {
    this.migrateSync();
  }

  async schemaVersion(): Promise<number> {
    this.db.exec(SCHEMA_VERSION_TABLE);
    return (this.db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_version').pluck().get() as number) ?? 0;
  }

  migrateSync(): void {
    this.db.exec(SCHEMA_VERSION_TABLE);
    const applied = new Set(this.db.prepare('SELECT version FROM schema_version').pluck().all() as number[]);
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        // Another connection may have applied it meanwhile: the write lock of this transaction settles who.
        const done = this.db.prepare('SELECT 1 FROM schema_version WHERE version = ?').get(m.version);
        if (done) return;
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      }).immediate();
    }
    this.statements = null;
  }

  private get st() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  private prepare() {
    const db = this.db;
    const upsertRollup = (table: RollupTable) =>
      db.prepare(
        `INSERT INTO ${table} (sid, bucket, n, vals, derived) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sid, bucket) DO UPDATE SET
           n = ${table}.n + excluded.n,
           vals = stadtpuls_merge_agg(${table}.vals, excluded.vals),
           derived = stadtpuls_merge_agg(${table}.derived, excluded.derived)`,
      );
    return {
      sidOf: db.prepare('SELECT sid FROM series WHERE run = ? AND kind = ? AND key = ?').pluck(),
      insertSeries: db.prepare('INSERT INTO series (run, kind, key) VALUES (?, ?, ?)'),
      insertRaw: db.prepare('INSERT INTO raw (sid, t, vals, derived, entry) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      upsert1m: db.prepare(
        `INSERT INTO rollup_1m (sid, bucket, n, vals, derived, last_t, last_entry) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sid, bucket) DO UPDATE SET
           n = rollup_1m.n + excluded.n,
           vals = stadtpuls_merge_agg(rollup_1m.vals, excluded.vals),
           derived = stadtpuls_merge_agg(rollup_1m.derived, excluded.derived),
           last_entry = CASE WHEN excluded.last_t >= rollup_1m.last_t THEN excluded.last_entry ELSE rollup_1m.last_entry END,
           last_t = MAX(rollup_1m.last_t, excluded.last_t)`,
      ),
      upsert15m: upsertRollup('rollup_15m'),
      upsert1h: upsertRollup('rollup_1h'),
      insertEvent: db.prepare('INSERT INTO events (run, stream, id, t, action, body) VALUES (?, ?, ?, ?, ?, ?)'),
      touchRun: db.prepare(
        `UPDATE runs SET first_t = MIN(COALESCE(first_t, @first), @first), last_t = MAX(COALESCE(last_t, @last), @last),
           last_write_at = @wall WHERE id = @run`,
      ),
      touchRunWall: db.prepare('UPDATE runs SET last_write_at = ? WHERE id = ?'),
      runById: db.prepare('SELECT * FROM runs WHERE id = ?'),
      rawRange: db.prepare('SELECT t, vals, derived, entry FROM raw WHERE sid = ? AND t >= ? AND t <= ? ORDER BY t'),
      rawCount: db.prepare('SELECT COUNT(*) FROM raw WHERE sid = ? AND t >= ? AND t <= ?').pluck(),
      rollupRange: Object.fromEntries(
        ROLLUPS.map(({ table }) => [table, db.prepare(`SELECT bucket, n, vals, derived FROM ${table} WHERE sid = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket`)]),
      ) as Record<RollupTable, Database.Statement>,
      rollupCount: Object.fromEntries(
        ROLLUPS.map(({ table }) => [table, db.prepare(`SELECT COUNT(*) FROM ${table} WHERE sid = ? AND bucket >= ? AND bucket <= ?`).pluck()]),
      ) as Record<RollupTable, Database.Statement>,
      // a page of a kind's series at a time (by sid), so that a city of 100,000 sensors is read in slices
      stateOfKind: db.prepare(STATE_OF_KIND_SQL),
      activeAt: db
        .prepare(
          `SELECT body FROM (
             SELECT id, body, action, ROW_NUMBER() OVER (PARTITION BY id ORDER BY t DESC, seq DESC) AS latest
             FROM events WHERE run = ? AND stream = ? AND t <= ?
           ) WHERE latest = 1 AND action <> 'close' ORDER BY id`,
        )
        .pluck(),
      eventsRange: db.prepare('SELECT id, t, action, body FROM events WHERE run = ? AND stream = ? AND t >= ? AND t <= ? ORDER BY t, seq'),
    };
  }

  async openRun(opts: { realtime: boolean; scenario: string | null; startedAt: number }): Promise<RunInfo> {
    const id = opts.realtime ? REALTIME_RUN_ID : newSimulatedRunId(opts.scenario, opts.startedAt);
    this.db
      .prepare('INSERT INTO runs (id, scenario, realtime, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(id, opts.scenario, opts.realtime ? 1 : 0, opts.startedAt);
    return toRunInfo(this.st.runById.get(id) as RunRow);
  }

  async runs(): Promise<RunInfo[]> {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id').all() as RunRow[]).map(toRunInfo);
  }

  async write(run: string, batch: HistoryWriteBatch): Promise<void> {
    this.writeSync(run, batch);
  }

  /**
   * The whole batch in one transaction: raw rows, their share of every rollup, events, the run's time range.
   * Write transactions begin IMMEDIATE: a deferred one that reads first and then writes fails at once with
   * "database is locked" (SQLITE_BUSY, the busy timeout not applied) when another connection — the writer
   * worker, a demo recording — committed in between; IMMEDIATE waits for the lock up to the busy timeout instead.
   */
  writeSync(run: string, batch: HistoryWriteBatch): void {
    const rows = rawRowsOf(batch);
    const st = this.st;
    // Series created in this transaction are cached only once it commits: a rolled-back sid may be reused.
    const created = new Map<string, number>();
    this.db.transaction(() => {
      if (st.runById.get(run) === undefined) throw new Error(`unknown run ${run}`);
      const inserted: Array<{ sid: number; row: RawRow }> = [];
      let first = Infinity;
      let last = -Infinity;
      for (const row of rows) {
        const sid = this.sidFor(run, row.kind, row.key, created);
        // A row already stored (a re-delivered reading) is not counted into the rollups a second time.
        // A sensor row keeps only its entry (its flat figures are flattenEntry of it); a sample keeps its figures.
        const [vals, derived] = row.entryJson === null ? [JSON.stringify(row.values), JSON.stringify(row.derived)] : [null, null];
        if (st.insertRaw.run(sid, row.t, vals, derived, row.entryJson).changes === 0) continue;
        inserted.push({ sid, row });
        if (row.t < first) first = row.t;
        if (row.t > last) last = row.t;
      }
      const deltas = bucketDeltas(inserted);
      for (const d of deltas['1m']) {
        st.upsert1m.run(d.sid, d.bucket, d.count, JSON.stringify(d.values), JSON.stringify(d.derived), d.lastT, d.lastEntryJson);
      }
      for (const d of deltas['15m']) st.upsert15m.run(d.sid, d.bucket, d.count, JSON.stringify(d.values), JSON.stringify(d.derived));
      for (const d of deltas['1h']) st.upsert1h.run(d.sid, d.bucket, d.count, JSON.stringify(d.values), JSON.stringify(d.derived));
      for (const e of batch.events) st.insertEvent.run(run, e.stream, e.id, e.t, e.action, JSON.stringify(e.body ?? null));
      if (inserted.length > 0) st.touchRun.run({ run, first, last, wall: Date.now() });
      else st.touchRunWall.run(Date.now(), run);
    }).immediate();
    for (const [key, sid] of created) this.sids.set(key, sid);
  }

  private sidFor(run: string, kind: SeriesKind, key: string, created: Map<string, number>): number {
    const cacheKey = `${run}\u0000${kind}\u0000${key}`;
    let sid = this.sids.get(cacheKey) ?? created.get(cacheKey);
    if (sid !== undefined) return sid;
    sid = this.st.sidOf.get(run, kind, key) as number | undefined;
    sid ??= Number(this.st.insertSeries.run(run, kind, key).lastInsertRowid);
    created.set(cacheKey, sid);
    return sid;
  }

  /** The series id if the series exists (queries never create one). */
  private existingSid(run: string, kind: SeriesKind, key: string): number | undefined {
    const cached = this.sids.get(`${run}\u0000${kind}\u0000${key}`);
    if (cached !== undefined) return cached;
    return this.st.sidOf.get(run, kind, key) as number | undefined;
  }

  async series(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<HistoryPoint[]> {
    return this.seriesSync(run, kind, id, from, to, step);
  }

  async countPoints(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<number> {
    return this.countSync(run, kind, id, from, to, step);
  }

  async seriesMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<HistoryPoint[][]> {
    return this.db.transaction(() => ids.map((id) => this.seriesSync(run, kind, id, from, to, step)))();
  }

  async countPointsMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<number> {
    return this.db.transaction(() => ids.reduce((n, id) => n + this.countSync(run, kind, id, from, to, step), 0))();
  }

  private seriesSync(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): HistoryPoint[] {
    const sid = this.existingSid(run, kind, id);
    if (sid === undefined) return [];
    if (step === 'raw') {
      const rows = this.st.rawRange.all(sid, from, to) as Array<{ t: number; vals: string | null; derived: string | null; entry: string | null }>;
      return rows.map((r) =>
        r.entry !== null ? { t: r.t, ...flattenEntry(JSON.parse(r.entry) as LiveEntry) } : { t: r.t, values: JSON.parse(r.vals!), derived: JSON.parse(r.derived!) },
      );
    }
    const rows = this.st.rollupRange[tableOf(step)].all(sid, bucketStart(from, stepMsOf(step)), to) as Array<{
      bucket: number;
      n: number;
      vals: string;
      derived: string;
    }>;
    return rows.map((r) => pointFromAgg(kind, r.bucket, r.n, JSON.parse(r.vals), JSON.parse(r.derived)));
  }

  private countSync(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): number {
    const sid = this.existingSid(run, kind, id);
    if (sid === undefined) return 0;
    if (step === 'raw') return this.st.rawCount.get(sid, from, to) as number;
    return this.st.rollupCount[tableOf(step)].get(sid, bucketStart(from, stepMsOf(step)), to) as number;
  }

  async stateAt(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, kinds: readonly SensorKind[] = SENSOR_KINDS): Promise<LiveEntry[]> {
    const out: LiveEntry[] = [];
    for await (const page of this.stateAtPages(run, at, maxAgeMs, kinds)) for (const entry of page) out.push(entry);
    return out;
  }

  /** Pages of STATE_PAGE series in sid order, kind after kind. */
  async *stateAtPages(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, kinds: readonly SensorKind[] = SENSOR_KINDS): AsyncGenerator<LiveEntry[]> {
    // better-sqlite3 answers synchronously: at SCALE=100000 one query per kind held the event loop 300-400 ms
    const breathe = sliceYielder();
    for (const kind of kinds) {
      const since = at - maxAgeMs(kind);
      for (let after = -1; ; ) {
        const rows = this.st.stateOfKind.all({ run, kind, at, since, sinceBucket: bucketStart(since, 60_000), after, limit: STATE_PAGE }) as Array<{ sid: number; entry: string | null }>;
        const page: LiveEntry[] = [];
        for (const row of rows) if (row.entry !== null) page.push(JSON.parse(row.entry) as LiveEntry);
        if (page.length > 0) yield page;
        if (rows.length < STATE_PAGE) break;
        after = rows[rows.length - 1].sid;
        await breathe();
      }
    }
  }

  async activeAt(run: string, stream: StoredEvent['stream'], at: number): Promise<unknown[]> {
    return (this.st.activeAt.all(run, stream, at) as string[]).map((b) => JSON.parse(b));
  }

  async events(run: string, stream: StoredEvent['stream'], from: number, to: number): Promise<StoredEvent[]> {
    const rows = this.st.eventsRange.all(run, stream, from, to) as Array<{ id: string; t: number; action: StoredEvent['action']; body: string }>;
    return rows.map((r) => ({ stream, id: r.id, t: r.t, action: r.action, body: JSON.parse(r.body) }));
  }

  async applyRetention(run: string, now: number, policy: RetentionPolicy): Promise<number> {
    return this.applyRetentionSync(run, now, policy);
  }

  applyRetentionSync(run: string, now: number, policy: RetentionPolicy): number {
    const cut = retentionCutoffs(now, policy);
    const ofRun = 'sid IN (SELECT sid FROM series WHERE run = ?)';
    return this.db.transaction(() => {
      let deleted = this.db.prepare(`DELETE FROM raw WHERE ${ofRun} AND t < ?`).run(run, cut.raw).changes;
      for (const { table, ms } of ROLLUPS) {
        // A bucket goes only once all of it is older than the cut.
        deleted += this.db.prepare(`DELETE FROM ${table} WHERE ${ofRun} AND bucket <= ?`).run(run, cut[table] - ms).changes;
      }
      deleted += this.db.prepare(EXPIRED_EVENTS_SQLITE).run({ run, cut: cut.events }).changes;
      return deleted;
    }).immediate();
  }

  async deleteEndedRuns(wallNow: number, policy: RetentionPolicy, keep?: string): Promise<string[]> {
    return this.deleteEndedRunsSync(wallNow, policy, keep);
  }

  deleteEndedRunsSync(wallNow: number, policy: RetentionPolicy, keep?: string): string[] {
    const before = wallNow - longestRetentionMs(policy);
    return this.db.transaction(() => {
      const ids = this.db
        .prepare('SELECT id FROM runs WHERE realtime = 0 AND id <> ? AND COALESCE(last_write_at, started_at) < ?')
        .pluck()
        .all(keep ?? '', before) as string[];
      for (const id of ids) {
        for (const table of ['raw', ...ROLLUPS.map((r) => r.table)]) {
          this.db.prepare(`DELETE FROM ${table} WHERE sid IN (SELECT sid FROM series WHERE run = ?)`).run(id);
        }
        this.db.prepare('DELETE FROM series WHERE run = ?').run(id);
        this.db.prepare('DELETE FROM events WHERE run = ?').run(id);
        this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
      }
      if (ids.length > 0) this.sids.clear();
      return ids;
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Events older than the cut that no instant after the cut needs: every event followed (before the
 * cut) by a later one of the same object, and a `close` that is the last word before the cut.
 */
export const EXPIRED_EVENTS_SQLITE = `
DELETE FROM events WHERE run = @run AND t < @cut AND (
  action = 'close' OR EXISTS (
    SELECT 1 FROM events later WHERE later.run = events.run AND later.stream = events.stream AND later.id = events.id
      AND later.t < @cut AND (later.t > events.t OR (later.t = events.t AND later.seq > events.seq))
  )
)`;
