import { LocalProjection, type LonLat } from '../../../../common/geo.js';

/** The link whose course passes nearest to a point, within `maxM` metres; null when none is that near. */
export function nearestLink<L extends { id: string; path: ReadonlyArray<readonly [number, number]> }>(links: readonly L[], at: LonLat, maxM: number): L | null {
  const proj = new LocalProjection(at[1]);
  const px = proj.x(at[0]);
  const py = proj.y(at[1]);
  let best: L | null = null;
  let bestM = maxM;
  for (const link of links) {
    for (let i = 1; i < link.path.length; i++) {
      const ax = proj.x(link.path[i - 1][0]);
      const ay = proj.y(link.path[i - 1][1]);
      const dx = proj.x(link.path[i][0]) - ax;
      const dy = proj.y(link.path[i][1]) - ay;
      const len2 = dx * dx + dy * dy;
      const f = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const d = Math.hypot(px - (ax + f * dx), py - (ay + f * dy));
      // ties (the two directions share a course) go to the first listed
      if (d < bestM) {
        bestM = d;
        best = link;
      }
    }
  }
  return best;
}
