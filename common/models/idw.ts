/**
 * Inverse distance weighting (Shepard 1968): the value at a point is the mean of the station
 * values weighted by 1/d^power. Chosen for the heat surface because with 20-odd stations it is
 * exact at the stations, never overshoots the measured range (unlike splines or kriging without
 * a fitted variogram), and is cheap enough to redraw every second in the browser.
 * Coordinates are planar (x, y in the same unit): lonLatToLocalKm in common/geo.ts gives them.
 */
export interface Sample {
  x: number;
  y: number;
  value: number;
}

export function idw(samples: ReadonlyArray<Sample>, x: number, y: number, power = 2): number {
  if (samples.length === 0) return NaN;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    const d2 = (s.x - x) ** 2 + (s.y - y) ** 2;
    if (d2 === 0) return s.value;
    const w = 1 / d2 ** (power / 2);
    num += w * s.value;
    den += w;
  }
  return num / den;
}

