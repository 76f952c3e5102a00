/** Bochum Hauptbahnhof, [lon, lat]: the reference point for how central a site is. */
export const CITY_CENTRE: [number, number] = [7.2247, 51.4779];

/** Distance in km between two [lon, lat] points (equirectangular: exact enough within a city). */
export function distanceKm(a: [number, number], b: [number, number]): number {
  const kx = 111.32 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110.57);
}

/** 1 in the centre, falling to about 0 some 5 km out. */
export function centrality(point: [number, number]): number {
  return Math.exp(-distanceKm(point, CITY_CENTRE) / 2.5);
}
