import { describe, expect, it } from 'vitest';
import { distanceM } from './geo.js';
import { lonLatToUtm, utmCentralMeridian, utmToLonLat } from './utm.js';

describe('UTM 32N ↔ WGS84', () => {
  it('puts the origin of zone 32 on the equator at 9° E', () => {
    const [lon, lat] = utmToLonLat(500_000, 0);
    expect(lon).toBeCloseTo(9, 10);
    expect(lat).toBeCloseTo(0, 10);
    expect(utmCentralMeridian(31)).toBe(3);
  });

  // Reference positions: the same open-data places converted independently (city/anchor_points.csv
  // of the shared reference data, 5 decimals ≈ 1 m, hence the 2 m tolerance).
  it.each([
    ['Kita Gänseblume, Herner Str. 75', 375955, 5705871, 7.21325, 51.49036],
    ['Kita Trinitatis, Herner Str. 332', 375963, 5707777, 7.21269, 51.50749],
    ['Web-Individualschule, Wittener Str. 2', 376807, 5704521, 7.22599, 51.47842],
  ])('converts %s to within 2 m of the reference', (_name, e, n, lon, lat) => {
    const got = utmToLonLat(e, n);
    expect(distanceM(got, [lon, lat])).toBeLessThan(2);
  });

  it('inverts the forward projection to below a millimetre across the city', () => {
    for (const [lon, lat] of [
      [7.1, 51.4],
      [7.35, 51.55],
      [7.2247, 51.4779],
      [9, 51],
    ] as const) {
      const { easting, northing } = lonLatToUtm(lon, lat);
      const back = utmToLonLat(easting, northing);
      expect(distanceM(back, [lon, lat])).toBeLessThan(0.001);
    }
  });

  it('rejects positions that are not numbers and zones that do not exist', () => {
    expect(() => utmToLonLat(Number.NaN, 5_700_000)).toThrow(RangeError);
    expect(() => utmToLonLat(375_000, 5_700_000, 61)).toThrow(RangeError);
  });
});
