export type Bounds = [west: number, south: number, east: number, north: number];

/** The bounding box of polygon rings given as [lon, lat] positions. */
export function ringsBounds(rings: Iterable<ReadonlyArray<readonly [number, number] | readonly number[]>>): Bounds {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  return [w, s, e, n];
}
