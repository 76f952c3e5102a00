/**
 * Flat-earth (equirectangular) geometry for one city. Bochum spans about 20 km: over that distance
 * treating the earth as flat around a reference latitude is off from the ellipsoidal distance by
 * well under a metre, and it is a multiply per coordinate where the route tracer, the heat grid
 * and the map animation need millions of distances.
 *
 * The scale is that of the WGS84 ellipsoid at the latitude in question (the datum every
 * coordinate here is in), not the equatorial figures 111,320 m / 110,574 m per degree that
 * were copied around before: at 51.5° N those put a degree of latitude 0.6 % short and a
 * degree of longitude (111,320 · cos φ) 0.2 % short. Closed forms for the meridional radius
 * of curvature M and the prime-vertical radius N; reference values in geo.test.ts.
 */

/** A position as GeoJSON writes it: [longitude, latitude] in degrees. */
export type LonLat = readonly [lon: number, lat: number];

/**
 * Bochum's latitude: the one reference for planar coordinates, so the server's district grid,
 * the client's heat surface and the data build measure the city on the same scale.
 */
export const BOCHUM_REFERENCE_LAT = 51.47;

const WGS84_A = 6_378_137; // semi-major axis, m
const WGS84_F = 1 / 298.257223563; // flattening
const WGS84_E2 = WGS84_F * (2 - WGS84_F); // first eccentricity squared
const RAD = Math.PI / 180;

export interface MetresPerDegree {
  /** metres per degree of longitude (eastwards) */
  lon: number;
  /** metres per degree of latitude (northwards) */
  lat: number;
}

/** Length of one degree of longitude and of latitude at latitude `lat` on the WGS84 ellipsoid. */
export function metresPerDegree(lat: number): MetresPerDegree {
  const sin = Math.sin(lat * RAD);
  const w2 = 1 - WGS84_E2 * sin * sin;
  const primeVertical = WGS84_A / Math.sqrt(w2);
  const meridional = (WGS84_A * (1 - WGS84_E2)) / (w2 * Math.sqrt(w2));
  return { lon: primeVertical * Math.cos(lat * RAD) * RAD, lat: meridional * RAD };
}

/**
 * A fixed planar frame in metres around a reference latitude: x grows east, y north. Differences
 * of x and y are true distances near `refLat`; the absolute values mean nothing on their own.
 */
export class LocalProjection {
  /** metres per degree of longitude */
  readonly kx: number;
  /** metres per degree of latitude */
  readonly ky: number;
  constructor(readonly refLat: number = BOCHUM_REFERENCE_LAT) {
    const k = metresPerDegree(refLat);
    this.kx = k.lon;
    this.ky = k.lat;
  }
  x(lon: number): number {
    return lon * this.kx;
  }
  y(lat: number): number {
    return lat * this.ky;
  }
}

/** Planar km around `refLat` (as LocalProjection, in km), e.g. for the heat surface's inverse-distance weights. */
export function lonLatToLocalKm(lon: number, lat: number, refLat: number = BOCHUM_REFERENCE_LAT): { x: number; y: number } {
  const k = metresPerDegree(refLat);
  return { x: (lon * k.lon) / 1000, y: (lat * k.lat) / 1000 };
}

/** Distance in metres between two positions, flat earth at their mean latitude. */
export function distanceM(a: LonLat, b: LonLat): number {
  const k = metresPerDegree((a[1] + b[1]) / 2);
  return Math.hypot((a[0] - b[0]) * k.lon, (a[1] - b[1]) * k.lat);
}

/** The position `eastM` metres east and `northM` metres north of `from` (negative: west, south). */
export function offsetLonLat(from: LonLat, eastM: number, northM: number): [number, number] {
  const k = metresPerDegree(from[1]);
  return [from[0] + eastM / k.lon, from[1] + northM / k.lat];
}
