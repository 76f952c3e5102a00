import pg from 'pg';
import type { HistoryPoint, HistoryStep, RunInfo } from '../../common/history.js';
import type { LiveEntry } from '../../common/protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../../common/readings.js';
import type { HistoryStore, HistoryWriteBatch, RetentionPolicy, SeriesKind, StoredEvent } from './history-store.js';
import { flattenEntry } from './flatten.js';
import { POSTGRES_MIGRATIONS, SCHEMA_VERSION_TABLE } from './migrations.js';
import { bucketDeltas, bucketStart, pointFromAgg, rawRowsOf, ROLLUPS, type AggMap, type BucketDelta, type RawRow } from './rollup.js';
import { longestRetentionMs, newSimulatedRunId, REALTIME_RUN_ID, retentionCutoffs } from './runs.js';

const INT8_OID = 20;
// Epoch ms and counts fit a double exactly; pg hands int8 out as strings unless told otherwise.
const numericInt8: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

interface RunRow {
  id: string;
  scenario: string | null;
  realtime: boolean;
  started_at: number;
  first_t: number | null;
  last_t: number | null;
}

const toRunInfo = (r: RunRow): RunInfo => ({
  id: r.id,
  scenario: r.scenario,
  realtime: r.realtime,
  startedAt: r.started_at,
  firstT: r.first_t,
  lastT: r.last_t,
});

type RollupTable = (typeof ROLLUPS)[number]['table'];
const rollupOf = (step: Exclude<HistoryStep, 'raw'>) => ROLLUPS.find((r) => r.step === step)!;

/** Serialises migrations of every store on one database (tests run several schemas side by side). */
const MIGRATION_LOCK = 0x5747_5055; // "STPU"

export interface PostgresStoreOptions {
  connectionString: string;
  /** a schema of its own (created if missing), e.g. one per test file; the connection's default otherwise */
  schema?: string;
  poolSize?: number;
}

/** The history store on PostgreSQL (DATABASE_URL): the schema and behaviour of the SQLite store. */
export class PostgresHistoryStore implements HistoryStore {
  readonly backend = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly sids = new Map<string, number>();

  constructor(private readonly opts: PostgresStoreOptions) {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error(`invalid schema name ${opts.schema}`);
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolSize ?? 4,
      types: numericInt8,
      options: opts.schema === undefined ? undefined : `-c search_path=${opts.schema}`,
    });
    // An idle client that loses its connection must not take the server down; the next query reports it.
    this.pool.on('error', () => {});
  }

  private async inTransaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<void> {
    if (this.opts.schema !== undefined) await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.opts.schema}`);
    await this.inTransaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(SCHEMA_VERSION_TABLE);
      const applied = new Set((await c.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version));
      for (const m of POSTGRES_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      }
    });
  }

  async schemaVersion(): Promise<number> {
    const exists = await this.pool.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t");
    if (exists.rows[0].t === null) return 0;
    return (await this.pool.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version')).rows[0].v;
  }

  async openRun(opts: { realtime: boolean; scenario: string | null; startedAt: number }): Promise<RunInfo> {
    const id = opts.realtime ? REALTIME_RUN_ID : newSimulatedRunId(opts.scenario, opts.startedAt);
    await this.pool.query('INSERT INTO runs (id, scenario, realtime, started_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      id,
      opts.scenario,
      opts.realtime,
      opts.startedAt,
    ]);
    const { rows } = await this.pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    return toRunInfo(rows[0]);
  }

  async runs(): Promise<RunInfo[]> {
    return (await this.pool.query<RunRow>('SELECT * FROM runs ORDER BY started_at DESC, id')).rows.map(toRunInfo);
  }

  /** The whole batch in one transaction; every statement sends its rows as arrays (one round trip per table). */
  async write(run: string, batch: HistoryWriteBatch): Promise<void> {
    const rows = rawRowsOf(batch);
    // Series created in this transaction are cached only once it commits.
    const created = new Map<string, number>();
    await this.inTransaction(async (c) => {
      const known = await c.query('SELECT 1 FROM runs WHERE id = $1', [run]);
      if (known.rowCount === 0) throw new Error(`unknown run ${run}`);
      const sids = await this.sidsFor(c, run, rows, created);
      const inserted = await this.insertRaw(c, rows, sids);
      const deltas = bucketDeltas(inserted);
      for (const { step, table } of ROLLUPS) await this.upsertRollup(c, table, deltas[step]);
      if (batch.events.length > 0) {
        await c.query(
          `INSERT INTO events (run, stream, id, t, action, body)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::json[])`,
          [
            run,
            batch.events.map((e) => e.stream),
            batch.events.map((e) => e.id),
            batch.events.map((e) => e.t),
            batch.events.map((e) => e.action),
            batch.events.map((e) => JSON.stringify(e.body ?? null)),
          ],
        );
      }
      let first: number | null = null;
      let last: number | null = null;
      for (const { row } of inserted) {
        if (first === null || row.t < first) first = row.t;
        if (last === null || row.t > last) last = row.t;
      }
      await c.query('UPDATE runs SET first_t = LEAST(first_t, $2), last_t = GREATEST(last_t, $3), last_write_at = $4 WHERE id = $1', [
        run,
        first,
        last,
        Date.now(),
      ]);
    });
    for (const [key, sid] of created) this.sids.set(key, sid);
  }

  private async sidsFor(c: pg.PoolClient, run: string, rows: readonly RawRow[], created: Map<string, number>): Promise<number[]> {
    const cacheKey = (r: RawRow) => `${run}\u0000${r.kind}\u0000${r.key}`;
    const missing = new Map<string, RawRow>();
    for (const r of rows) if (!this.sids.has(cacheKey(r))) missing.set(cacheKey(r), r);
    if (missing.size > 0) {
      const kinds = [...missing.values()].map((r) => r.kind);
      const keys = [...missing.values()].map((r) => r.key);
      await c.query('INSERT INTO series (run, kind, key) SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING', [run, kinds, keys]);
      const found = await c.query<{ sid: number; kind: string; key: string }>(
        'SELECT s.sid, s.kind, s.key FROM series s JOIN unnest($2::text[], $3::text[]) AS m(kind, key) USING (kind, key) WHERE s.run = $1',
        [run, kinds, keys],
      );
      for (const f of found.rows) created.set(`${run}\u0000${f.kind}\u0000${f.key}`, f.sid);
    }
    return rows.map((r) => this.sids.get(cacheKey(r)) ?? created.get(cacheKey(r))!);
  }

  /** Inserts the raw rows and returns those actually inserted: a re-delivered row must not count twice in a rollup. */
  private async insertRaw(c: pg.PoolClient, rows: readonly RawRow[], sids: readonly number[]): Promise<Array<{ sid: number; row: RawRow }>> {
    if (rows.length === 0) return [];
    const { rows: fresh } = await c.query<{ sid: number; t: number }>(
      `INSERT INTO raw (sid, t, vals, derived, entry)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::json[], $4::json[], $5::json[])
       ON CONFLICT DO NOTHING RETURNING sid, t`,
      // A sensor row keeps only its entry (its flat figures are flattenEntry of it); a sample keeps its figures.
      [
        sids,
        rows.map((r) => r.t),
        rows.map((r) => (r.entryJson === null ? JSON.stringify(r.values) : null)),
        rows.map((r) => (r.entryJson === null ? JSON.stringify(r.derived) : null)),
        rows.map((r) => r.entryJson),
      ],
    );
    const wanted = new Set(fresh.map((f) => `${f.sid}:${f.t}`));
    const out: Array<{ sid: number; row: RawRow }> = [];
    rows.forEach((row, i) => {
      const key = `${sids[i]}:${row.t}`;
      // Of two rows with one key in a batch, the first was inserted.
      if (wanted.delete(key)) out.push({ sid: sids[i], row });
    });
    return out;
  }

  private async upsertRollup(c: pg.PoolClient, table: RollupTable, deltas: BucketDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    // One order for every writer, so two writers on one database cannot deadlock on bucket rows.
    deltas.sort((a, b) => a.sid - b.sid || a.bucket - b.bucket);
    const common = [
      deltas.map((d) => d.sid),
      deltas.map((d) => d.bucket),
      deltas.map((d) => d.count),
      deltas.map((d) => JSON.stringify(d.values)),
      deltas.map((d) => JSON.stringify(d.derived)),
    ];
    const merge = `n = ${table}.n + excluded.n,
      vals = stadtpuls_merge_agg(${table}.vals, excluded.vals),
      derived = stadtpuls_merge_agg(${table}.derived, excluded.derived)`;
    if (table === 'rollup_1m') {
      await c.query(
        `INSERT INTO rollup_1m (sid, bucket, n, vals, derived, last_t, last_entry)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::jsonb[], $5::jsonb[], $6::bigint[], $7::json[])
         ON CONFLICT (sid, bucket) DO UPDATE SET ${merge},
           last_entry = CASE WHEN excluded.last_t >= rollup_1m.last_t THEN excluded.last_entry ELSE rollup_1m.last_entry END,
           last_t = GREATEST(rollup_1m.last_t, excluded.last_t)`,
        [...common, deltas.map((d) => d.lastT), deltas.map((d) => d.lastEntryJson)],
      );
    } else {
      await c.query(
        `INSERT INTO ${table} (sid, bucket, n, vals, derived)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::jsonb[], $5::jsonb[])
         ON CONFLICT (sid, bucket) DO UPDATE SET ${merge}`,
        common,
      );
    }
  }

  private async existingSid(run: string, kind: SeriesKind, key: string): Promise<number | undefined> {
    const cached = this.sids.get(`${run}\u0000${kind}\u0000${key}`);
    if (cached !== undefined) return cached;
    const { rows } = await this.pool.query<{ sid: number }>('SELECT sid FROM series WHERE run = $1 AND kind = $2 AND key = $3', [run, kind, key]);
    return rows[0]?.sid;
  }

  async series(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<HistoryPoint[]> {
    const sid = await this.existingSid(run, kind, id);
    if (sid === undefined) return [];
    if (step === 'raw') {
      const { rows } = await this.pool.query<{ t: number; vals: Record<string, number> | null; derived: HistoryPoint['derived'] | null; entry: LiveEntry | null }>(
        'SELECT t, vals, derived, entry FROM raw WHERE sid = $1 AND t >= $2 AND t <= $3 ORDER BY t',
        [sid, from, to],
      );
      return rows.map((r) => (r.entry !== null ? { t: r.t, ...flattenEntry(r.entry) } : { t: r.t, values: r.vals!, derived: r.derived! }));
    }
    const { table, ms } = rollupOf(step);
    const { rows } = await this.pool.query<{ bucket: number; n: number; vals: AggMap; derived: AggMap }>(
      `SELECT bucket, n, vals, derived FROM ${table} WHERE sid = $1 AND bucket >= $2 AND bucket <= $3 ORDER BY bucket`,
      [sid, bucketStart(from, ms), to],
    );
    return rows.map((r) => pointFromAgg(kind, r.bucket, r.n, r.vals, r.derived));
  }

  /** One query per series: PostgreSQL answers off the event loop, so a batch is only what the contract asks. */
  async seriesMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<HistoryPoint[][]> {
    const out: HistoryPoint[][] = [];
    for (const id of ids) out.push(await this.series(run, kind, id, from, to, step));
    return out;
  }

  async countPointsMany(run: string, kind: SeriesKind, ids: readonly string[], from: number, to: number, step: HistoryStep): Promise<number> {
    let n = 0;
    for (const id of ids) n += await this.countPoints(run, kind, id, from, to, step);
    return n;
  }

  async countPoints(run: string, kind: SeriesKind, id: string, from: number, to: number, step: HistoryStep): Promise<number> {
    const sid = await this.existingSid(run, kind, id);
    if (sid === undefined) return 0;
    const [sql, lo] =
      step === 'raw'
        ? ['SELECT COUNT(*) AS n FROM raw WHERE sid = $1 AND t >= $2 AND t <= $3', from]
        : [`SELECT COUNT(*) AS n FROM ${rollupOf(step).table} WHERE sid = $1 AND bucket >= $2 AND bucket <= $3`, bucketStart(from, rollupOf(step).ms)];
    const { rows } = await this.pool.query<{ n: number }>(sql, [sid, lo, to]);
    return rows[0].n;
  }

  async stateAt(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, only: readonly SensorKind[] = SENSOR_KINDS): Promise<LiveEntry[]> {
    const kinds = [...only];
    const since = kinds.map((k) => at - maxAgeMs(k));
    // Latest raw row within the freshness limit, else (beyond raw retention) the latest 1 min bucket's last entry.
    const { rows } = await this.pool.query<{ entry: LiveEntry | null }>(
      `SELECT COALESCE(
         (SELECT r.entry FROM raw r WHERE r.sid = s.sid AND r.t <= $2 AND r.t >= k.since ORDER BY r.t DESC LIMIT 1),
         (SELECT m.last_entry FROM rollup_1m m
           WHERE m.sid = s.sid AND m.bucket <= $2 AND m.bucket >= k.since - 60000 AND m.last_t <= $2 AND m.last_t >= k.since
           ORDER BY m.bucket DESC LIMIT 1)
       ) AS entry
       FROM unnest($3::text[], $4::bigint[]) AS k(kind, since)
       JOIN series s ON s.run = $1 AND s.kind = k.kind`,
      [run, at, kinds, since],
    );
    return rows.flatMap((r) => (r.entry === null ? [] : [r.entry]));
  }

  /** One page: the query runs in PostgreSQL, not on the event loop, and the driver hands over its rows at once. */
  async *stateAtPages(run: string, at: number, maxAgeMs: (kind: SensorKind) => number, kinds: readonly SensorKind[] = SENSOR_KINDS): AsyncGenerator<LiveEntry[]> {
    const entries = await this.stateAt(run, at, maxAgeMs, kinds);
    if (entries.length > 0) yield entries;
  }

  async activeAt(run: string, stream: StoredEvent['stream'], at: number): Promise<unknown[]> {
    const { rows } = await this.pool.query<{ body: unknown }>(
      `SELECT body FROM (
         SELECT id, body, action, ROW_NUMBER() OVER (PARTITION BY id ORDER BY t DESC, seq DESC) AS latest
         FROM events WHERE run = $1 AND stream = $2 AND t <= $3
       ) AS e WHERE latest = 1 AND action <> 'close' ORDER BY id`,
      [run, stream, at],
    );
    return rows.map((r) => r.body);
  }

  async events(run: string, stream: StoredEvent['stream'], from: number, to: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<{ id: string; t: number; action: StoredEvent['action']; body: unknown }>(
      'SELECT id, t, action, body FROM events WHERE run = $1 AND stream = $2 AND t >= $3 AND t <= $4 ORDER BY t, seq',
      [run, stream, from, to],
    );
    return rows.map((r) => ({ stream, id: r.id, t: r.t, action: r.action, body: r.body }));
  }

  async applyRetention(run: string, now: number, policy: RetentionPolicy): Promise<number> {
    const cut = retentionCutoffs(now, policy);
    const ofRun = 'sid IN (SELECT sid FROM series WHERE run = $1)';
    return this.inTransaction(async (c) => {
      let deleted = (await c.query(`DELETE FROM raw WHERE ${ofRun} AND t < $2`, [run, cut.raw])).rowCount ?? 0;
      for (const { table, ms } of ROLLUPS) {
        // A bucket goes only once all of it is older than the cut.
        deleted += (await c.query(`DELETE FROM ${table} WHERE ${ofRun} AND bucket <= $2`, [run, cut[table] - ms])).rowCount ?? 0;
      }
      deleted += (await c.query(EXPIRED_EVENTS_POSTGRES, [run, cut.events])).rowCount ?? 0;
      return deleted;
    });
  }

  async deleteEndedRuns(wallNow: number, policy: RetentionPolicy, keep?: string): Promise<string[]> {
    const before = wallNow - longestRetentionMs(policy);
    const ids = await this.inTransaction(async (c) => {
      const { rows } = await c.query<{ id: string }>(
        'SELECT id FROM runs WHERE NOT realtime AND id <> $1 AND COALESCE(last_write_at, started_at) < $2',
        [keep ?? '', before],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return ids;
      for (const table of ['raw', ...ROLLUPS.map((r) => r.table)]) {
        await c.query(`DELETE FROM ${table} WHERE sid IN (SELECT sid FROM series WHERE run = ANY($1))`, [ids]);
      }
      await c.query('DELETE FROM series WHERE run = ANY($1)', [ids]);
      await c.query('DELETE FROM events WHERE run = ANY($1)', [ids]);
      await c.query('DELETE FROM runs WHERE id = ANY($1)', [ids]);
      return ids;
    });
    if (ids.length > 0) this.sids.clear();
    return ids;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** As EXPIRED_EVENTS_SQLITE: events before the cut that no instant after it needs. */
const EXPIRED_EVENTS_POSTGRES = `
DELETE FROM events e WHERE e.run = $1 AND e.t < $2 AND (
  e.action = 'close' OR EXISTS (
    SELECT 1 FROM events later WHERE later.run = e.run AND later.stream = e.stream AND later.id = e.id
      AND later.t < $2 AND (later.t > e.t OR (later.t = e.t AND later.seq > e.seq))
  )
)`;
