import { describe, expect, it } from 'vitest';
import { BOCHUM_REFERENCE_LAT, LocalProjection, distanceM, lonLatToLocalKm, metresPerDegree, offsetLonLat, type LonLat } from './geo.js';

const HBF: LonLat = [7.2247, 51.4779];

describe('metresPerDegree (WGS84)', () => {
  // Independent reference: the usual Fourier series for the WGS84 degree lengths, m
  // (latitude 111132.92 − 559.82 cos 2φ + 1.175 cos 4φ − 0.0023 cos 6φ; longitude 111412.84 cos φ − 93.5 cos 3φ + 0.118 cos 5φ).
  const series: Array<[lat: number, latM: number, lonM: number]> = [
    [0, 110574.27, 111319.46],
    [15, 110648.69, 107550.46],
    [30, 110852.42, 96486.25],
    [45, 111131.74, 78846.81],
    [51.47, 111257.22, 69486.07],
    [60, 111412.24, 55799.98],
    [75, 111618.33, 28901.99],
    [90, 111693.92, 0],
  ];
  it.each(series)('at %f° agrees with the series to a decimetre', (lat, latM, lonM) => {
    const k = metresPerDegree(lat);
    expect(Math.abs(k.lat - latM)).toBeLessThan(0.1);
    expect(Math.abs(k.lon - lonM)).toBeLessThan(0.1);
  });

  it('is a·π/180 along the equator, the figure the old copies used everywhere', () => {
    expect(metresPerDegree(0).lon).toBeCloseTo((6_378_137 * Math.PI) / 180, 6);
    // …which at Bochum was 0.6 % short for latitude
    expect(metresPerDegree(BOCHUM_REFERENCE_LAT).lat / 110_574).toBeGreaterThan(1.006);
  });

  it('is the same north and south of the equator', () => {
    expect(metresPerDegree(-BOCHUM_REFERENCE_LAT)).toEqual(metresPerDegree(BOCHUM_REFERENCE_LAT));
  });
});

describe('distanceM', () => {
  // Reference: Vincenty's inverse formula on WGS84 (checked against his published Flinders Peak–Buninyong line).
  const lines: Array<[name: string, to: LonLat, geodesicM: number]> = [
    ['west to Wattenscheid', [7.1387, 51.4807], 5982.705],
    ['0.09° due north', [7.2247, 51.5679], 10013.244],
    ['0.12° due east', [7.3447, 51.4779], 8336.891],
  ];
  it.each(lines)('Hbf %s is within 0.5 m of the geodesic', (_name, to, geodesicM) => {
    expect(Math.abs(distanceM(HBF, to) - geodesicM)).toBeLessThan(0.5);
    expect(distanceM(to, HBF)).toBe(distanceM(HBF, to));
  });

  it('is within 0.01 % of the geodesic across the whole city (24 km diagonal)', () => {
    expect(Math.abs(distanceM([7.1, 51.4], [7.35, 51.55]) - 24087.592)).toBeLessThan(2.4);
  });

  it('is zero for the same point', () => {
    expect(distanceM(HBF, HBF)).toBe(0);
  });
});

describe('offsetLonLat', () => {
  it('moves the stated metres east and north', () => {
    const to = offsetLonLat(HBF, 300, -400);
    expect(to[0]).toBeGreaterThan(HBF[0]);
    expect(to[1]).toBeLessThan(HBF[1]);
    expect(distanceM(HBF, to)).toBeCloseTo(500, 0);
    expect(distanceM(HBF, [to[0], HBF[1]])).toBeCloseTo(300, 0);
  });
});

describe('planar frames', () => {
  it('LocalProjection and lonLatToLocalKm share one scale, metres against km', () => {
    const proj = new LocalProjection();
    const km = lonLatToLocalKm(HBF[0], HBF[1]);
    expect(km.x).toBeCloseTo(proj.x(HBF[0]) / 1000, 9);
    expect(km.y).toBeCloseTo(proj.y(HBF[1]) / 1000, 9);
    expect(proj.refLat).toBe(BOCHUM_REFERENCE_LAT);
  });

  it('gives true distances near the reference latitude (0.02 % off a kilometre north of it)', () => {
    const proj = new LocalProjection();
    const to: LonLat = [7.1387, 51.4807];
    const planar = Math.hypot(proj.x(to[0]) - proj.x(HBF[0]), proj.y(to[1]) - proj.y(HBF[1]));
    expect(Math.abs(planar - 5982.705)).toBeLessThan(5982.705 * 0.0003);
  });
});
