import { z } from 'zod';
import { instantSchema } from './history.js';
import { evGrowthSchema } from './tour.js';

/**
 * Wire types of the e-mobility panel (issue 11): GET /api/history/charging (a charging day per site
 * and for the city, common/models/charging-history.ts) and GET /api/mobility/ev-registrations (the
 * electric vehicles registered in Bochum per month against the public charge points known).
 */

export const CHARGING_BUCKETS = { '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000 } as const;
export type ChargingBucketName = keyof typeof CHARGING_BUCKETS;
/** The longest period one request aggregates (a week at 1 min rollups is 24 sites × 10,080 points). */
export const MAX_CHARGING_DAYS = 7;

export const chargingHistoryQuerySchema = z
  .object({
    /** a Bochum calendar day; the default is the day of the city's now */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is a Bochum calendar day, YYYY-MM-DD').optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    bucket: z.enum(Object.keys(CHARGING_BUCKETS) as [ChargingBucketName, ...ChargingBucketName[]]).default('15m'),
    run: z.string().min(1).max(200).optional(),
  })
  .refine((q) => q.date === undefined || (q.from === undefined && q.to === undefined), { message: 'give either date or from/to, not both' });
export type ChargingHistoryQuery = z.infer<typeof chargingHistoryQuerySchema>;

const groupCounts = { free: z.number(), occupied: z.number(), outOfOrder: z.number(), unknown: z.number() };

export const chargingBucketSchema = z.object({ t: z.number(), ...groupCounts, coverage: z.number() });

const dayFigures = {
  buckets: z.array(chargingBucketSchema),
  pointHours: z.object(groupCounts),
  /** occupied point-hours / point-hours with a known status; null without data */
  utilisation: z.number().nullable(),
  outOfOrderShare: z.number().nullable(),
};

export const chargingHistoryResponseSchema = z.object({
  run: z.string(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  /** how long one status report holds without a newer one (the charging freshness limit) */
  holdMs: z.number(),
  /** the rollup the figures are computed from */
  step: z.enum(['1m', '15m']),
  city: z.object(dayFigures),
  sites: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      district: z.string(),
      /** charge points in the registry */
      points: z.number().int(),
      synthetic: z.boolean(),
      ...dayFigures,
    }),
  ),
});
export type ChargingHistoryResponse = z.infer<typeof chargingHistoryResponseSchema>;
export type ChargingSiteDay = ChargingHistoryResponse['sites'][number];

export const evRegistrationsResponseSchema = z.object({
  /** electric vehicles and cars registered per month (data/mobility/ev-monthly.json) */
  registrations: evGrowthSchema,
  /**
   * The public charge points Stadtpuls knows: today's count from its registry only, no history
   * (there is no open charging register for Bochum in the reference data).
   */
  chargePoints: z.object({ points: z.number().int(), sites: z.number().int(), synthetic: z.boolean(), source: z.string() }),
});
export type EvRegistrationsResponse = z.infer<typeof evRegistrationsResponseSchema>;
