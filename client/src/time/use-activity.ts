import { useEffect, useState } from 'react';
import type { HistoryStep } from '../../../common/history.js';
import { STEP_MS } from '../../../common/history.js';
import { activityCells, type StripCell } from './activity-strip.js';
import { fetchSeries } from './history-api.js';
import type { TimeRange } from './timeline.js';

/** Ask for the strip again this often: the live end of the timeline moves on. */
const REFRESH_MS = 30_000;

/** A step that gives the strip up to a few hundred cells over the range. */
export function stripStep(rangeMs: number): Exclude<HistoryStep, 'raw'> {
  if (rangeMs <= 5 * 3_600_000) return '1m';
  if (rangeMs <= 75 * 3_600_000) return '15m';
  return '1h';
}

/** The hot/jammed strip over `range`, from the city KPI history. */
export function useActivity(range: TimeRange): StripCell[] {
  const [cells, setCells] = useState<StripCell[]>([]);
  const step = stripStep(range.to - range.from);
  // Refetch when the range changes by more than a step, not on every clock tick.
  const fromKey = Math.floor(range.from / STEP_MS[step]);
  const spanKey = Math.round((range.to - range.from) / STEP_MS[step]);
  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    const load = async () => {
      try {
        const from = fromKey * STEP_MS[step];
        const to = from + (spanKey + 1) * STEP_MS[step];
        const series = await fetchSeries('kpis', null, from, to, step, controller.signal);
        setCells(activityCells(series.points, STEP_MS[step]));
      } catch {
        // the strip is a guide, not the data: keep the last one
      }
      timer = window.setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [fromKey, spanKey, step]);
  return cells;
}
