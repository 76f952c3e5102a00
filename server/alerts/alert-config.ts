import { z } from 'zod';
import type { CongestionRule } from '../../common/models/traffic-alerts.js';
import type { HeatAlertRule } from '../../common/models/heat-alerts.js';
import type { ParkingAlertRule } from '../../common/models/parking-alerts.js';
import type { SensorHealthRule } from '../../common/models/sensor-health-alerts.js';
import { readJsonFile } from '../json-file.js';

/**
 * Alert thresholds. The defaults hold for a city day (bench/alerts.bench.ts measures what they
 * raise per hour in each scenario); a JSON file named by ALERTS_FILE overrides any of them, e.g.
 * `{ "traffic": { "losFMinutes": 15 }, "parking": { "nearlyFullPct": 97 } }`. The file is validated
 * at start-up and a bad one stops the server with the problem named (docs/alerts.md lists every field).
 */
export const alertThresholdsSchema = z.strictObject({
  heat: z
    .strictObject({
      strongC: z.number().default(32),
      veryStrongC: z.number().default(38),
      extremeC: z.number().default(46),
      hysteresisK: z.number().min(0).max(10).default(1),
      /** false: district alerts only (a station's own alert is then left out) */
      stations: z.boolean().default(true),
    })
    .refine((h) => h.strongC < h.veryStrongC && h.veryStrongC < h.extremeC, 'heat thresholds must rise: strongC < veryStrongC < extremeC')
    .prefault({}),
  traffic: z
    .strictObject({
      /** minutes of city time a link must be at LOS F without a break */
      losFMinutes: z.number().min(0).max(240).default(10),
      /** closures and incidents in force raise an alert each */
      closures: z.boolean().default(true),
    })
    .prefault({}),
  parking: z
    .strictObject({
      nearlyFullPct: z.number().min(0).max(100).default(95),
      fullPct: z.number().min(0).max(100).default(100),
      hysteresisPct: z.number().min(0).max(50).default(3),
    })
    .refine((p) => p.nearlyFullPct <= p.fullPct, 'parking: nearlyFullPct must not exceed fullPct')
    .prefault({}),
  sensor: z
    .strictObject({
      /** a sensor is silent after its kind's freshness limit (common/freshness.ts) times this */
      silentFactor: z.number().min(1).max(100).default(6),
      feedDownSeconds: z.number().min(0).max(86_400).default(60),
    })
    .prefault({}),
});
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

export const alertsEnvSchema = z.object({
  ALERTS_FILE: z.string().min(1).optional(),
  ALERT_WALL_CAP: z.coerce.number().int().min(1).max(100).default(8),
});

export interface AlertsConfig {
  thresholds: AlertThresholds;
  /** groups the wall's ticker shows at most, most severe first */
  wallCap: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = alertThresholdsSchema.parse({});

export function toAlertsConfig(e: z.infer<typeof alertsEnvSchema>): AlertsConfig {
  const thresholds = e.ALERTS_FILE ? readJsonFile(e.ALERTS_FILE, alertThresholdsSchema, 'alert thresholds') : DEFAULT_ALERT_THRESHOLDS;
  return { thresholds, wallCap: e.ALERT_WALL_CAP };
}

/** The thresholds as the pure rules of common/models/ take them. */
export function alertRules(t: AlertThresholds): { heat: HeatAlertRule; congestion: CongestionRule; parking: ParkingAlertRule; sensor: SensorHealthRule } {
  return {
    heat: { thresholdsC: { strong: t.heat.strongC, very_strong: t.heat.veryStrongC, extreme: t.heat.extremeC }, hysteresisK: t.heat.hysteresisK },
    congestion: { minMinutes: t.traffic.losFMinutes },
    parking: t.parking,
    sensor: t.sensor,
  };
}
