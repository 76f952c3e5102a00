import { NEAREST_STATIONS, StationGrid } from './nearest-idw.js';

/**
 * nearestIdw's neighbours and weights for fixed points, computed once for stations that stay where they are.
 * A SCALE city's heat surface is redrawn as readings change, but its thousands of stations do not move, and
 * the search for each point's nearest stations was most of a redraw (issue 13). `at(values, p)` gives
 * nearestIdw's figure for point p to the bit: the same stations in the same order, the same weights.
 */
export class PointWeights {
  private constructor(
    private readonly k: number,
    /** per point: how many stations it weighs, then k station indices and k weights */
    private readonly n: Int32Array,
    private readonly idx: Int32Array,
    private readonly w: Float64Array,
    /** per point: the station it lies on (its value is the point's), or -1 */
    private readonly exact: Int32Array,
  ) {}

  /** `stations` and `points` as x, y pairs (planar, lonLatToLocalKm), like nearestIdw's samples. */
  static of(stations: Float64Array, points: Float64Array, k = NEAREST_STATIONS, power = 2): PointWeights {
    const count = points.length / 2;
    const m = stations.length / 2;
    const slots = Math.min(k, m);
    const n = new Int32Array(count);
    const idx = new Int32Array(count * slots);
    const w = new Float64Array(count * slots);
    const exact = new Int32Array(count).fill(-1);
    const samples = Array.from({ length: m }, (_, i) => ({ x: stations[2 * i], y: stations[2 * i + 1], value: 0 }));
    const grid = m > k ? new StationGrid(samples) : null;
    const near = new Int32Array(k);
    const dist2 = new Float64Array(k);
    for (let p = 0; p < count; p++) {
      const x = points[2 * p];
      const y = points[2 * p + 1];
      // up to k stations: full IDW in station order (idw.ts); beyond: the k nearest, nearest first
      let found: number;
      if (grid) found = grid.nearest(x, y, k, near, dist2);
      else {
        found = m;
        for (let i = 0; i < m; i++) {
          near[i] = i;
          dist2[i] = (samples[i].x - x) ** 2 + (samples[i].y - y) ** 2;
        }
      }
      n[p] = found;
      // every neighbour is kept, also beside a station the point lies on: atPresent needs them when that station has no value
      for (let j = 0; j < found; j++) {
        if (dist2[j] === 0 && exact[p] < 0) exact[p] = near[j];
        idx[p * slots + j] = near[j];
        w[p * slots + j] = dist2[j] === 0 ? 0 : 1 / dist2[j] ** (power / 2);
      }
    }
    return new PointWeights(slots, n, idx, w, exact);
  }

  /** The interpolated value at point `p` for the stations' `values` (in the order they were given). */
  at(values: ArrayLike<number>, p: number): number {
    const e = this.exact[p];
    if (e >= 0) return values[e];
    let num = 0;
    let den = 0;
    const base = p * this.k;
    for (let j = 0; j < this.n[p]; j++) {
      const w = this.w[base + j];
      num += w * values[this.idx[base + j]];
      den += w;
    }
    return num / den;
  }

  /**
   * Like `at`, for values of which some are missing (NaN: a station that did not report): the point weighs those
   * of its neighbours that have a value (NaN when none has). With every neighbour's value present it is `at`, to the bit.
   */
  atPresent(values: ArrayLike<number>, p: number): number {
    const e = this.exact[p];
    if (e >= 0 && values[e] === values[e]) return values[e];
    let num = 0;
    let den = 0;
    const base = p * this.k;
    for (let j = 0; j < this.n[p]; j++) {
      const w = this.w[base + j];
      const v = values[this.idx[base + j]];
      if (w === 0 || v !== v) continue;
      num += w * v;
      den += w;
    }
    return den > 0 ? num / den : NaN;
  }

  /** The stations some point weighs, ascending: the others' values never change a figure. */
  weighed(): Int32Array {
    const used = new Set<number>();
    for (let p = 0; p < this.n.length; p++) for (let j = 0; j < this.n[p]; j++) used.add(this.idx[p * this.k + j]);
    return Int32Array.from(used).sort();
  }
}

const same = (a: Float64Array | null, b: Float64Array) => a !== null && a.length === b.length && a.every((v, i) => v === b[i]);

/** Keeps the PointWeights of the last stations and points asked for, rebuilt when either moved. */
export class WeightsCache {
  private stations: Float64Array | null = null;
  private points: Float64Array | null = null;
  private weights: PointWeights | null = null;
  /** how many times the weights were computed (not kept) */
  built = 0;

  get(stations: Float64Array, points: Float64Array): PointWeights {
    if (!this.weights || !same(this.stations, stations) || !same(this.points, points)) {
      this.built += 1;
      this.weights = PointWeights.of(stations, points);
      this.stations = stations;
      this.points = points;
    }
    return this.weights;
  }
}
