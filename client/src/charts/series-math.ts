import type { HistoryPoint } from '../../../common/history.js';
import { nightOf } from '../../../common/bochum-time.js';
import { isTropicalNight } from '../../../common/models/heat.js';

export const WEEK_MS = 7 * 86_400_000;

/** A figure of a history point: bucket mean (or raw value) from values or derived, undefined if absent. */
export function figureOf(p: HistoryPoint, name: string): number | undefined {
  const v = p.values[name] ?? p.derived[name];
  return typeof v === 'number' ? v : undefined;
}

/**
 * The mean of `name` over the same weekday of earlier weeks: `weeks[k]` holds the points of the
 * same window k + 1 weeks back. Each is moved forward by its weeks and binned at `bucketMs` from
 * `windowFrom`; a bin is only reported where at least one week has data.
 */
export function sameWeekdayMean(weeks: readonly (readonly HistoryPoint[])[], name: string, windowFrom: number, bucketMs: number): Array<{ t: number; mean: number; weeks: number }> {
  const bins = new Map<number, { sum: number; n: number; weeks: Set<number> }>();
  weeks.forEach((points, k) => {
    const shift = (k + 1) * WEEK_MS;
    for (const p of points) {
      const v = figureOf(p, name);
      if (v === undefined) continue;
      const i = Math.floor((p.t + shift - windowFrom) / bucketMs);
      if (i < 0) continue;
      const bin = bins.get(i) ?? { sum: 0, n: 0, weeks: new Set<number>() };
      bin.sum += v;
      bin.n += 1;
      bin.weeks.add(k);
      bins.set(i, bin);
    }
  });
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([i, b]) => ({ t: windowFrom + i * bucketMs, mean: b.sum / b.n, weeks: b.weeks.size }));
}

export interface NightMinimum {
  night: string;
  minTempC: number;
  tropical: boolean;
  /** false for the night still in progress at `now` */
  complete: boolean;
}

/**
 * Night minima of air temperature from a station's history (bucket minima where the points are
 * rolled up), the last `count` nights up to `now`. A bucket counts for the night its start falls in.
 */
export function nightMinima(points: readonly HistoryPoint[], now: number, count: number): NightMinimum[] {
  const minima = new Map<string, number>();
  for (const p of points) {
    if (p.t > now) continue;
    const night = nightOf(p.t);
    const v = p.min?.airTempC ?? figureOf(p, 'airTempC');
    if (night === null || v === undefined) continue;
    minima.set(night, Math.min(minima.get(night) ?? Infinity, v));
  }
  const current = nightOf(now);
  return [...minima.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .slice(-count)
    .map(([night, minTempC]) => ({ night, minTempC, tropical: isTropicalNight(minTempC), complete: night !== current }));
}

/** Chart rows of the named figures, null where a point lacks one (the line shows a gap). */
export function toRows(points: readonly HistoryPoint[], names: readonly string[]): Array<{ t: number } & Record<string, number | null>> {
  return points.map((p) => {
    const row: { t: number } & Record<string, number | null> = { t: p.t };
    for (const n of names) row[n] = figureOf(p, n) ?? null;
    return row;
  });
}
