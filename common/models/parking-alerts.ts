/**
 * Car-park alerts: `nearly_full` from `nearlyFullPct` occupancy, `full` when no space is left
 * (occupancy at `fullPct`). A level is lowered only once occupancy has fallen `hysteresisPct`
 * below its threshold, so a car park at 94–96 % does not raise and clear every few minutes.
 */
export const PARKING_ALERT_LEVELS = ['nearly_full', 'full'] as const;
export type ParkingAlertLevel = (typeof PARKING_ALERT_LEVELS)[number];

export interface ParkingAlertRule {
  nearlyFullPct: number;
  fullPct: number;
  hysteresisPct: number;
}

export const DEFAULT_PARKING_ALERT_RULE: ParkingAlertRule = { nearlyFullPct: 95, fullPct: 100, hysteresisPct: 3 };

export function nextParkingAlertLevel(current: ParkingAlertLevel | null, occupancyPct: number | null, rule: ParkingAlertRule = DEFAULT_PARKING_ALERT_RULE): ParkingAlertLevel | null {
  if (occupancyPct === null) return current;
  if (occupancyPct >= rule.fullPct) return 'full';
  if (current === 'full' && occupancyPct > rule.fullPct - rule.hysteresisPct) return 'full';
  if (occupancyPct >= rule.nearlyFullPct) return 'nearly_full';
  if (current !== null && occupancyPct > rule.nearlyFullPct - rule.hysteresisPct) return 'nearly_full';
  return null;
}
