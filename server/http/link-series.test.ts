import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../common/history.js';
import { levelOfService } from '../../common/models/traffic.js';
import { mergeDetectorSeries } from './link-series.js';

const point = (t: number, speedKmh: number, speedRatio: number, count?: number): HistoryPoint => ({
  t,
  values: { speedKmh },
  derived: { speedRatio, los: 'A' },
  ...(count === undefined ? {} : { count, min: { speedKmh: speedKmh - 5 }, max: { speedKmh: speedKmh + 5 } }),
});

describe('mergeDetectorSeries', () => {
  it('passes one detector through as it is', () => {
    const one = [point(0, 50, 0.9)];
    expect(mergeDetectorSeries([one])).toBe(one);
  });

  it('averages two detectors by readings, keeps both extremes and takes the LOS of the mean ratio', () => {
    const merged = mergeDetectorSeries([
      [point(0, 30, 0.3, 3), point(60_000, 40, 0.5, 1)],
      [point(0, 70, 0.7, 1)],
    ]);
    expect(merged.map((p) => p.t)).toEqual([0, 60_000]);
    expect(merged[0]!.values.speedKmh).toBeCloseTo((30 * 3 + 70) / 4);
    expect(merged[0]!.derived.speedRatio).toBeCloseTo((0.3 * 3 + 0.7) / 4);
    expect(merged[0]!.derived.los).toBe(levelOfService(0.4));
    expect(levelOfService(0.4)).not.toBe('A');
    expect(merged[0]!.min).toEqual({ speedKmh: 25 });
    expect(merged[0]!.max).toEqual({ speedKmh: 75 });
    expect(merged[0]!.count).toBe(4);
    expect(merged[1]).toEqual(point(60_000, 40, 0.5, 1));
  });
});
