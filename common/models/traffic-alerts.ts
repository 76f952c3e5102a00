import type { LosClass } from '../derived.js';

/**
 * Congestion alert of one detector's link: raised once the link has been at LOS F without a break
 * for `minMinutes` of city time (a short stop-and-go wave is not an alarm), held while it stays at
 * LOS E or F, cleared once it flows at D or better (one class of hysteresis, so a link hovering
 * between E and F does not flicker).
 */
export interface CongestionRule {
  minMinutes: number;
}

export const DEFAULT_CONGESTION_RULE: CongestionRule = { minMinutes: 10 };

export interface CongestionState {
  /** city time the current unbroken run at LOS F began, epoch ms; null when not at F */
  fSince: number | null;
  raised: boolean;
}

export const NOT_CONGESTED: CongestionState = { fSince: null, raised: false };

export function nextCongestion(prev: CongestionState, los: LosClass | null, t: number, rule: CongestionRule = DEFAULT_CONGESTION_RULE): CongestionState {
  // No current reading: keep what we had; a silent detector is the sensor-health rule's business.
  if (los === null) return prev;
  const fSince = los === 'F' ? (prev.fSince ?? t) : null;
  if (prev.raised) return { fSince, raised: los === 'E' || los === 'F' };
  return { fSince, raised: fSince !== null && t - fSince >= rule.minMinutes * 60_000 };
}
