import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import type { Sample } from './idw.js';
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
