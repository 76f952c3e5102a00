import type { ChargePointStatus } from '../readings.js';

/**
 * Charging alerts of one site: `site_down` when every charge point is out of order (nobody can
 * charge there), else one `point_faulted` per point out of order. A site that is down reports no
 * separate point faults: they are the same fault seen twice.
 */
export interface ChargingFaults {
  siteDown: boolean;
  /** ids of the faulted points, empty when the site is down */
  faultedPoints: string[];
}

export function chargingFaults(points: ReadonlyArray<{ id: string; status: ChargePointStatus }>): ChargingFaults {
  const faulted = points.filter((p) => p.status === 'out_of_order').map((p) => p.id);
  const siteDown = points.length > 0 && faulted.length === points.length;
  return { siteDown, faultedPoints: siteDown ? [] : faulted };
}
