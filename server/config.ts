import { z } from 'zod';
import { SENSOR_KINDS, sensorKindSchema, type SensorKind } from '../common/readings.js';
import { formatZodError } from '../common/zod-error.js';
import { storeEnvSchema, toStoreConfig, type StoreConfig } from './store/store-config.js';
import { feedsEnvSchema, toFeedsConfig, type FeedsConfig } from './feeds/feeds-config.js';
import type { HttpLimits } from './http/http-limits.js';
import type { ConnectionLimits } from './stream/connection-guard.js';
import type { BackpressureLimits } from './stream/backpressure.js';
import { authEnvSchema, toAuthConfig, type AuthConfig } from './auth/auth-config.js';
import { alertsEnvSchema, toAlertsConfig, type AlertsConfig } from './alerts/alert-config.js';
import { clusterEnvSchema, toClusterConfig, type ClusterConfig } from './cluster/cluster-config.js';

/** Every setting comes from the environment; README.md documents each one. */
const envSchema = feedsEnvSchema.extend(storeEnvSchema.shape).extend(authEnvSchema.shape).extend(alertsEnvSchema.shape).extend(clusterEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  SCENARIO: z.string().regex(/^[a-z0-9-]+$/, 'scenario id: lower-case letters, digits and -').default('normaler-werktag'),
  SIM_SPEED: z.coerce.number().positive().max(10_000).optional(),
  // `now` starts the simulated day at the wall clock, so real feeds' timestamps fit beside simulated kinds.
  SIM_START: z.union([z.literal('now'), z.iso.datetime({ offset: true })]).optional(),
  SIMULATOR: z.enum(['on', 'off']).default('on'),
  // A demo tour (scenarios/tours/<id>.json) recorded at start, for a kiosk; ?demo=<id> works without it (recorded on first request).
  DEMO: z.string().regex(/^[a-z0-9-]+$/, 'demo tour id: lower-case letters, digits and -').optional(),
  /** where tour files are (default scenarios/tours); their scenarios still come from scenarios/ */
  TOURS_DIR: z.string().min(1).optional(),
  SIMULATOR_KINDS: z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
    .pipe(z.array(sensorKindSchema).min(1, 'SIMULATOR_KINDS needs at least one kind (or set SIMULATOR=off)'))
    .optional(),
  STREAM_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  // Backpressure (docs/protocol.md): above the budget a client's deltas are coalesced, behind for long it is resynced, then dropped.
  STREAM_CLIENT_BUDGET: z.coerce.number().int().min(4 * 1024).max(64 * 1024 * 1024).default(1024 * 1024),
  STREAM_RESYNC_AFTER_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  STREAM_STALLED_AFTER_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // SCALE=<n> adds n generated sensors (server/simulator/scale-city.ts); SCALE_RATE=<Hz> makes each report that often per wall-clock second.
  SCALE: z.coerce.number().int().min(0).max(1_000_000).default(0),
  SCALE_RATE: z.coerce.number().positive().max(10).optional(),
  SCALE_SEED: z.coerce.number().int().min(0).max(2 ** 31).default(1),
  // A generated sensor's readings go into the history at most once per this many seconds of its own timestamps (0: all).
  HISTORY_GENERATED_EVERY_S: z.coerce.number().int().min(0).max(86_400).default(60),
  // The district heat surface is recomputed at most this often (wall ms); default: every tick for the registry city, 5 s with SCALE.
  HEAT_SURFACE_EVERY_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  MAP_STYLE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Connection limits (docs/security.md): slow, idle and greedy clients are closed in seconds.
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  HTTP_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(1_000_000).default(4096),
  // The hard cap: above STREAM_CLIENT_BUDGET by more than one large message (a snapshot at 100,000 sensors).
  SOCKET_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16 * 1024).max(256 * 1024 * 1024).default(8 * 1024 * 1024),
  SOCKET_MAX_EVENTS_PER_10S: z.coerce.number().int().min(2).max(10_000).default(10),
});

export type Config = {
  port: number;
  host: string;
  scenario: string;
  simSpeed?: number;
  /** overrides the scenario's start, epoch ms */
  simStart?: number;
  simulator: boolean;
  /** a tour to record at start (DEMO); null: tours are recorded on their first request */
  demo: string | null;
  toursDir: string | null;
  /** the kinds the simulator (and a scenario's replay) provide; the others are left to real feeds */
  simulatorKinds: SensorKind[];
  streamTickMs: number;
  streamBackpressure: BackpressureLimits;
  /** generated sensors (SCALE): how many, readings per sensor per wall-clock second (null: each kind's own cadence), seed */
  scale: { sensors: number; ratePerS: number | null; seed: number };
  /** a generated sensor's readings are kept in the history at most this often (ms of their timestamps; 0: all) */
  historyGeneratedEveryMs: number;
  /** least wall time between two computations of the district heat surface, ms */
  heatSurfaceEveryMs: number;
  mapStyleUrl: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  feeds: FeedsConfig;
  store: StoreConfig;
  http: HttpLimits;
  socket: ConnectionLimits;
  auth: AuthConfig;
  alerts: AlertsConfig;
  /** REDIS_URL: this node's part in a cluster (server/cluster/, docs/deploy.md); null: one process */
  cluster: ClusterConfig | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${formatZodError(parsed.error, { whole: '(environment)' })}`);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new Error('invalid configuration: HTTP_HEADERS_TIMEOUT_MS is larger than HTTP_REQUEST_TIMEOUT_MS');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    scenario: e.SCENARIO,
    simSpeed: e.SIM_SPEED,
    simStart: e.SIM_START === undefined ? undefined : e.SIM_START === 'now' ? Date.now() : Date.parse(e.SIM_START),
    simulator: e.SIMULATOR === 'on',
    demo: e.DEMO ?? null,
    toursDir: e.TOURS_DIR ?? null,
    simulatorKinds: e.SIMULATOR_KINDS ?? [...SENSOR_KINDS],
    streamTickMs: e.STREAM_TICK_MS,
    streamBackpressure: { budgetBytes: e.STREAM_CLIENT_BUDGET, resyncAfterMs: e.STREAM_RESYNC_AFTER_MS, stalledAfterMs: e.STREAM_STALLED_AFTER_MS },
    scale: { sensors: e.SCALE, ratePerS: e.SCALE_RATE ?? null, seed: e.SCALE_SEED },
    historyGeneratedEveryMs: e.HISTORY_GENERATED_EVERY_S * 1000,
    heatSurfaceEveryMs: e.HEAT_SURFACE_EVERY_MS ?? (e.SCALE > 0 ? 5_000 : 0),
    mapStyleUrl: e.MAP_STYLE_URL ?? null,
    logLevel: e.LOG_LEVEL,
    feeds: toFeedsConfig(e),
    store: toStoreConfig(e),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      shutdownGraceMs: e.HTTP_SHUTDOWN_GRACE_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    socket: { maxBufferedBytes: e.SOCKET_MAX_BUFFERED_BYTES, maxEventsPer10s: e.SOCKET_MAX_EVENTS_PER_10S },
    auth: toAuthConfig(e),
    alerts: toAlertsConfig(e),
    cluster: toClusterConfig(e),
  };
}
