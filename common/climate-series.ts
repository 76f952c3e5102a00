import { z } from 'zod';

/**
 * A recorded climate series in compact form, as `npm run data` derives it from the city's
 * smart-bench exports (data/climate/*.json). One row per measurement:
 * [minutes since `start`, airTempC, relHumidityPct, windKmh, solarWm2].
 */
export const climateSeriesSchema = z.object({
  description: z.string(),
  source: z.string(),
  /** epoch ms of minute 0 */
  start: z.number().int(),
  stations: z.array(
    z.object({
      sensorId: z.string(),
      rows: z.array(z.tuple([z.number().int().nonnegative(), z.number(), z.number(), z.number(), z.number()])),
      /** a synthetic station's rows are interpolated from these real stations (data/build/heatwave-fill.ts) */
      derivedFrom: z.array(z.string()).optional(),
    }),
  ),
});

export type ClimateSeries = z.infer<typeof climateSeriesSchema>;
