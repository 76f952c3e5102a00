import { STALE_AFTER_MS } from '../freshness.js';
import type { SensorKind } from '../readings.js';

/**
 * Sensor-health alerts. A sensor is silent once its latest reading is older than its kind's
 * freshness limit (common/freshness.ts) times `silentFactor` (default 6: a detector silent for
 * 30 min, a climate station for 2 h; the simulated detectors' 5–30 min dropouts raised 78–87
 * alerts a day at factor 1–3, bench/alerts.bench.ts, and none of them asked for action); only a sensor that has reported at
 * least once can fall silent (one never heard of is not configured yet, not broken). A feed link
 * (MQTT broker, pull URL) is down once it has been down for `feedDownSeconds`, so a reconnect
 * within seconds does not wake anybody.
 */
export interface SensorHealthRule {
  silentFactor: number;
  feedDownSeconds: number;
}

export const DEFAULT_SENSOR_HEALTH_RULE: SensorHealthRule = { silentFactor: 6, feedDownSeconds: 60 };

export function isSilent(kind: SensorKind, lastReadingTs: number | null, cityNow: number, rule: SensorHealthRule = DEFAULT_SENSOR_HEALTH_RULE): boolean {
  return lastReadingTs !== null && cityNow - lastReadingTs > STALE_AFTER_MS[kind] * rule.silentFactor;
}

export function isFeedDown(link: { state: 'connecting' | 'up' | 'down'; since: number } | undefined, now: number, rule: SensorHealthRule = DEFAULT_SENSOR_HEALTH_RULE): boolean {
  return link !== undefined && link.state === 'down' && now - link.since >= rule.feedDownSeconds * 1000;
}
