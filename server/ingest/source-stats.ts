export const REJECT_REASONS = ['malformed', 'invalid', 'unknown_sensor', 'kind_mismatch', 'future', 'too_large'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface SourceCounters {
  accepted: number;
  duplicates: number;
  /** older than the sensor's current reading: kept out of the live state */
  outdated: number;
  rejected: Record<RejectReason, number>;
  /** server time of the last accepted reading, epoch ms */
  lastSeen: number | null;
}

/** Counters per feed (simulator, mqtt, http, …), reported by /api/health. */
export class SourceStats {
  private readonly bySource = new Map<string, SourceCounters>();

  private counters(source: string): SourceCounters {
    let c = this.bySource.get(source);
    if (!c) {
      c = {
        accepted: 0,
        duplicates: 0,
        outdated: 0,
        rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
        lastSeen: null,
      };
      this.bySource.set(source, c);
    }
    return c;
  }

  accepted(source: string, now: number): void {
    const c = this.counters(source);
    c.accepted += 1;
    c.lastSeen = now;
  }

  duplicate(source: string): void {
    this.counters(source).duplicates += 1;
  }

  outdated(source: string): void {
    this.counters(source).outdated += 1;
  }

  rejected(source: string, reason: RejectReason): void {
    this.counters(source).rejected[reason] += 1;
  }

  snapshot(): Record<string, SourceCounters> {
    return Object.fromEntries([...this.bySource].map(([k, v]) => [k, structuredClone(v)]));
  }
}
