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
  const sum = new DistrictHeatSum(cells, stations);
  sum.add(cells.length);
  return sum.result();
}

/**
 * aggregateDistrictHeat taken a few cells at a time, so a server can let its event loop run in between
 * (15,000 stations at SCALE: tens of ms per surface). The cells are summed in their order whatever the
 * steps, so the result is aggregateDistrictHeat's to the last bit.
 */
export class DistrictHeatSum {
  private readonly idw: ((x: number, y: number) => number) | null;
  private readonly acc = new Map<string, { sum: number; max: number; moderate: number; strong: number; veryStrong: number; n: number }>();
  private next = 0;

  constructor(
    private readonly cells: ReadonlyArray<GridCell>,
    stations: ReadonlyArray<Sample>,
  ) {
    // The k nearest stations per cell (full IDW up to k stations): the cost follows the cells, not the stations.
    this.idw = stations.length === 0 ? null : nearestIdw(stations);
  }

  get done(): boolean {
    return this.idw === null || this.next >= this.cells.length;
  }

  /** Sums up to `count` more cells. */
  add(count: number): void {
    const idw = this.idw;
    if (idw === null) return;
    const end = Math.min(this.cells.length, this.next + count);
    for (let i = this.next; i < end; i++) {
      const cell = this.cells[i];
      const value = idw(cell.x, cell.y);
      let a = this.acc.get(cell.districtId);
      if (!a) this.acc.set(cell.districtId, (a = { sum: 0, max: -Infinity, moderate: 0, strong: 0, veryStrong: 0, n: 0 }));
      a.sum += value;
      a.max = Math.max(a.max, value);
      if (value >= MODERATE_HEAT_C) a.moderate += 1;
      if (value >= HEAT_ALERT_THRESHOLDS_C.strong) a.strong += 1;
      if (value >= VERY_STRONG_HEAT_C) a.veryStrong += 1;
      a.n += 1;
    }
    this.next = end;
  }

  /** The figures of every district the cells summed so far touch (all of them once `done`); none without stations. */
  result(): DistrictHeat[] {
    if (this.idw === null) return [];
    return [...this.acc].map(([districtId, a]) => ({
      districtId,
      meanUtciC: a.sum / a.n,
      maxUtciC: a.max,
      shareStrongOrWorse: a.strong / a.n,
      shareModerateOrWorse: a.moderate / a.n,
      shareVeryStrongOrWorse: a.veryStrong / a.n,
    }));
  }
}
