import { z } from 'zod';
import { CHARGE_POINT_STATUSES } from './readings.js';

/**
 * Figures the server derives from each reading with the pure models in common/models/.
 * They travel with the reading so the wall display, tooltips and KPIs all show the same numbers.
 */

export const LOS_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type LosClass = (typeof LOS_CLASSES)[number];

export const trafficDerivedSchema = z.object({
  kind: z.literal('traffic'),
  /** measured speed / free-flow speed */
  speedRatio: z.number(),
  los: z.enum(LOS_CLASSES),
  /** measured flow / capacity */
  volumeCapacityRatio: z.number(),
  /** travel time / free-flow travel time (1 = free flow) */
  travelTimeIndex: z.number(),
});

export const climateDerivedSchema = z.object({
  kind: z.literal('climate'),
  /** Universal Thermal Climate Index, °C; null outside the approximation's valid range */
  utciC: z.number().nullable(),
  /** UTCI stress category id, null when utciC is null */
  utciCategory: z.string().nullable(),
  /** estimated mean radiant temperature, °C */
  tmrtC: z.number(),
  /** NWS heat index, °C */
  heatIndexC: z.number(),
});

export const parkingDerivedSchema = z.object({
  kind: z.literal('parking'),
  capacity: z.number().int(),
  occupancyPct: z.number(),
});

const statusCounts = Object.fromEntries(CHARGE_POINT_STATUSES.map((s) => [s, z.number().int()])) as {
  [K in (typeof CHARGE_POINT_STATUSES)[number]]: z.ZodNumber;
};

export const chargingDerivedSchema = z.object({
  kind: z.literal('charging'),
  total: z.number().int(),
  counts: z.object(statusCounts),
  /** power delivered at the site right now, kW */
  powerKw: z.number(),
});

/**
 * A tree sensor's reading carries what the map shows (moisture, temperature); nothing is derived from it
 * yet: a drought class would need thresholds for the vendor's moisture figure that no published source gives.
 */
export const treeDerivedSchema = z.object({ kind: z.literal('tree') });

export const derivedSchema = z.discriminatedUnion('kind', [
  trafficDerivedSchema,
  climateDerivedSchema,
  parkingDerivedSchema,
  chargingDerivedSchema,
  treeDerivedSchema,
]);

export type TrafficDerived = z.infer<typeof trafficDerivedSchema>;
export type ClimateDerived = z.infer<typeof climateDerivedSchema>;
export type ParkingDerived = z.infer<typeof parkingDerivedSchema>;
export type ChargingDerived = z.infer<typeof chargingDerivedSchema>;
export type TreeDerived = z.infer<typeof treeDerivedSchema>;
export type Derived = z.infer<typeof derivedSchema>;
