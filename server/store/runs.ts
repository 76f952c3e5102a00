import { randomBytes } from 'node:crypto';
import type { RetentionPolicy } from './history-store.js';

/** The one real-time run: every restart of a real-time server writes on into it. */
export const REALTIME_RUN_ID = 'realtime';

/** A fresh id for a simulated run, readable in a URL: scenario, wall-clock start, a random suffix. */
export function newSimulatedRunId(scenario: string | null, startedAt: number): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${scenario ?? 'sim'}-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Where each resolution's retention cuts, on the run's own clock. Buckets go only when they end at or before their cut. */
export function retentionCutoffs(now: number, policy: RetentionPolicy) {
  return {
    raw: now - policy.rawMs,
    rollup_1m: now - policy.oneMinuteMs,
    rollup_15m: now - policy.fifteenMinutesMs,
    rollup_1h: now - policy.oneHourMs,
    events: now - longestRetentionMs(policy),
  };
}

export function longestRetentionMs(policy: RetentionPolicy): number {
  return Math.max(policy.rawMs, policy.oneMinuteMs, policy.fifteenMinutesMs, policy.oneHourMs);
}
