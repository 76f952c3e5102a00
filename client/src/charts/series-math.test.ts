import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../common/history.js';
import { nightMinima, sameWeekdayMean, WEEK_MS } from './series-math.js';

const H = 3_600_000;
const pt = (t: number, values: Record<string, number>, min?: Record<string, number>): HistoryPoint => ({ t, values, derived: {}, min });

describe('sameWeekdayMean', () => {
  const from = Date.parse('2026-06-16T00:00:00Z');
  it('averages the same time of day over earlier weeks, only where a week has data', () => {
    const weeks = [
      [pt(from - WEEK_MS, { occupancyPct: 40 }), pt(from - WEEK_MS + H, { occupancyPct: 60 })],
      [pt(from - 2 * WEEK_MS, { occupancyPct: 50 }), pt(from - 2 * WEEK_MS + 3 * H, {})],
      [],
    ];
    expect(sameWeekdayMean(weeks, 'occupancyPct', from, H)).toEqual([
      { t: from, mean: 45, weeks: 2 },
      { t: from + H, mean: 60, weeks: 1 },
    ]);
  });
  it('reads derived figures too', () => {
    expect(sameWeekdayMean([[{ t: from - WEEK_MS, values: {}, derived: { occupancyPct: 70 } }]], 'occupancyPct', from, H)).toEqual([{ t: from, mean: 70, weeks: 1 }]);
  });
});

describe('nightMinima', () => {
  const at = (iso: string) => Date.parse(iso);
  it('takes the lowest bucket minimum of each night, flags tropical nights and the one in progress', () => {
    const points = [
      pt(at('2024-08-12T20:00:00+02:00'), { airTempC: 25 }, { airTempC: 23.5 }),
      pt(at('2024-08-13T05:00:00+02:00'), { airTempC: 20.5 }, { airTempC: 19.8 }),
      pt(at('2024-08-13T14:00:00+02:00'), { airTempC: 38 }, { airTempC: 10 }), // daytime: no night
      pt(at('2024-08-13T22:00:00+02:00'), { airTempC: 24 }, { airTempC: 22 }),
      pt(at('2024-08-14T06:00:00+02:00'), { airTempC: 21 }, { airTempC: 20.4 }),
      pt(at('2024-08-14T22:00:00+02:00'), { airTempC: 26 }),
      pt(at('2024-08-15T02:00:00+02:00'), { airTempC: 15 }), // after `now`
    ];
    expect(nightMinima(points, at('2024-08-14T23:00:00+02:00'), 14)).toEqual([
      { night: '2024-08-12', minTempC: 19.8, tropical: false, complete: true },
      { night: '2024-08-13', minTempC: 20.4, tropical: true, complete: true },
      { night: '2024-08-14', minTempC: 26, tropical: true, complete: false },
    ]);
  });
  it('keeps only the last nights asked for', () => {
    const points = Array.from({ length: 20 }, (_, d) => pt(Date.parse('2024-08-01T22:00:00+02:00') + d * 86_400_000, { airTempC: d }));
    const out = nightMinima(points, Date.parse('2024-08-25T12:00:00+02:00'), 14);
    expect(out).toHaveLength(14);
    expect(out[0].night).toBe('2024-08-07');
    expect(out.every((n) => n.complete)).toBe(true);
  });
});
