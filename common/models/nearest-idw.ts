import { idw, type Sample } from './idw.js';

/**
 * Inverse distance weighting over the k nearest stations only, for a city with thousands of them.
 * Full IDW costs stations × points: 2,953 grid cells × 4,946 stations is 15 million weights per
 * surface, seconds of a blocked event loop. With a bucket grid the k nearest are found in a few
 * cells, so the cost is points × k whatever the number of stations.
 *
 * With k or fewer stations this IS full IDW (the same function, the same order of summation), so
 * today's city of 22 stations gets the same figures to the last bit. With more, the far stations
 * are left out: in two dimensions with power 2 their weights do not vanish (the sum of 1/d² over a
 * dense network grows with the log of its radius), so full IDW pulls every point towards the city's
 * mean, and the nearest-k surface is the more local one. How far the two lie apart is tested in
 * nearest-idw.test.ts.
 */

/** Stations per surface point. 32 keeps a city of up to 32 stations on exact full IDW. */
export const NEAREST_STATIONS = 32;

/** Stations per bucket the grid aims at: a few, so a query looks at a handful of buckets. */
const PER_BUCKET = 2;

export class StationGrid {
  private readonly x0: number;
  private readonly y0: number;
  private readonly size: number;
  private readonly cols: number;
  private readonly rows: number;
  /** station indices bucket by bucket (CSR layout: start offsets, then the indices) */
  private readonly start: Int32Array;
  private readonly items: Int32Array;

  constructor(readonly samples: ReadonlyArray<Sample>) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const s of samples) {
      x0 = Math.min(x0, s.x);
      y0 = Math.min(y0, s.y);
      x1 = Math.max(x1, s.x);
      y1 = Math.max(y1, s.y);
    }
    const w = Math.max(x1 - x0, 1e-9);
    const h = Math.max(y1 - y0, 1e-9);
    this.size = Math.max(Math.sqrt((w * h * PER_BUCKET) / Math.max(samples.length, 1)), 1e-6);
    this.x0 = x0;
    this.y0 = y0;
    this.cols = Math.max(1, Math.ceil(w / this.size) + 1);
    this.rows = Math.max(1, Math.ceil(h / this.size) + 1);
    const counts = new Int32Array(this.cols * this.rows + 1);
    const bucketOf = samples.map((s) => this.bucket(s.x, s.y));
    for (const b of bucketOf) counts[b + 1] += 1;
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    this.start = counts;
    this.items = new Int32Array(samples.length);
    const fill = counts.slice(0, -1);
    bucketOf.forEach((b, i) => (this.items[fill[b]++] = i));
  }

  private col(x: number): number {
    return Math.floor((x - this.x0) / this.size);
  }

  private row(y: number): number {
    return Math.floor((y - this.y0) / this.size);
  }

  private bucket(x: number, y: number): number {
    return this.row(y) * this.cols + this.col(x);
  }

  /**
   * Indices of the k stations nearest to (x, y), nearest first, written to `out` (returns how many).
   * Searches square rings of buckets outwards until the k-th distance found is no further than any
   * bucket not yet searched can be.
   */
  nearest(x: number, y: number, k: number, out: Int32Array, dist2: Float64Array): number {
    const cx = this.col(x);
    const cy = this.row(y);
    let found = 0;
    // Rings before the first lie wholly outside the grid (a point off the stations' extent), as do those after the last.
    const firstRing = Math.max(0, -cx, cx - (this.cols - 1), -cy, cy - (this.rows - 1));
    const lastRing = Math.max(cx, this.cols - 1 - cx, cy, this.rows - 1 - cy, 0);
    for (let r = firstRing; r <= lastRing; r++) {
      const gy0 = Math.max(0, cy - r);
      const gy1 = Math.min(this.rows - 1, cy + r);
      for (let gy = gy0; gy <= gy1; gy++) {
        if (gy === cy - r || gy === cy + r) {
          // A top or bottom row of the ring: all its buckets inside the grid.
          const gx1 = Math.min(this.cols - 1, cx + r);
          for (let gx = Math.max(0, cx - r); gx <= gx1; gx++) found = this.scan(gy * this.cols + gx, x, y, k, found, out, dist2);
        } else {
          // A middle row: its two ends.
          if (cx - r >= 0 && cx - r < this.cols) found = this.scan(gy * this.cols + cx - r, x, y, k, found, out, dist2);
          if (r > 0 && cx + r >= 0 && cx + r < this.cols) found = this.scan(gy * this.cols + cx + r, x, y, k, found, out, dist2);
        }
      }
      // Every station in ring r+1 or beyond is at least r bucket sizes away from (x, y).
      if (found === k && dist2[k - 1] <= (r * this.size) ** 2) break;
    }
    return found;
  }

  /** Merges one bucket's stations into the sorted k-best list. */
  private scan(b: number, x: number, y: number, k: number, found: number, out: Int32Array, dist2: Float64Array): number {
    for (let j = this.start[b]; j < this.start[b + 1]; j++) {
      const i = this.items[j];
      const s = this.samples[i];
      const d2 = (s.x - x) ** 2 + (s.y - y) ** 2;
      if (found === k && d2 >= dist2[k - 1]) continue;
      let p = found < k ? found++ : k - 1;
      while (p > 0 && dist2[p - 1] > d2) {
        dist2[p] = dist2[p - 1];
        out[p] = out[p - 1];
        p--;
      }
      dist2[p] = d2;
      out[p] = i;
    }
    return found;
  }
}

/**
 * An interpolator over `stations`: full IDW when there are at most k, IDW over the k nearest otherwise.
 * Build it once per surface and call it for every point.
 */
export function nearestIdw(stations: ReadonlyArray<Sample>, k = NEAREST_STATIONS, power = 2): (x: number, y: number) => number {
  if (stations.length <= k) return (x, y) => idw(stations, x, y, power);
  const grid = new StationGrid(stations);
  const idx = new Int32Array(k);
  const dist2 = new Float64Array(k);
  return (x, y) => {
    const n = grid.nearest(x, y, k, idx, dist2);
    let num = 0;
    let den = 0;
    for (let j = 0; j < n; j++) {
      if (dist2[j] === 0) return stations[idx[j]].value;
      const w = 1 / dist2[j] ** (power / 2);
      num += w * stations[idx[j]].value;
      den += w;
    }
    return num / den;
  };
}
