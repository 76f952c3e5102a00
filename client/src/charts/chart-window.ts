import type { HistoryStep } from '../../../common/history.js';
import type { TimeRange } from '../time/timeline.js';

const MIN = 60_000;
const H = 60 * MIN;
/** Windows end on this grid, so a live chart asks again every few minutes of city time, not every second. */
const GRID_MS = 5 * MIN;

/** A run younger than this still gets a chart this wide. */
const MIN_SPAN_MS = H;

/**
 * The 24 h a chart shows around the displayed instant: up to the present while the instant is in
 * the last 12 h, else centred on it, so the cursor line is always inside. A young run's chart starts
 * with the run instead of showing most of a day of nothing.
 */
export function chartWindow(displayed: number, liveNow: number, runStart: number | null = null, spanMs = 24 * H): TimeRange {
  const end = Math.ceil(Math.min(liveNow, displayed + spanMs / 2) / GRID_MS) * GRID_MS;
  const runFrom = runStart === null ? -Infinity : Math.floor(runStart / GRID_MS) * GRID_MS;
  return { from: Math.min(Math.max(end - spanMs, runFrom), end - MIN_SPAN_MS), to: end };
}

/** A step that gives a chart detail without thousands of points: raw for a short run, finer than the strip. */
export function chartStep(window: TimeRange, runStart: number | null): HistoryStep {
  const span = window.to - Math.max(window.from, runStart ?? window.from);
  if (span <= 2 * H) return 'raw';
  if (span <= 8 * H) return '1m';
  return '15m';
}
