import type { Sample } from './idw.js';
import { nearestIdw } from './nearest-idw.js';
import { HEAT_ALERT_THRESHOLDS_C } from './heat-alerts.js';

/** UTCI category bounds (Bröde et al. 2012): moderate heat stress from 26 °C, very strong from 38 °C. */
const MODERATE_HEAT_C = 26;
const VERY_STRONG_HEAT_C = 38;

/** A cell of an equal-area grid over the city, in planar km, tagged with its Stadtbezirk. */
export interface GridCell {
  districtId: string;
  x: number;
  y: number;
}

export interface DistrictHeat {
  districtId: string;
  meanUtciC: number;
  maxUtciC: number;
  /** share of the district's area at strong heat stress or worse (UTCI ≥ 32 °C), 0 … 1 */
  shareStrongOrWorse: number;
  /**
   * The shares at the neighbouring category bounds, so districts still differ when all of them are
   * at ≥ 32 °C (a 40 °C afternoon) or none is: moderate heat stress or worse (≥ 26 °C), very
   * strong heat stress or worse (≥ 38 °C), 0 … 1.
   */
  shareModerateOrWorse: number;
  shareVeryStrongOrWorse: number;
}

/**
 * Heat figures per district from the interpolated UTCI field: the same IDW surface the map shows,
 * sampled on grid cells of equal area, so shares of cells are shares of area. With more than
 * NEAREST_STATIONS stations each cell is interpolated from its nearest ones (nearest-idw.ts).
 */
export function aggregateDistrictHeat(cells: ReadonlyArray<GridCell>, stations: ReadonlyArray<Sample>): DistrictHeat[] {
  if (stations.length === 0) return [];
  // The k nearest stations per cell (full IDW up to k stations): the cost follows the cells, not the stations.
  const idw = nearestIdw(stations);
  const acc = new Map<string, { sum: number; max: number; moderate: number; strong: number; veryStrong: number; n: number }>();
  for (const cell of cells) {
    const value = idw(cell.x, cell.y);
    let a = acc.get(cell.districtId);
    if (!a) acc.set(cell.districtId, (a = { sum: 0, max: -Infinity, moderate: 0, strong: 0, veryStrong: 0, n: 0 }));
    a.sum += value;
    a.max = Math.max(a.max, value);
    if (value >= MODERATE_HEAT_C) a.moderate += 1;
    if (value >= HEAT_ALERT_THRESHOLDS_C.strong) a.strong += 1;
    if (value >= VERY_STRONG_HEAT_C) a.veryStrong += 1;
    a.n += 1;
  }
  return [...acc].map(([districtId, a]) => ({
    districtId,
    meanUtciC: a.sum / a.n,
    maxUtciC: a.max,
    shareStrongOrWorse: a.strong / a.n,
    shareModerateOrWorse: a.moderate / a.n,
    shareVeryStrongOrWorse: a.veryStrong / a.n,
  }));
}
