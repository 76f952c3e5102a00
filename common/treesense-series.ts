import { z } from 'zod';

/**
 * The city's five TreeSense soil-moisture sensors in street trees in compact form, as
 * `data/build/build-treesense.ts` derives it from the open-data exports (data/trees/*.json).
 * One row per hour: [minutes since `start`, moisturePct, tempC]; moisture content is the vendor's
 * figure (100 = saturated), tempC the sensor's own temperature.
 */
export const treeSenseSeriesSchema = z.object({
  description: z.string(),
  source: z.string(),
  /** epoch ms of minute 0 */
  start: z.number().int(),
  sensors: z.array(
    z.object({
      sensorId: z.string().min(1),
      /** LoRaWAN hardware serial (DevEUI), the key of the real device's uplinks */
      devEui: z.string().regex(/^[0-9A-F]{16}$/),
      name: z.string().min(1),
      species: z.string().min(1),
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      rows: z.array(z.tuple([z.number().int().nonnegative(), z.number().min(0).max(100), z.number()])),
    }),
  ),
});

export type TreeSenseSeries = z.infer<typeof treeSenseSeriesSchema>;
