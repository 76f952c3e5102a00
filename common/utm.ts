/**
 * UTM on the GRS80/WGS84 ellipsoid (the two differ by 0.1 mm in the semi-minor axis), by the
 * Krüger series to third order in n as given by Karney (2011, "Transverse Mercator with an
 * accuracy of a few nanometers", eqs. 35–36). Third order is exact to well under a millimetre
 * within a UTM zone; the city's open data gives positions as ETRS89/UTM 32N (EPSG:25832) and
 * nothing else in the project needs a full projection library for it.
 */
import type { LonLat } from './geo.js';

const A_AXIS = 6_378_137;
const FLATTENING = 1 / 298.257223563;
const K0 = 0.9996;
const FALSE_EASTING = 500_000;
const RAD = Math.PI / 180;

const n = FLATTENING / (2 - FLATTENING);
const n2 = n * n;
const n3 = n2 * n;
/** radius of the rectifying sphere */
const RECTIFYING = (A_AXIS / (1 + n)) * (1 + n2 / 4 + (n2 * n2) / 64);
const ALPHA = [n / 2 - (2 / 3) * n2 + (5 / 16) * n3, (13 / 48) * n2 - (3 / 5) * n3, (61 / 240) * n3];
const BETA = [n / 2 - (2 / 3) * n2 + (37 / 96) * n3, (1 / 48) * n2 + (1 / 15) * n3, (17 / 480) * n3];
const DELTA = [2 * n - (2 / 3) * n2 - 2 * n3, (7 / 3) * n2 - (8 / 5) * n3, (56 / 15) * n3];
const E_FACTOR = (2 * Math.sqrt(n)) / (1 + n);

/** Central meridian of a UTM zone in degrees (zone 32: 9° E). */
export function utmCentralMeridian(zone: number): number {
  if (!Number.isInteger(zone) || zone < 1 || zone > 60) throw new RangeError(`UTM zone must be 1–60, got ${zone}`);
  return zone * 6 - 183;
}

/** Northern-hemisphere UTM easting/northing (m) in `zone` to WGS84 [lon, lat] in degrees. */
export function utmToLonLat(easting: number, northing: number, zone = 32): LonLat {
  if (!Number.isFinite(easting) || !Number.isFinite(northing)) throw new RangeError(`not a UTM position: ${easting}, ${northing}`);
  const xi = northing / (K0 * RECTIFYING);
  const eta = (easting - FALSE_EASTING) / (K0 * RECTIFYING);
  let xiP = xi;
  let etaP = eta;
  for (let j = 1; j <= 3; j++) {
    xiP -= BETA[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etaP -= BETA[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
  let phi = chi;
  for (let j = 1; j <= 3; j++) phi += DELTA[j - 1] * Math.sin(2 * j * chi);
  const lambda = Math.atan2(Math.sinh(etaP), Math.cos(xiP));
  return [utmCentralMeridian(zone) + lambda / RAD, phi / RAD];
}

/** WGS84 [lon, lat] in degrees to northern-hemisphere UTM { easting, northing } in `zone`. */
export function lonLatToUtm(lon: number, lat: number, zone = 32): { easting: number; northing: number } {
  const phi = lat * RAD;
  const dLambda = (lon - utmCentralMeridian(zone)) * RAD;
  const sinPhi = Math.sin(phi);
  const t = Math.sinh(Math.atanh(sinPhi) - E_FACTOR * Math.atanh(E_FACTOR * sinPhi));
  const xiP = Math.atan2(t, Math.cos(dLambda));
  const etaP = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let xi = xiP;
  let eta = etaP;
  for (let j = 1; j <= 3; j++) {
    xi += ALPHA[j - 1] * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP);
    eta += ALPHA[j - 1] * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP);
  }
  return { easting: FALSE_EASTING + K0 * RECTIFYING * eta, northing: K0 * RECTIFYING * xi };
}
