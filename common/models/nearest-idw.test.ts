import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { idw, type Sample } from './idw.js';
import { NEAREST_STATIONS, nearestIdw, StationGrid } from './nearest-idw.js';

/** Stations over a Bochum-sized area (20 × 14 km) measuring a smooth field with ±0.5 °C of site noise. */
const field = (x: number, y: number) => 30 + 4 * Math.exp(-((x - 10) ** 2 + (y - 7) ** 2) / 20) + 0.1 * x;
function city(n: number, seed: number): Sample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const x = r() * 20;
    const y = r() * 14;
    return { x, y, value: field(x, y) + (r() - 0.5) };
  });
}

function bruteNearest(samples: Sample[], x: number, y: number, k: number): number[] {
  return samples
    .map((s) => (s.x - x) ** 2 + (s.y - y) ** 2)
    .sort((a, b) => a - b)
    .slice(0, k);
}

describe('the station grid finds the k nearest stations', () => {
  it.each([
    [40, 1, 3],
    [40, 8, 4],
    [446, 32, 5],
    [1446, 32, 6],
    [5000, 12, 7],
  ])('of %d stations, k = %d (seed %d), as a full sort does, inside and outside the stations’ extent', (n, k, seed) => {
    const samples = city(n, seed);
    const grid = new StationGrid(samples);
    const r = seededRandom(seed * 31);
    const idx = new Int32Array(k);
    const d2 = new Float64Array(k);
    for (let q = 0; q < 200; q++) {
      const x = -5 + r() * 30;
      const y = -5 + r() * 24;
      const found = grid.nearest(x, y, k, idx, d2);
      expect(found).toBe(k);
      expect([...d2]).toEqual(bruteNearest(samples, x, y, k));
      for (let j = 0; j < k; j++) expect((samples[idx[j]].x - x) ** 2 + (samples[idx[j]].y - y) ** 2).toBe(d2[j]);
    }
  });

  it('copes with stations on one spot', () => {
    const samples = Array.from({ length: 50 }, (_, i) => ({ x: 3, y: 4, value: i }));
    const grid = new StationGrid(samples);
    const idx = new Int32Array(5);
    const d2 = new Float64Array(5);
    expect(grid.nearest(0, 0, 5, idx, d2)).toBe(5);
    expect([...d2]).toEqual([25, 25, 25, 25, 25]);
  });
});

describe('IDW over the nearest stations', () => {
  it(`is full IDW, bit for bit, with up to ${NEAREST_STATIONS} stations (today's city has 22)`, () => {
    for (const n of [1, 2, 22, NEAREST_STATIONS]) {
      const samples = city(n, n);
      const f = nearestIdw(samples);
      for (let x = -1; x < 21; x += 0.77) for (let y = -1; y < 15; y += 0.91) expect(f(x, y)).toBe(idw(samples, x, y));
    }
  });

  it.each([
    // [x, y, expected]: a 10 × 10 lattice of value = x; exact at a station, symmetric between four
    [3, 3, 3],
    [4.5, 4.5, 4.5],
    [0, 9, 0],
  ])('on a lattice at (%d, %d) gives %d with k = 4', (x, y, expected) => {
    const lattice = Array.from({ length: 100 }, (_, i) => ({ x: i % 10, y: Math.floor(i / 10), value: i % 10 }));
    expect(nearestIdw(lattice, 4)(x, y)).toBeCloseTo(expected, 9);
  });

  it('stays within the range of the k nearest values', () => {
    const samples = city(1446, 9);
    const f = nearestIdw(samples, 8);
    const grid = new StationGrid(samples);
    const idx = new Int32Array(8);
    const d2 = new Float64Array(8);
    for (let x = 0.2; x < 20; x += 0.53) {
      for (let y = 0.2; y < 14; y += 0.61) {
        grid.nearest(x, y, 8, idx, d2);
        const values = [...idx].map((i) => samples[i].value);
        expect(f(x, y)).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(f(x, y)).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
      }
    }
  });

  // Full IDW with power 2 keeps weighting far stations (their weights sum like log r), so it pulls
  // every point towards the city's mean: the nearest-k surface differs from it, and is nearer the field.
  it.each([446, 1446, 4946])('with %d stations differs from full IDW by under 0.3 °C on average, 1.5 °C at most, and follows the field more closely', (n) => {
    const samples = city(n, n);
    const f = nearestIdw(samples);
    let maxDiff = 0;
    let sumDiff = 0;
    let errNearest = 0;
    let errFull = 0;
    let m = 0;
    for (let x = 0.1; x < 20; x += 0.37) {
      for (let y = 0.1; y < 14; y += 0.37) {
        const near = f(x, y);
        const full = idw(samples, x, y);
        maxDiff = Math.max(maxDiff, Math.abs(near - full));
        sumDiff += Math.abs(near - full);
        errNearest += Math.abs(near - field(x, y));
        errFull += Math.abs(full - field(x, y));
        m++;
      }
    }
    expect(sumDiff / m).toBeLessThan(0.3);
    expect(maxDiff).toBeLessThan(1.5);
    expect(errNearest).toBeLessThan(errFull);
  });
});
