/**
 * When to connect again after the server dropped this client or ended its session. Each such end
 * within `resetAfterMs` of the previous one doubles the wait (up to `maxMs`), so a client that keeps
 * being dropped backs off instead of hammering the server; a little jitter keeps a wall of displays
 * from returning in the same second.
 */
export class RejoinBackoff {
  private count = 0;
  private lastAt = -Infinity;

  constructor(
    private readonly o: { maxMs: number; resetAfterMs: number } = { maxMs: 5 * 60_000, resetAfterMs: 5 * 60_000 },
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait before the next attempt, ms: at least `minMs`, the server's retry-after or our floor. */
  next(minMs: number, now: number): number {
    if (now - this.lastAt > this.o.resetAfterMs) this.count = 0;
    this.lastAt = now;
    const base = Math.min(this.o.maxMs, minMs * 2 ** this.count);
    this.count += 1;
    return Math.round(base * (1 + 0.25 * this.random()));
  }
}
