/**
 * Versioned migrations of the history store: numbered SQL steps, one list per back-end, one schema.
 * A store applies, in order and each in its own transaction, the steps whose version is not yet
 * in `schema_version`. Never edit a step that has shipped: add the next one.
 *
 * The schema (both back-ends):
 * - runs: one row per run (the real-time run, every simulated scenario start).
 * - series: one row per (run, kind, key); `sid` keys every data row, so a data row does not repeat
 *   run, kind and sensor id and a series' rows lie together in its primary key.
 * - raw: every accepted reading or sample, (sid, t) unique: for sensors the whole LiveEntry (stateAt
 *   answers with it; its flat figures are server/store/flatten.ts of it), for samples `vals` and `derived`.
 *   In SQLite, rows this large (≈ 0.5 kB) insert several times faster into a rowid table with a unique
 *   index than into a WITHOUT ROWID table (measured), so the data tables are rowid tables.
 * - rollup_1m / rollup_15m / rollup_1h: per (sid, bucket start) the readings count `n` and, per
 *   figure, [sum, min, max, count] (server/store/rollup.ts); the 1 min rollup also keeps the bucket's
 *   latest entry so stateAt can answer beyond raw retention.
 * - events: closure and alert state changes, replayed by activeAt.
 * - users, access_tokens, sessions, audit (step 2): who may log in, machine and wall tokens (sha256 only),
 *   server-side sessions (sha256 of the cookie), and the audit log (server/auth/).
 * - plans (step 3): the planners' saved heat what-if plans, their measures as GeoJSON text (server/plans/);
 *   updated_at (step 4): when it was last saved again under its id (null while never).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Steps written once for both back-ends: only types both read alike (SQLite takes BIGINT as INTEGER;
 * the measures are JSON text in both, read back by JSON.parse).
 */
const PLANS: Migration = {
  version: 3,
  name: 'saved heat what-if plans',
  sql: `
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  measure_count INTEGER NOT NULL,
  measures TEXT NOT NULL
);
CREATE INDEX plans_by_time ON plans (created_at);
`,
};

const PLAN_UPDATES: Migration = {
  version: 4,
  name: 'when a saved plan was last changed',
  sql: `ALTER TABLE plans ADD COLUMN updated_at BIGINT;`,
};

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, series, raw rows, rollups, events',
    sql: `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  scenario TEXT,
  realtime INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  first_t INTEGER,
  last_t INTEGER,
  last_write_at INTEGER
);
CREATE TABLE series (
  sid INTEGER PRIMARY KEY,
  run TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  UNIQUE (run, kind, key)
);
CREATE TABLE raw (
  sid INTEGER NOT NULL,
  t INTEGER NOT NULL,
  vals TEXT,
  derived TEXT,
  entry TEXT
);
CREATE UNIQUE INDEX raw_by_series ON raw (sid, t);
CREATE TABLE rollup_1m (
  sid INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  vals TEXT NOT NULL,
  derived TEXT NOT NULL,
  last_t INTEGER NOT NULL,
  last_entry TEXT
);
CREATE UNIQUE INDEX rollup_1m_by_series ON rollup_1m (sid, bucket);
CREATE TABLE rollup_15m (
  sid INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  vals TEXT NOT NULL,
  derived TEXT NOT NULL
);
CREATE UNIQUE INDEX rollup_15m_by_series ON rollup_15m (sid, bucket);
CREATE TABLE rollup_1h (
  sid INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  vals TEXT NOT NULL,
  derived TEXT NOT NULL
);
CREATE UNIQUE INDEX rollup_1h_by_series ON rollup_1h (sid, bucket);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run TEXT NOT NULL,
  stream TEXT NOT NULL,
  id TEXT NOT NULL,
  t INTEGER NOT NULL,
  action TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX events_by_time ON events (run, stream, t);
CREATE INDEX events_by_object ON events (run, stream, id, t);
`,
  },
  {
    version: 2,
    name: 'users, sessions, access tokens, audit log',
    sql: `
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE access_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  user_name TEXT,
  token_id TEXT,
  role TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL,
  ip TEXT
);
CREATE INDEX audit_by_time ON audit (at);
`,
  },
  PLANS,
  PLAN_UPDATES,
  {
    version: 5,
    // stateAt reads a kind's series a page at a time from a sid on: without it SQLite took every series of the kind
    // and sorted them by sid for each page (the first page of a SCALE city's parking: 41-133 ms on the event loop)
    name: 'series of a run and kind in sid order',
    sql: `CREATE INDEX series_by_run_kind ON series (run, kind);`,
  },
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, series, raw rows, rollups, events',
    sql: `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  scenario TEXT,
  realtime BOOLEAN NOT NULL,
  started_at BIGINT NOT NULL,
  first_t BIGINT,
  last_t BIGINT,
  last_write_at BIGINT
);
CREATE TABLE series (
  sid BIGSERIAL PRIMARY KEY,
  run TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  UNIQUE (run, kind, key)
);
CREATE TABLE raw (
  sid BIGINT NOT NULL,
  t BIGINT NOT NULL,
  vals JSON,
  derived JSON,
  entry JSON,
  PRIMARY KEY (sid, t)
);
CREATE TABLE rollup_1m (
  sid BIGINT NOT NULL,
  bucket BIGINT NOT NULL,
  n INTEGER NOT NULL,
  vals JSONB NOT NULL,
  derived JSONB NOT NULL,
  last_t BIGINT NOT NULL,
  last_entry JSON,
  PRIMARY KEY (sid, bucket)
);
CREATE TABLE rollup_15m (
  sid BIGINT NOT NULL,
  bucket BIGINT NOT NULL,
  n INTEGER NOT NULL,
  vals JSONB NOT NULL,
  derived JSONB NOT NULL,
  PRIMARY KEY (sid, bucket)
);
CREATE TABLE rollup_1h (
  sid BIGINT NOT NULL,
  bucket BIGINT NOT NULL,
  n INTEGER NOT NULL,
  vals JSONB NOT NULL,
  derived JSONB NOT NULL,
  PRIMARY KEY (sid, bucket)
);
CREATE TABLE events (
  seq BIGSERIAL PRIMARY KEY,
  run TEXT NOT NULL,
  stream TEXT NOT NULL,
  id TEXT NOT NULL,
  t BIGINT NOT NULL,
  action TEXT NOT NULL,
  body JSON NOT NULL
);
CREATE INDEX events_by_time ON events (run, stream, t);
CREATE INDEX events_by_object ON events (run, stream, id, t);
-- Adds a batch's per-figure [sum, min, max, count] to a bucket's (server/store/rollup.ts mergeAgg).
CREATE FUNCTION stadtpuls_merge_agg(a JSONB, b JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $fn$
  SELECT COALESCE(jsonb_object_agg(k, CASE
    WHEN a ? k AND b ? k THEN jsonb_build_array(
      (a->k->>0)::float8 + (b->k->>0)::float8,
      LEAST((a->k->>1)::float8, (b->k->>1)::float8),
      GREATEST((a->k->>2)::float8, (b->k->>2)::float8),
      (a->k->>3)::float8 + (b->k->>3)::float8)
    WHEN a ? k THEN a->k
    ELSE b->k END), '{}'::jsonb)
  FROM (SELECT jsonb_object_keys(a) AS k UNION SELECT jsonb_object_keys(b)) AS figures
$fn$;
`,
  },
  {
    version: 2,
    name: 'users, sessions, access tokens, audit log',
    sql: `
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE access_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  user_name TEXT,
  token_id TEXT,
  role TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE audit (
  seq BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  target TEXT,
  detail JSON NOT NULL,
  ip TEXT
);
CREATE INDEX audit_by_time ON audit (at);
`,
  },
  PLANS,
  PLAN_UPDATES,
];

/** Created before any step runs, so a store can tell which steps it has applied. */
export const SCHEMA_VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';
