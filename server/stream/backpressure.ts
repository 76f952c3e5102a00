import type { NightFigure, Snapshot } from '../../common/protocol.js';
import type { ChannelKey } from './channel.js';

export interface BackpressureLimits {
  /** bytes waiting to go out to one client above which it gets no more deltas until it has read them */
  budgetBytes: number;
  /**
   * behind for longer than this: it gets a snapshot instead of a catch-up delta when it has read; not counted while
   * it reads a snapshot or catch-up it was sent (a whole city's JSON takes seconds to read)
   */
  resyncAfterMs: number;
  /** behind for longer than this: disconnected (`stalled`) */
  stalledAfterMs: number;
  /**
   * a catch-up of more than this share of the sensors in the client's view goes as the snapshot instead (default
   * 0.5): no smaller than the snapshot by much, and a snapshot is built once per tick and view for every client
   * that needs it
   */
  catchUpMaxShare?: number;
  /**
   * sensors written into catch-ups per tick, all clients together (default 20,000); a client beyond it waits a tick,
   * though the first catch-up of a tick always goes. A catch-up is built per client: at SCALE_RATE=1 ten clients
   * behind were ten encodings of the whole city in one tick (0.5–1.1 s, bench:scale BENCH_CLIENTS=10), and JSON
   * clients of a 100,000-sensor city each need one of 20,000–30,000 sensors after reading their snapshot
   */
  catchUpSensorsPerTick?: number;
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
    /** sensors in the client's view: the measure of a catch-up against a snapshot */
    readonly viewSize: number,
    /** it fell behind while reading a snapshot or catch-up it was sent, not for falling behind the deltas */
    readonly readingResync: boolean,
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

export const CATCH_UP_MAX_SHARE = 0.5;
export const CATCH_UP_SENSORS_PER_TICK = 20_000;

/** The rules and counters; the stream applies them per client per tick (server/stream/live-stream.ts). */
export class Backpressure {
  private readonly counts = { coalesced: 0, caughtUp: 0, resynced: 0, disconnected: 0 };
  private behindNow = 0;
  /** this tick's catch-ups so far and the sensors left in its allowance */
  private catchUpsThisTick = 0;
  private catchUpAllowance = 0;

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

  fallBehind(lastSentSeq: number, viewSize = this.registrySize, readingResync = false): Lag {
    this.counts.coalesced += 1;
    this.behindNow += 1;
    return new Lag(lastSentSeq, this.now(), this.registrySize, viewSize, readingResync);
  }

  /** A new tick: its allowance of sensors in catch-ups starts again. */
  startTick(): void {
    this.catchUpsThisTick = 0;
    this.catchUpAllowance = this.limits.catchUpSensorsPerTick ?? CATCH_UP_SENSORS_PER_TICK;
  }

  behindMs(lag: Lag): number {
    return this.now() - lag.since;
  }

  /**
   * Caught up once half the budget is free again (not at the edge, or it would flap); a snapshot if it
   * asked for one, was behind the deltas for long, or missed the changes of much of its view; dropped
   * if it does not read for too long. A catch-up beyond this tick's allowance waits for the next tick, unless
   * it is one already built this tick for another client (`shared`: the same base and view).
   */
  verdict(lag: Lag, pendingBytes: number, shared = false): Verdict {
    const behind = this.behindMs(lag);
    let v: Verdict = 'wait';
    if (pendingBytes <= this.limits.budgetBytes / 2) v = this.resyncRather(lag, behind) ? 'resync' : 'catch-up';
    else if (behind >= this.limits.stalledAfterMs) v = 'drop';
    if (v === 'catch-up' && !shared) {
      if (this.catchUpsThisTick > 0 && lag.pendingSensors > this.catchUpAllowance) v = 'wait';
      else {
        this.catchUpsThisTick += 1;
        this.catchUpAllowance -= lag.pendingSensors;
      }
    }
    if (v === 'wait') return v;
    this.behindNow -= 1;
    if (v === 'resync') this.counts.resynced += 1;
    else if (v === 'catch-up') this.counts.caughtUp += 1;
    else this.counts.disconnected += 1;
    return v;
  }

  private resyncRather(lag: Lag, behindMs: number): boolean {
    if (lag.wantsSnapshot) return true;
    if (behindMs >= this.limits.resyncAfterMs && !lag.readingResync) return true;
    return lag.pendingSensors > lag.viewSize * (this.limits.catchUpMaxShare ?? CATCH_UP_MAX_SHARE);
  }

  /** A client that disconnected while behind. */
  gone(): void {
    this.behindNow -= 1;
  }
}
