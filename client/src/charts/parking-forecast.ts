/** How far back the trend looks. */
export const TREND_WINDOW_MS = 30 * 60_000;
/** Fewer samples or a shorter span than this make no trend. */
const MIN_SAMPLES = 3;
const MIN_SPAN_MS = 10 * 60_000;
/** Slower than this (free spaces lost per minute) is not "filling", just noise. */
export const MIN_FILL_RATE_PER_MIN = 0.2;
/** Past this a forecast says nothing useful: the day will change before it comes true. */
export const MAX_FORECAST_MIN = 240;

export interface FreeSample {
  t: number;
  freeSpaces: number;
}

/**
 * "Voll in etwa N min": the least-squares trend of free spaces over the last 30 min before `now`,
 * run forward to zero. Null unless the car park is clearly filling and not yet full.
 */
export function minutesUntilFull(samples: readonly FreeSample[], now: number): number | null {
  const recent = samples.filter((s) => s.t > now - TREND_WINDOW_MS && s.t <= now);
  if (recent.length < MIN_SAMPLES) return null;
  const t0 = recent[0].t;
  if (recent[recent.length - 1].t - t0 < MIN_SPAN_MS) return null;
  const xs = recent.map((s) => (s.t - t0) / 60_000);
  const ys = recent.map((s) => s.freeSpaces);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const perMinute = sxy / sxx;
  if (!(perMinute <= -MIN_FILL_RATE_PER_MIN)) return null;
  // Start from the trend line at `now`, not the last sample: one noisy reading should not move the forecast much.
  const freeNow = my + perMinute * ((now - t0) / 60_000 - mx);
  if (freeNow <= 0) return null;
  const minutes = freeNow / -perMinute;
  return minutes > MAX_FORECAST_MIN ? null : Math.max(1, Math.round(minutes));
}
