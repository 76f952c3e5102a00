import { z } from 'zod';
import { sensorKindSchema } from './readings.js';
import { districtHeatSchema, alertSchema, kpisSchema, liveEntrySchema, trafficClosureSchema, worstLinksSchema } from './protocol.js';

/**
 * The history API's wire types (docs/protocol.md, "History"). The server validates query
 * parameters with these schemas and the client parses answers with them.
 *
 * A history point is flat numbers: every numeric value of a reading and of its derived figures
 * (e.g. `airTempC`, `utciC`; `speedKmh`, `volumeCapacityRatio`; `occupancyPct`; `available`),
 * so one chart component can draw any series. Raw points carry the values as measured; rolled-up
 * points carry the mean in `values` and the extremes in `min` and `max`.
 */

export const HISTORY_STEPS = ['raw', '1m', '15m', '1h'] as const;
export const historyStepSchema = z.enum(HISTORY_STEPS);
export type HistoryStep = z.infer<typeof historyStepSchema>;

/** Bucket length of each rolled-up step, ms. */
export const STEP_MS: Record<Exclude<HistoryStep, 'raw'>, number> = { '1m': 60_000, '15m': 900_000, '1h': 3_600_000 };

/** More points than this in one answer are refused with a 400 that names a coarser step. */
export const MAX_POINTS_PER_RESPONSE = 20_000;

/** An instant in a query: ISO 8601 (with offset) or epoch ms. */
export const instantSchema = z.union([
  z.coerce.number().int().min(946_684_800_000, 'epoch ms before 2000: seconds instead of milliseconds?').max(4_102_444_800_000, 'epoch ms after 2100'),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
], { error: 'expected an ISO 8601 instant with offset (2024-08-13T15:00:00+02:00) or epoch ms (2000 to 2100)' });

export const historyQuerySchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  step: historyStepSchema.optional(),
  /** the run to read; the current run by default */
  run: z.string().min(1).max(200).optional(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyPointSchema = z.object({
  /** start of the bucket (or the measurement time for raw points), epoch ms */
  t: z.number(),
  /** numeric reading values: measured (raw) or bucket means */
  values: z.record(z.string(), z.number()),
  /** numeric derived figures: as derived (raw) or bucket means, plus categories (LOS, UTCI category) */
  derived: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** bucket minimum and maximum of every value and numeric derived figure (rolled-up steps only) */
  min: z.record(z.string(), z.number()).optional(),
  max: z.record(z.string(), z.number()).optional(),
  /** readings in the bucket (rolled-up steps only) */
  count: z.number().int().optional(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const seriesHistorySchema = z.object({
  /** sensor id, district id, link id or `city` for the KPIs */
  id: z.string(),
  kind: z.union([sensorKindSchema, z.literal('district'), z.literal('link'), z.literal('kpis')]),
  run: z.string(),
  step: historyStepSchema,
  from: z.number(),
  to: z.number(),
  points: z.array(historyPointSchema),
});
export type SeriesHistory = z.infer<typeof seriesHistorySchema>;

/** A run: one simulated scenario start, or the real-time run that survives restarts. */
export const runInfoSchema = z.object({
  id: z.string(),
  scenario: z.string().nullable(),
  /** true for the one real-time run */
  realtime: z.boolean(),
  /** wall-clock time the run started, epoch ms */
  startedAt: z.number(),
  /** first and last city time with data, epoch ms (null before any data) */
  firstT: z.number().nullable(),
  lastT: z.number().nullable(),
});
export type RunInfo = z.infer<typeof runInfoSchema>;

/** A refused history or export request: a code and one sentence that says what to change (as the rest of the API). */
export const historyErrorSchema = z.object({ error: z.string(), message: z.string() });

/** GET /api/history/runs: every run, newest first, and the one this server writes. */
export const runsResponseSchema = z.object({
  /** null until the store has opened the run (the first moments after start) */
  current: z.string().nullable(),
  runs: z.array(runInfoSchema),
});
export type RunsResponse = z.infer<typeof runsResponseSchema>;

/**
 * GET /api/history/links/:id: the traffic figures of one road-graph link over time, from the
 * detector(s) whose registry `linkId` is that link. With several detectors on a link a point
 * holds their mean (min of minima, max of maxima, the worse LOS).
 */
export const linkHistorySchema = seriesHistorySchema.extend({
  kind: z.literal('link'),
  street: z.string(),
  sensorIds: z.array(z.string()),
});
export type LinkHistory = z.infer<typeof linkHistorySchema>;

/** GET /api/state?at=: the query. */
export const stateAtQuerySchema = z.object({
  at: instantSchema,
  run: z.string().min(1).max(200).optional(),
  /** `columns`: the entries as columns (pastStateColumnsSchema), for a client that keeps the registry's order */
  format: z.enum(['json', 'columns']).optional(),
});

/**
 * GET /api/state?at=: the city as it was at `at`, in the shape of GET /api/state (cityTime is `at`)
 * plus the district figures, alerts and closures then active.
 */
export const pastStateSchema = z.object({
  seq: z.number().int().nonnegative(),
  instance: z.string(),
  serverTime: z.number(),
  cityTime: z.number(),
  at: z.number(),
  run: z.string(),
  /** the latest reading per sensor at or before `at` within its kind's freshness limit (common/freshness.ts) */
  entries: z.array(liveEntrySchema),
  districts: z.array(districtHeatSchema),
  alerts: z.array(alertSchema),
  closures: z.array(trafficClosureSchema),
});
export type PastState = z.infer<typeof pastStateSchema>;

/**
 * GET /api/state?at=&format=columns: the past state with its entries as the live stream's columns
 * (common/wire/columns.ts, indices into the registry named by its fingerprint), raw DEFLATE, base64. At
 * SCALE=100000 the entries are 24 MB of JSON, parsed and checked entry by entry on the page's main thread
 * (about 0.5 s a step of the time cursor). The page keeps generated sensors in columns only, so the answer
 * brings the figures it could no longer count from its entries: the KPIs and the worst links at `at`.
 */
export const pastStateColumnsSchema = pastStateSchema.omit({ entries: true }).extend({
  registry: z.string(),
  compression: z.literal('deflate-raw'),
  columns: z.string(),
  kpis: kpisSchema,
  worstLinks: worstLinksSchema,
});
export type PastStateColumns = z.infer<typeof pastStateColumnsSchema>;

/**
 * More rows than this in one export file are refused with a 400 that names a coarser step. The file is
 * built in memory: 50,000 rows are 5–20 MB (a day at 1 min of every climate station fits; a week raw of
 * every detector does not).
 */
export const MAX_EXPORT_ROWS = 50_000;
/** More sensor ids than this in one export request are refused. */
export const MAX_EXPORT_IDS = 500;

export const EXPORT_FORMATS = ['csv', 'geojson'] as const;

/** GET /api/export: the query. `ids` is a comma-separated list of sensor ids of `kind` (all of them by default). */
export const exportQuerySchema = historyQuerySchema.extend({
  kind: sensorKindSchema,
  format: z.enum(EXPORT_FORMATS).default('csv'),
  ids: z
    .string()
    .transform((s) => s.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
    .pipe(z.array(z.string().max(100)).min(1, 'name at least one sensor id, or leave ids out for all sensors of the kind').max(MAX_EXPORT_IDS))
    .optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Default step for a range so a chart gets a few hundred to a few thousand points. */
export function defaultStep(rangeMs: number): HistoryStep {
  if (rangeMs <= 2 * 3_600_000) return 'raw';
  if (rangeMs <= 2 * 86_400_000) return '1m';
  if (rangeMs <= 14 * 86_400_000) return '15m';
  return '1h';
}

/** The longest period GET /api/history/climate-indicators counts over (a year and a leap day). */
export const MAX_CLIMATE_INDICATOR_DAYS = 366;

/** GET /api/history/climate-indicators: `from`/`to` default to the 30 days up to the city's now. */
export const climateIndicatorsQuerySchema = historyQuerySchema.pick({ from: true, to: true, run: true });

const indicatorCounts = {
  /** days with Tmax ≥ 25 °C, Tmax ≥ 30 °C; nights (18–08 h) with Tmin ≥ 20 °C (common/models/climate-indicators.ts) */
  summerDays: z.number(),
  hotDays: z.number(),
  tropicalNights: z.number(),
};

export const climateIndicatorsResponseSchema = z.object({
  run: z.string(),
  from: z.number(),
  to: z.number(),
  stations: z.array(z.object({
    id: z.string(),
    name: z.string(),
    /** district id (as in data/city/districts.geojson) */
    district: z.string(),
    ...indicatorCounts,
    completeDays: z.number().int(),
    completeNights: z.number().int(),
    /** Bochum dates with readings but too few to judge (nights named by their evening) */
    incompleteDays: z.array(z.string()),
    incompleteNights: z.array(z.string()),
  })),
  /** per district the mean of its judged stations' counts (0.1); null counts when no station judged a day */
  districts: z.array(z.object({ id: z.string(), name: z.string(), stations: z.number().int(), ...indicatorCounts }).or(
    z.object({ id: z.string(), name: z.string(), stations: z.literal(0), summerDays: z.null(), hotDays: z.null(), tropicalNights: z.null() }),
  )),
});
export type ClimateIndicatorsResponse = z.infer<typeof climateIndicatorsResponseSchema>;
