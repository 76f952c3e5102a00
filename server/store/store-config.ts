import { z } from 'zod';
import { DEFAULT_QUEUE_MAX, FLUSH_INTERVAL_MS, HistoryWriter, type HistoryBatchSink, type HistoryWriterOptions } from './history-writer.js';
import type { HistoryStore, RetentionPolicy } from './history-store.js';
import { PostgresHistoryStore } from './postgres-store.js';
import { SqliteHistoryStore } from './sqlite-store.js';
import { SqliteWorkerSink } from './sqlite-worker-sink.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The history store's settings, to be merged into server/config.ts's env schema
 * (`envSchema.extend(storeEnvSchema.shape)`), then turned into a StoreConfig by toStoreConfig.
 */
export const storeEnvSchema = z.object({
  /** the SQLite file (embedded default); ignored when DATABASE_URL is set */
  STADTPULS_DB: z.string().min(1).default('var/stadtpuls.sqlite'),
  /** postgres://… switches the store to PostgreSQL */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  HISTORY_QUEUE_MAX: z.coerce.number().int().min(1_000).max(10_000_000).default(DEFAULT_QUEUE_MAX),
  HISTORY_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(FLUSH_INTERVAL_MS),
  /** how often the retention job runs, minutes */
  RETENTION_EVERY_MIN: z.coerce.number().int().min(1).max(1_440).default(10),
  RETENTION_RAW_H: z.coerce.number().positive().max(24 * 3_650).default(48),
  RETENTION_1M_D: z.coerce.number().positive().max(3_650).default(30),
  RETENTION_15M_D: z.coerce.number().positive().max(3_650).default(730),
  RETENTION_1H_D: z.coerce.number().positive().max(3_650).default(730),
});
export type StoreEnv = z.infer<typeof storeEnvSchema>;

export type StoreConfig = {
  backend: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  queueMax: number;
  flushMs: number;
  retentionEveryMs: number;
  retention: RetentionPolicy;
};

export function toStoreConfig(e: StoreEnv): StoreConfig {
  return {
    backend: e.DATABASE_URL !== undefined ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: e.STADTPULS_DB },
    queueMax: e.HISTORY_QUEUE_MAX,
    flushMs: e.HISTORY_FLUSH_MS,
    retentionEveryMs: e.RETENTION_EVERY_MIN * 60_000,
    retention: {
      rawMs: e.RETENTION_RAW_H * HOUR,
      oneMinuteMs: e.RETENTION_1M_D * DAY,
      fifteenMinutesMs: e.RETENTION_15M_D * DAY,
      oneHourMs: e.RETENTION_1H_D * DAY,
    },
  };
}

/** The configured back-end, migrated and ready for queries. */
export async function createHistoryStore(config: Pick<StoreConfig, 'backend'>): Promise<HistoryStore> {
  const store: HistoryStore =
    config.backend.kind === 'postgres'
      ? new PostgresHistoryStore({ connectionString: config.backend.url })
      : new SqliteHistoryStore(config.backend.file);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

/**
 * Items per PostgreSQL write. Its rows are serialised on the main thread (JSON and pg's array
 * parameters): a 5,000-row batch stalled the event loop ~85 ms in bench:store, so batches stay smaller.
 */
export const POSTGRES_BATCH_MAX = 1_000;

/**
 * The pipeline's history stage for `store` (from createHistoryStore): SQLite writes go through a
 * worker thread with its own connection to the file, PostgreSQL writes through the store's pool.
 * Call writer.setRun(run.id) once the run is open; close() flushes and stops it.
 */
export function createHistoryWriter(
  config: StoreConfig,
  store: HistoryStore,
  opts: { cityNow: () => number; onError?: HistoryWriterOptions['onError']; /** generated sensors whose thinned readings get their own allowance */ generatedSensors?: number },
): HistoryWriter {
  // The store itself stays open for queries when the writer closes: the server closes it last.
  const sink: HistoryBatchSink =
    store instanceof SqliteHistoryStore
      ? new SqliteWorkerSink(store.file)
      : {
          write: (run, batch) => store.write(run, batch),
          applyRetention: (run, now, policy) => store.applyRetention(run, now, policy),
          deleteEndedRuns: (wallNow, policy, keep) => store.deleteEndedRuns(wallNow, policy, keep),
        };
  return new HistoryWriter({
    sink,
    queueMax: config.queueMax,
    generatedMax: opts.generatedSensors ?? 0,
    flushMs: config.flushMs,
    batchMax: store instanceof SqliteHistoryStore ? undefined : POSTGRES_BATCH_MAX,
    retention: { policy: config.retention, intervalMs: config.retentionEveryMs, cityNow: opts.cityNow },
    onError: opts.onError,
  });
}
