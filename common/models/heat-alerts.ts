/**
 * Heat alerts with hysteresis. A level is raised as soon as UTCI reaches its threshold
 * (32 °C strong, 38 °C very strong heat stress, after the UTCI assessment scale) but only
 * lowered once UTCI has fallen a margin below it, so a value wobbling around 32 °C does not
 * make the alert flicker on the wall display.
 */
export const HEAT_ALERT_LEVELS = ['strong', 'very_strong'] as const;
export type HeatAlertLevel = (typeof HEAT_ALERT_LEVELS)[number];

export const HEAT_ALERT_THRESHOLDS_C: Record<HeatAlertLevel, number> = { strong: 32, very_strong: 38 };

/** How far below a threshold UTCI must fall before its level clears, K. */
export const HEAT_ALERT_HYSTERESIS_K = 1;

export function nextHeatAlertLevel(current: HeatAlertLevel | null, utciC: number | null): HeatAlertLevel | null {
  if (utciC === null) return current;
  const { strong, very_strong } = HEAT_ALERT_THRESHOLDS_C;
  if (utciC >= very_strong) return 'very_strong';
  if (current === 'very_strong' && utciC > very_strong - HEAT_ALERT_HYSTERESIS_K) return 'very_strong';
  if (utciC >= strong) return 'strong';
  if (current !== null && utciC > strong - HEAT_ALERT_HYSTERESIS_K) return 'strong';
  return null;
}
