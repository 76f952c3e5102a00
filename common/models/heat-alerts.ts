/**
 * Heat alerts with hysteresis. A level is raised as soon as UTCI reaches its threshold
 * (32 °C strong, 38 °C very strong, 46 °C extreme heat stress, after the UTCI assessment scale)
 * but only lowered once UTCI has fallen a margin below it, so a value wobbling around 32 °C does
 * not make the alert flicker on the wall display.
 */
export const HEAT_ALERT_LEVELS = ['strong', 'very_strong', 'extreme'] as const;
export type HeatAlertLevel = (typeof HEAT_ALERT_LEVELS)[number];

export const HEAT_ALERT_THRESHOLDS_C: Record<HeatAlertLevel, number> = { strong: 32, very_strong: 38, extreme: 46 };

/** How far below a threshold UTCI must fall before its level clears, K. */
export const HEAT_ALERT_HYSTERESIS_K = 1;

export interface HeatAlertRule {
  thresholdsC: Record<HeatAlertLevel, number>;
  hysteresisK: number;
}

export const DEFAULT_HEAT_ALERT_RULE: HeatAlertRule = { thresholdsC: HEAT_ALERT_THRESHOLDS_C, hysteresisK: HEAT_ALERT_HYSTERESIS_K };

export function nextHeatAlertLevel(current: HeatAlertLevel | null, utciC: number | null, rule: HeatAlertRule = DEFAULT_HEAT_ALERT_RULE): HeatAlertLevel | null {
  if (utciC === null) return current;
  const currentRank = current === null ? -1 : HEAT_ALERT_LEVELS.indexOf(current);
  // From the most severe level down: reached outright, or held within the hysteresis band.
  for (let rank = HEAT_ALERT_LEVELS.length - 1; rank >= 0; rank--) {
    const level = HEAT_ALERT_LEVELS[rank];
    const threshold = rule.thresholdsC[level];
    if (utciC >= threshold) return level;
    if (currentRank >= rank && utciC > threshold - rule.hysteresisK) return level;
  }
  return null;
}
