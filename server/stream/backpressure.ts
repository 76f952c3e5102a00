import type { NightFigure, Snapshot } from '../../common/protocol.js';
import type { ChannelKey } from './channel.js';

export interface BackpressureLimits {
  /** bytes waiting to go out to one client above which it gets no more deltas until it has read them */
  budgetBytes: number;
  /** behind for longer than this: it gets a snapshot instead of a catch-up delta when it has read */
  resyncAfterMs: number;
  /** behind for longer than this: disconnected (`stalled`) */
  stalledAfterMs: number;
  /**
   * a catch-up of more sensors than this goes as the snapshot instead (default 10,000): a snapshot is built once per
   * tick and view for every client that needs it, and compressed; a catch-up is built per client, and at
   * SCALE_RATE=1 every sensor changes each tick, so ten clients behind were ten encodings of the whole city in one
   * tick (0.5–1.1 s, bench:scale BENCH_CLIENTS=10)
   */
  catchUpMaxSensors?: number;
}

export interface BackpressureStats {
  /** times a client went over its budget and its deltas were coalesced */
  coalesced: number;
  /** clients that read what was waiting and got one catch-up delta (latest value per sensor) */
  caughtUp: number;
  /** clients that were behind so long, or missed so many sensors' changes, that they got a snapshot instead */
  resynced: number;
  /** clients disconnected for staying behind (reason `stalled`) */
  disconnected: number;
  /** clients behind their budget now */
  behind: number;
}

/**
 * What the stream keeps for a client behind its budget: one flag per registry position (so the
 * memory is bounded by the registry, not by how long it lags), which channels changed and the
 * stations whose night figure changed.
 */
export class Lag {
  private readonly marked: Uint8Array;
  private count = 0;
  readonly channels = new Set<ChannelKey>();
  readonly nights = new Map<string, NightFigure>();
  wantsSnapshot = false;

  constructor(
    /** seq of the last message this client was sent before it fell behind */
    readonly baseSeq: number,
    readonly since: number,
    registrySize: number,
  ) {
    this.marked = new Uint8Array(registrySize);
  }

  mark(index: number): void {
    if (index < 0 || this.marked[index]) return;
    this.marked[index] = 1;
    this.count += 1;
  }

  isMarked(index: number): boolean {
    return this.marked[index] === 1;
  }

  get pendingSensors(): number {
    return this.count;
  }

  fold(parts: Partial<Pick<Snapshot, ChannelKey>>): void {
    for (const key of Object.keys(parts) as ChannelKey[]) this.channels.add(key);
    for (const n of parts.nights ?? []) this.nights.set(n.sensorId, n);
  }

  forEachMarked(visit: (index: number) => void): void {
    if (this.count === 0) return;
    for (let i = 0; i < this.marked.length; i++) if (this.marked[i]) visit(i);
  }
}

export type Verdict = 'wait' | 'catch-up' | 'resync' | 'drop';

export const CATCH_UP_MAX_SENSORS = 10_000;

/** The rules and counters; the stream applies them per client per tick (server/stream/live-stream.ts). */
export class Backpressure {
  private readonly counts = { coalesced: 0, caughtUp: 0, resynced: 0, disconnected: 0 };
  private behindNow = 0;

  constructor(
    readonly limits: BackpressureLimits,
    private readonly registrySize: number,
    private readonly now: () => number,
  ) {}

  static noStats(): BackpressureStats {
    return { coalesced: 0, caughtUp: 0, resynced: 0, disconnected: 0, behind: 0 };
  }

  stats(): BackpressureStats {
    return { ...this.counts, behind: this.behindNow };
  }

  overBudget(pendingBytes: number): boolean {
    return pendingBytes > this.limits.budgetBytes;
  }

  fallBehind(lastSentSeq: number): Lag {
    this.counts.coalesced += 1;
    this.behindNow += 1;
    return new Lag(lastSentSeq, this.now(), this.registrySize);
  }

  behindMs(lag: Lag): number {
    return this.now() - lag.since;
  }

  /**
   * Caught up once half the budget is free again (not at the edge, or it would flap); a snapshot
   * if it was behind for long or asked for one; dropped if it does not read for too long.
   */
  verdict(lag: Lag, pendingBytes: number): Verdict {
    const behind = this.behindMs(lag);
    let v: Verdict = 'wait';
    if (pendingBytes <= this.limits.budgetBytes / 2) v = lag.wantsSnapshot || behind >= this.limits.resyncAfterMs || lag.pendingSensors > (this.limits.catchUpMaxSensors ?? CATCH_UP_MAX_SENSORS) ? 'resync' : 'catch-up';
    else if (behind >= this.limits.stalledAfterMs) v = 'drop';
    if (v === 'wait') return v;
    this.behindNow -= 1;
    if (v === 'resync') this.counts.resynced += 1;
    else if (v === 'catch-up') this.counts.caughtUp += 1;
    else this.counts.disconnected += 1;
    return v;
  }

  /** A client that disconnected while behind. */
  gone(): void {
    this.behindNow -= 1;
  }
}
