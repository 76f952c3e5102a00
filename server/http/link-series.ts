import type { HistoryPoint } from '../../common/history.js';
import { levelOfService } from '../../common/models/traffic.js';

/**
 * One series for a road link from the series of the detectors on it. The registry has one detector
 * per link today; should a link get two (one per lane group, say), a point is their mean weighted
 * by readings, the extremes of both, and the LOS of the mean speed ratio.
 */
export function mergeDetectorSeries(series: readonly HistoryPoint[][]): HistoryPoint[] {
  if (series.length === 1) return series[0]!;
  const byT = new Map<number, HistoryPoint[]>();
  for (const points of series) for (const p of points) byT.set(p.t, [...(byT.get(p.t) ?? []), p]);
  return [...byT.keys()].sort((a, b) => a - b).map((t) => mergePoints(t, byT.get(t)!));
}

function mergePoints(t: number, points: readonly HistoryPoint[]): HistoryPoint {
  if (points.length === 1) return points[0]!;
  const weighted = (pick: (p: HistoryPoint) => Readonly<Record<string, unknown>>): Record<string, number> => {
    const sums = new Map<string, [sum: number, weight: number]>();
    for (const p of points) {
      const w = p.count ?? 1;
      for (const [k, v] of Object.entries(pick(p))) {
        if (typeof v !== 'number') continue;
        const s = sums.get(k) ?? [0, 0];
        sums.set(k, [s[0] + v * w, s[1] + w]);
      }
    }
    return Object.fromEntries([...sums].map(([k, [sum, w]]) => [k, sum / w]));
  };
  const extreme = (pick: (p: HistoryPoint) => Record<string, number> | undefined, better: (a: number, b: number) => number) => {
    const out: Record<string, number> = {};
    for (const p of points) for (const [k, v] of Object.entries(pick(p) ?? {})) out[k] = k in out ? better(out[k]!, v) : v;
    return out;
  };
  const derivedMeans = weighted((p) => p.derived);
  const merged: HistoryPoint = { t, values: weighted((p) => p.values), derived: { ...derivedMeans, ...(derivedMeans.speedRatio === undefined ? {} : { los: levelOfService(derivedMeans.speedRatio) }) } };
  if (points.some((p) => p.min)) merged.min = extreme((p) => p.min, Math.min);
  if (points.some((p) => p.max)) merged.max = extreme((p) => p.max, Math.max);
  if (points.some((p) => p.count !== undefined)) merged.count = points.reduce((n, p) => n + (p.count ?? 1), 0);
  return merged;
}
