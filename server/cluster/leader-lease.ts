import { performance } from 'node:perf_hooks';

/** The three atomic operations a lease needs; Redis gives them in ./redis-lease-store.ts. */
export interface LeaseStore {
  /** takes the lease when nobody holds it (SET key owner NX PX ttl); true when this call took it */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** extends the lease only while `owner` still holds it (compare-and-expire); false when it was lost */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** gives the lease up only while `owner` holds it (compare-and-delete), so a late release never frees another's lease */
  release(key: string, owner: string): Promise<boolean>;
}

export interface LeaseOptions {
  key: string;
  owner: string;
  ttlMs: number;
  renewMs: number;
  /** monotonic ms; a wall-clock step must not stretch a lease */
  now?: () => number;
}

/**
 * One elected leader among the nodes: the holder of a key with a time to live. The leader renews every
 * `renewMs`; the others try to take it on the same beat, so a dead leader's key expires and another
 * node leads within about `ttlMs + renewMs`.
 *
 * Safety: a node counts its own lease from the moment it *sent* the command that took or renewed it,
 * so its view always expires before Redis's. When renewals fail (Redis unreachable, slow, or the key
 * was taken meanwhile) it steps down on its own once that view expires — it never leads on a lease
 * Redis may already have handed on.
 */
export class LeaderLease {
  private leading = false;
  /** local monotonic ms until which our lease is certainly still held */
  private validUntil = -Infinity;
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: Array<(leader: boolean) => void> = [];
  private readonly now: () => number;
  /** times this node took the lease, and stepped down */
  readonly counts = { acquired: 0, lost: 0, errors: 0 };
  lastError: string | null = null;

  constructor(
    private readonly store: LeaseStore,
    private readonly o: LeaseOptions,
  ) {
    this.now = o.now ?? (() => performance.now());
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Called with true when this node becomes the leader and false when it stops being it. */
  onChange(listener: (leader: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Starts the beat: one round at once, then one every renewMs. */
  start(): void {
    void this.round();
    this.timer ??= setInterval(() => void this.round(), this.o.renewMs);
  }

  /** Stops the beat and gives the lease up, so another node takes over at once rather than after the ttl. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.leading) return;
    this.set(false);
    try {
      await this.store.release(this.o.key, this.o.owner);
    } catch (err) {
      this.noteError(err);
    }
  }

  /**
   * One beat: step down if our lease has run out unrenewed, then renew (leader) or try to take it.
   * A beat whose command still hangs (Redis gone) is not stacked on; the expiry check still runs.
   */
  async round(): Promise<void> {
    this.expireIfDue();
    if (this.inFlight) return;
    this.inFlight = true;
    const sentAt = this.now();
    try {
      if (this.leading) {
        const kept = await this.store.renew(this.o.key, this.o.owner, this.o.ttlMs);
        if (kept) this.validUntil = sentAt + this.o.ttlMs;
        else this.set(false);
      } else {
        const took = await this.store.acquire(this.o.key, this.o.owner, this.o.ttlMs);
        if (took) {
          this.validUntil = sentAt + this.o.ttlMs;
          // An answer that came after its own lease ran out is no lease at all.
          if (this.now() < this.validUntil) this.set(true);
        }
      }
    } catch (err) {
      this.noteError(err);
    } finally {
      this.inFlight = false;
    }
    this.expireIfDue();
  }

  private expireIfDue(): void {
    if (this.leading && this.now() >= this.validUntil) this.set(false);
  }

  private noteError(err: unknown): void {
    this.counts.errors += 1;
    this.lastError = err instanceof Error ? err.message : String(err);
  }

  private set(leader: boolean): void {
    if (leader === this.leading) return;
    this.leading = leader;
    if (leader) this.counts.acquired += 1;
    else this.counts.lost += 1;
    for (const l of this.listeners) l(leader);
  }
}
