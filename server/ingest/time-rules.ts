import { DEFAULT_RETENTION } from '../store/history-store.js';
import { describeTimestamp } from './safe-text.js';

/**
 * The time rules of the ingest path (docs/feeds.md, "Time rules"). `now` is the reference clock: the
 * server's steady clock for real-time runs (server/steady-clock.ts), the city clock for simulated ones.
 */
export interface TimeRules {
  /** a reading may be stamped this far ahead of the reference clock (device clocks run a little fast) */
  futureToleranceMs: number;
  /** nor older than this: the raw history keeps no more, and older is a clock error or a stale backlog */
  maxAgeMs: number;
}

export const DEFAULT_TIME_RULES: TimeRules = {
  // NTP-synchronised senders (TTN's network server, pushers, CPO back-ends) are off by milliseconds; an
  // RTC without NTP drifts about a minute a month. Two minutes covers that and bounds how long a fast
  // clock can hold the latest reading (see orderAgainstLatest).
  futureToleranceMs: 2 * 60_000,
  maxAgeMs: DEFAULT_RETENTION.rawMs,
};

/** Nothing Stadtpuls reads was measured before 2000; earlier means a reset device clock or seconds instead of ms. */
export const EARLIEST_PLAUSIBLE_TS = Date.UTC(2000, 0, 1);

export interface TimeRefusal {
  reason: 'implausible_time' | 'future';
  detail: string;
}

const plausibleAt = (ts: number, now: number, rules: TimeRules) => ts >= EARLIEST_PLAUSIBLE_TS && ts >= now - rules.maxAgeMs && ts <= now + rules.futureToleranceMs;

/** Whether a reading's timestamp may be applied at `now`; the refusal with its reason when not. */
export function checkTimestamp(ts: number, now: number, rules: TimeRules = DEFAULT_TIME_RULES): TimeRefusal | null {
  // The common case first and without a closure: at 100,000 readings a second a function made per call
  // (and named by tsx's keepNames) was 7 % of the ingest stage.
  if (ts >= EARLIEST_PLAUSIBLE_TS && ts <= now + rules.futureToleranceMs && ts >= now - rules.maxAgeMs) return null;
  return refusalOf(ts, now, rules);
}

function refusalOf(ts: number, now: number, rules: TimeRules): TimeRefusal | null {
  const at = () => describeTimestamp(ts);
  if (ts < EARLIEST_PLAUSIBLE_TS) {
    const hint = plausibleAt(ts * 1000, now, rules) ? ': it looks like seconds since 1970, send milliseconds' : ': a device clock reset?';
    return { reason: 'implausible_time', detail: `timestamp ${at()} is before 2000-01-01${hint}` };
  }
  if (ts > now + rules.futureToleranceMs) {
    const hint = plausibleAt(ts / 1000, now, rules) ? ' (it looks like microseconds, send milliseconds)' : '';
    return { reason: 'future', detail: `timestamp ${at()} is more than ${rules.futureToleranceMs / 1000} s ahead of the city clock${hint}` };
  }
  if (ts < now - rules.maxAgeMs) {
    return { reason: 'implausible_time', detail: `timestamp ${at()} is more than ${rules.maxAgeMs / 3_600_000} h before the city clock` };
  }
  return null;
}

/** What the ingest path remembers of a sensor's latest reading. */
export interface LatestMark {
  ts: number;
  /** the reference clock when it was accepted */
  acceptedAt: number;
}

export type Ordering =
  /** later than the latest: applied */
  | 'newer'
  /** the latest's timestamp again: a duplicate, or a correction when the values differ */
  | 'same_time'
  /**
   * earlier than a latest that was stamped ahead of its own arrival, but measured after that arrival
   * and not ahead itself: the latest's clock was fast, so this one replaces it
   */
  | 'supersedes_early'
  /** earlier than the latest: kept out of the live state */
  | 'outdated';

/**
 * Orders a reading against the sensor's latest. A reading stamped ahead of the clock (within the
 * tolerance) cannot hold the sensor: no reading is measured after it arrived, so any on-time reading
 * stamped after that arrival replaces it at once; and any reading stamped after it replaces it anyway,
 * which bounds the hold to the tolerance even for a sender whose clock stays fast.
 */
export function orderAgainstLatest(ts: number, now: number, latest: LatestMark | undefined): Ordering {
  if (!latest || ts > latest.ts) return 'newer';
  if (ts === latest.ts) return 'same_time';
  const latestWasEarly = latest.ts > latest.acceptedAt;
  if (latestWasEarly && ts > latest.acceptedAt && ts <= now) return 'supersedes_early';
  return 'outdated';
}
