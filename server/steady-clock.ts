import { performance } from 'node:perf_hooks';

/**
 * The server's own time for real-time runs: epoch ms that advance with the monotonic clock.
 *
 * Read once at start-up, the wall clock gives the epoch; from then on only the monotonic clock moves
 * it. Linux slews CLOCK_MONOTONIC with NTP's frequency corrections but never steps it, so this clock
 * keeps pace with a synchronised wall clock and ignores a step (an operator's `date -s`, a hypervisor
 * resuming, a bad NTP answer). A step therefore neither turns every reading into `future` nor marks
 * every sensor stale; a deliberate change of the server's time takes effect at the next restart
 * (start Stadtpuls after the time is synchronised, e.g. systemd's `After=time-sync.target`).
 */
export interface SteadyClock {
  /** epoch ms */
  now(): number;
  /** how far the wall clock has been stepped away from this clock since start-up, ms (0 when never stepped) */
  wallClockSkewMs(): number;
}

export function createSteadyClock(wallNow: () => number = Date.now, monotonicNow: () => number = () => performance.now()): SteadyClock {
  const epochAtStart = wallNow();
  const monotonicAtStart = monotonicNow();
  const now = () => Math.floor(epochAtStart + (monotonicNow() - monotonicAtStart));
  return { now, wallClockSkewMs: () => wallNow() - now() };
}

/** The process's steady clock: one anchor, so every part of the server agrees on the time. */
export const processSteadyClock: SteadyClock = createSteadyClock();

export const steadyNow = (): number => processSteadyClock.now();
