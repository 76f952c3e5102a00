/**
 * The heat surface as an anomaly: each place's UTCI minus the city mean at that time. On a
 * uniformly hot afternoon every place is "very strong heat stress" and the absolute map is one
 * colour; the anomaly shows where it is hotter or cooler than the city around it.
 * The mean is an area mean: the same IDW field averaged over cells of equal area inside the city.
 */
import type { Sample } from './idw.js';
import { nearestIdw } from './nearest-idw.js';

export function cityMeanOfField(stations: ReadonlyArray<Sample>, cells: ReadonlyArray<{ x: number; y: number }>): number {
  if (stations.length === 0 || cells.length === 0) return NaN;
  // full IDW up to 32 stations (bit for bit), the nearest 32 beyond: a SCALE city has thousands
  const at = nearestIdw(stations);
  let sum = 0;
  for (const c of cells) sum += at(c.x, c.y);
  return sum / cells.length;
}

/** Whether [x, y] lies inside the rings (even-odd rule, so holes count as outside). */
export function insideRings(rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
