/**
 * The time cursor's arithmetic, pure: which span the timeline covers, where an instant sits on it,
 * how far a key press or a play tick moves the cursor.
 */

export const ZOOMS = ['24h', '7d', 'run'] as const;
export type Zoom = (typeof ZOOMS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN: Record<Exclude<Zoom, 'run'>, number> = { '24h': DAY, '7d': 7 * DAY };
/** A run a few minutes old still gets a timeline wide enough to grab. */
export const MIN_SPAN_MS = 15 * MINUTE;

export interface TimeRange {
  from: number;
  to: number;
}

/**
 * The span the timeline shows: the last 24 h or 7 days of the current run, or all of it, always
 * ending at the live city time. Before the run there is nothing to see, so the span starts no earlier.
 */
export function timelineRange(zoom: Zoom, liveNow: number, runStart: number | null): TimeRange {
  const start = runStart ?? liveNow - MIN_SPAN_MS;
  const from = zoom === 'run' ? start : Math.max(start, liveNow - SPAN[zoom]);
  return { from: Math.min(from, liveNow - MIN_SPAN_MS), to: liveNow };
}

/** About the pixels across a wide timeline: its live end needs to move no finer than this share of the span. */
const TIMELINE_STEPS = 2000;

/**
 * The live end the timeline is drawn to: the live city time rounded up to a step of about a pixel (a power
 * of two seconds, so the step holds still while a run's span grows). Drawn to the second, every cell of the
 * activity strip, every tick and the cursor moved each second (hundreds of style changes in 20 s at
 * SCALE=100000, bench/browser-scale), though none moved by a pixel.
 */
export function steppedLiveEnd(zoom: Zoom, liveNow: number, runStart: number | null): number {
  const { from, to } = timelineRange(zoom, liveNow, runStart);
  const step = 1000 * 2 ** Math.ceil(Math.log2(Math.max(1, (to - from) / TIMELINE_STEPS / 1000)));
  return Math.ceil(liveNow / step) * step;
}

export function clampTime(t: number, range: TimeRange): number {
  return Math.min(range.to, Math.max(range.from, t));
}

/** Horizontal position of `t` on a timeline `width` pixels wide, clamped to it. */
export function xOfTime(t: number, range: TimeRange, width: number): number {
  return ((clampTime(t, range) - range.from) / (range.to - range.from)) * width;
}

export function timeAtX(x: number, range: TimeRange, width: number): number {
  const share = width <= 0 ? 1 : Math.min(1, Math.max(0, x / width));
  return range.from + share * (range.to - range.from);
}

/** The least a key press moves the cursor, as a share of its step. */
const MIN_MOVE_SHARE = 0.25;
const NICE_STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, DAY];

/** One arrow-key step: about a three-hundredth of the span, rounded to a step a person would choose. */
export function keyStepMs(range: TimeRange): number {
  const raw = (range.to - range.from) / 300;
  return NICE_STEPS.find((s) => s >= raw) ?? DAY;
}

/**
 * Moves the cursor by `steps` key steps; the instant snaps to the step grid so repeated presses land on round times.
 * A press always moves visibly: seconds past a grid line would otherwise make the first press a jump of seconds.
 */
export function stepCursor(at: number, steps: number, range: TimeRange): number {
  const step = keyStepMs(range);
  const snapped = steps > 0 ? Math.floor(at / step) * step : Math.ceil(at / step) * step;
  let target = snapped + steps * step;
  if (Math.abs(target - at) < step * MIN_MOVE_SHARE) target += Math.sign(steps) * step;
  return clampTime(target, range);
}

export const PLAY_SPEEDS = [60, 600] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

/**
 * Where playback stands after `realElapsedMs` of wall time at `speed` × real time.
 * Reaching the live city time means the replay has caught up: the caller goes live.
 */
export function playAdvance(at: number, realElapsedMs: number, speed: number, liveNow: number): { at: number; caughtUp: boolean } {
  const next = at + realElapsedMs * speed;
  return next >= liveNow ? { at: liveNow, caughtUp: true } : { at: next, caughtUp: false };
}

/** Tick marks for the timeline: round instants (in UTC steps; hours fall on the hour in Bochum too) across the range. */
export function timelineTicks(range: TimeRange, maxTicks: number): number[] {
  const span = range.to - range.from;
  const step = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY].find((s) => span / s <= maxTicks) ?? 7 * DAY;
  const out: number[] = [];
  for (let t = Math.ceil(range.from / step) * step; t <= range.to; t += step) out.push(t);
  return out;
}
