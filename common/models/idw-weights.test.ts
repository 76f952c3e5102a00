import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { idw, type Sample } from './idw.js';
import { PointWeights, WeightsCache } from './idw-weights.js';
import { nearestIdw } from './nearest-idw.js';

function stations(n: number, seed: number): Sample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => ({ x: r() * 20, y: r() * 14, value: 25 + 10 * r() }));
}
const xy = (ps: ReadonlyArray<{ x: number; y: number }>) => Float64Array.from(ps.flatMap((p) => [p.x, p.y]));

describe('weights kept for fixed points give nearestIdw’s figures', () => {
  // 12: full IDW (at most 32 stations); 600 and 3000: the nearest 32
  it.each([12, 600, 3000])('%i stations, to the bit, also on a station and off the stations’ extent', (n) => {
    const s = stations(n, n);
    const r = seededRandom(7);
    const points = [...Array.from({ length: 300 }, () => ({ x: r() * 26 - 3, y: r() * 18 - 2 })), { x: s[5].x, y: s[5].y }];
    const weights = PointWeights.of(xy(s), xy(points));
    // new readings at the same stations: only the values change
    for (const values of [s.map((st) => st.value), s.map((st, i) => st.value + (i % 7) - 3)]) {
      const f = nearestIdw(s.map((st, i) => ({ ...st, value: values[i] })));
      points.forEach((p, i) => expect(weights.at(values, i)).toBe(f(p.x, p.y)));
    }
  });

  it.each([12, 600, 3000])('%i stations, all reporting: atPresent is at, to the bit', (n) => {
    const s = stations(n, n + 1);
    const r = seededRandom(11);
    const points = [...Array.from({ length: 200 }, () => ({ x: r() * 20, y: r() * 14 })), { x: s[3].x, y: s[3].y }];
    const weights = PointWeights.of(xy(s), xy(points));
    const values = s.map((st) => st.value);
    points.forEach((_, i) => expect(weights.atPresent(values, i)).toBe(weights.at(values, i)));
  });

  it('with stations missing: full IDW over those that report (12 stations), also for a point on a silent station', () => {
    const s = stations(12, 5);
    const points = [{ x: 5, y: 5 }, { x: s[2].x, y: s[2].y }];
    const weights = PointWeights.of(xy(s), xy(points));
    const values = s.map((st, i) => (i % 3 === 2 ? NaN : st.value));
    const reporting = s.filter((_, i) => i % 3 !== 2).map((st) => ({ ...st, value: st.value }));
    points.forEach((p, i) => expect(weights.atPresent(values, i)).toBe(idw(reporting, p.x, p.y)));
    expect(weights.atPresent(s.map(() => NaN), 0)).toBeNaN();
  });

  it('with more than 32 stations, a silent station beyond a point’s neighbours changes nothing, a silent neighbour does', () => {
    const s = stations(600, 9);
    const point = { x: 10, y: 7 };
    const weights = PointWeights.of(xy(s), xy([point]));
    const values = s.map((st) => st.value);
    const byDistance = s.map((st, i) => [(st.x - point.x) ** 2 + (st.y - point.y) ** 2, i]).sort((a, b) => a[0] - b[0]);
    const far = byDistance[100][1];
    const near = byDistance[0][1];
    const farSilent = values.map((v, i) => (i === far ? NaN : v));
    expect(weights.atPresent(farSilent, 0)).toBe(weights.at(values, 0));
    // the nearest station silent: its 31 neighbours that report, by IDW
    const nearSilent = values.map((v, i) => (i === near ? NaN : v));
    const others = byDistance.slice(1, 32).map(([, i]) => s[i]);
    expect(weights.atPresent(nearSilent, 0)).toBeCloseTo(idw(others, point.x, point.y), 9);
  });

  it('names the stations some point weighs: all of a small city, the neighbourhoods of a large one', () => {
    expect([...PointWeights.of(xy(stations(12, 1)), xy([{ x: 1, y: 1 }])).weighed()]).toEqual([...Array(12).keys()]);
    const s = stations(3000, 2);
    const weighed = PointWeights.of(xy(s), xy([{ x: 1, y: 1 }, { x: 19, y: 13 }])).weighed();
    expect(weighed.length).toBe(64);
    expect([...weighed]).toEqual([...weighed].sort((a, b) => a - b));
  });

  it('without stations is NaN, as nearestIdw', () => {
    expect(PointWeights.of(new Float64Array(0), xy([{ x: 1, y: 1 }])).at([], 0)).toBeNaN();
  });

  it('the cache rebuilds when a station moves or one is added, not for the same places', () => {
    const cache = new WeightsCache();
    const s = stations(50, 3);
    const points = xy([{ x: 4, y: 4 }]);
    const first = cache.get(xy(s), points);
    expect(cache.get(xy(s), Float64Array.from(points))).toBe(first);
    const moved = s.map((st, i) => (i === 0 ? { ...st, x: st.x + 0.1 } : st));
    expect(cache.get(xy(moved), points)).not.toBe(first);
    const more = cache.get(xy([...moved, { x: 1, y: 1, value: 0 }]), points);
    expect(more.at([...moved.map((st) => st.value), 0], 0)).toBe(nearestIdw([...moved, { x: 1, y: 1, value: 0 }])(4, 4));
  });
});
