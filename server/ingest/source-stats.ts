import { steadyNow } from '../steady-clock.js';

export const REJECT_REASONS = [
  'malformed',
  'invalid',
  'unknown_sensor',
  'kind_mismatch',
  'future',
  'too_large',
  'topic_mismatch',
  'unauthorized',
  /** a timestamp before 2000, in seconds instead of ms, or older than the raw history keeps (48 h) */
  'implausible_time',
  /** POST /api/ingest without `Content-Type: application/json` (or in a charset or encoding it cannot read) */
  'unsupported_media_type',
  /** a message the server failed on: a bug, logged in full; the message is counted, never lost silently */
  'internal_error',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A connected or polling feed's link to its upstream: MQTT broker, or the URL a pull adapter fetches. */
export interface FeedLink {
  state: 'connecting' | 'up' | 'down';
  /** server time (steady clock, server/steady-clock.ts) of the last state change, epoch ms */
  since: number;
  /** where the feed connects to, without credentials */
  target: string;
  /** why the link is down, when it is */
  detail?: string;
}

export interface SourceCounters {
  accepted: number;
  duplicates: number;
  /** the same sensor and timestamp again with other values: replaced the reading it corrects */
  corrected: number;
  /** older than the sensor's current reading: kept out of the live state */
  outdated: number;
  rejected: Record<RejectReason, number>;
  /** server time (steady clock) of the last accepted reading, epoch ms */
  lastSeen: number | null;
  /** failed connection attempts or fetches (no message reached the ingest path) */
  feedErrors: number;
  /** only for feeds with an upstream link (MQTT, pull adapters) */
  link?: FeedLink;
}

/**
 * Counters per feed (simulator, mqtt, http, parkapi, ocpi, …): the one record that /api/health reports
 * and /metrics reads at scrape time.
 */
export class SourceStats {
  private readonly bySource = new Map<string, SourceCounters>();

  /** `now` stamps lastSeen and link changes: a steady clock, so a wall-clock step does not fake an age. */
  constructor(private readonly now: () => number = steadyNow) {}

  private counters(source: string): SourceCounters {
    let c = this.bySource.get(source);
    if (!c) {
      c = {
        accepted: 0,
        duplicates: 0,
        corrected: 0,
        outdated: 0,
        rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
        lastSeen: null,
        feedErrors: 0,
      };
      this.bySource.set(source, c);
    }
    return c;
  }

  /** Makes a configured feed visible (with zero counts) before its first message. */
  register(source: string): void {
    this.counters(source);
  }

  accepted(source: string): void {
    const c = this.counters(source);
    c.accepted += 1;
    c.lastSeen = this.now();
  }

  corrected(source: string): void {
    const c = this.counters(source);
    c.corrected += 1;
    c.lastSeen = this.now();
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

  feedError(source: string): void {
    this.counters(source).feedErrors += 1;
  }

  /** `since` is stamped here from the steady clock; a caller's own `since` is ignored. */
  link(source: string, link: Omit<FeedLink, 'since'> & { since?: number }): void {
    const c = this.counters(source);
    // `since` marks the change of state, not the latest report of the same state.
    const since = c.link?.state === link.state ? c.link.since : this.now();
    c.link = { ...link, since };
  }

  snapshot(): Record<string, SourceCounters> {
    return Object.fromEntries([...this.bySource].map(([k, v]) => [k, structuredClone(v)]));
  }
}
