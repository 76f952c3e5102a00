import { describe, expect, it } from 'vitest';
import { Backpressure, type Lag, type Verdict } from './backpressure.js';

/** The rules alone, on a stepped clock: budget 1,000 bytes, resync after 5 s, stalled after 30 s, a view of 100 sensors. */
function setup(limits: { catchUpMaxShare?: number; catchUpSensorsPerTick?: number } = {}) {
  let now = 0;
  const bp = new Backpressure({ budgetBytes: 1000, resyncAfterMs: 5000, stalledAfterMs: 30_000, ...limits }, 100, () => now);
  const behind = (missed: number, opts: { readingResync?: boolean; wantsSnapshot?: boolean } = {}): Lag => {
    const lag = bp.fallBehind(7, 100, opts.readingResync ?? false);
    for (let i = 0; i < missed; i++) lag.mark(i);
    lag.wantsSnapshot = opts.wantsSnapshot ?? false;
    return lag;
  };
  return { bp, behind, advance: (ms: number) => (now += ms) };
}

describe('Backpressure.verdict', () => {
  const cases: Array<{ name: string; missed: number; pending: number; afterMs: number; readingResync?: boolean; wantsSnapshot?: boolean; want: Verdict }> = [
    { name: 'still more than half the budget waiting', missed: 3, pending: 600, afterMs: 1000, want: 'wait' },
    { name: 'half the budget free again', missed: 3, pending: 500, afterMs: 1000, want: 'catch-up' },
    { name: 'it asked for a snapshot', missed: 3, pending: 0, afterMs: 1000, wantsSnapshot: true, want: 'resync' },
    { name: 'behind the deltas for longer than resyncAfterMs', missed: 3, pending: 0, afterMs: 5000, want: 'resync' },
    { name: 'as long, reading the snapshot it was sent', missed: 3, pending: 0, afterMs: 9000, readingResync: true, want: 'catch-up' },
    { name: 'half of its view missed', missed: 50, pending: 0, afterMs: 1000, readingResync: true, want: 'catch-up' },
    { name: 'more than half of its view missed', missed: 51, pending: 0, afterMs: 1000, readingResync: true, want: 'resync' },
    { name: 'not reading for stalledAfterMs', missed: 3, pending: 900, afterMs: 30_000, want: 'drop' },
    { name: 'not reading its snapshot for stalledAfterMs', missed: 3, pending: 900, afterMs: 30_000, readingResync: true, want: 'drop' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.want}`, () => {
      const t = setup();
      t.bp.startTick();
      const lag = t.behind(c.missed, c);
      t.advance(c.afterMs);
      expect(t.bp.verdict(lag, c.pending)).toBe(c.want);
    });
  }

  it('counts each outcome once, and the clients behind until they are not', () => {
    const t = setup();
    t.bp.startTick();
    const lags = [t.behind(1), t.behind(1), t.behind(1), t.behind(1)];
    expect(t.bp.stats()).toMatchObject({ coalesced: 4, behind: 4 });
    expect(t.bp.verdict(lags[0], 900)).toBe('wait');
    expect(t.bp.verdict(lags[1], 0)).toBe('catch-up');
    t.advance(6000);
    expect(t.bp.verdict(lags[2], 0)).toBe('resync');
    t.advance(30_000);
    expect(t.bp.verdict(lags[3], 900)).toBe('drop');
    expect(t.bp.stats()).toEqual({ coalesced: 4, caughtUp: 1, resynced: 1, disconnected: 1, behind: 1 });
  });
});

describe('Backpressure: the sensors a tick writes into catch-ups', () => {
  it('lets catch-ups through up to the allowance, the first of a tick always, the rest the next tick', () => {
    const t = setup({ catchUpSensorsPerTick: 30 });
    t.bp.startTick();
    const [a, b, c, d] = [t.behind(40, { readingResync: true }), t.behind(20), t.behind(20), t.behind(5)];
    // the first goes however large; it used the allowance up
    expect(t.bp.verdict(a, 0)).toBe('catch-up');
    expect(t.bp.verdict(b, 0)).toBe('wait');
    expect(t.bp.verdict(c, 0)).toBe('wait');
    expect(t.bp.stats()).toMatchObject({ caughtUp: 1, behind: 3 });
    t.bp.startTick();
    expect(t.bp.verdict(b, 0)).toBe('catch-up');
    // 10 of 30 left
    expect(t.bp.verdict(c, 0)).toBe('wait');
    expect(t.bp.verdict(d, 0)).toBe('catch-up');
    t.bp.startTick();
    expect(t.bp.verdict(c, 0)).toBe('catch-up');
    expect(t.bp.stats()).toMatchObject({ caughtUp: 4, resynced: 0, behind: 0 });
  });

  it('lets a catch-up through beyond the allowance when it was built this tick already (shared)', () => {
    const t = setup({ catchUpSensorsPerTick: 10 });
    t.bp.startTick();
    expect(t.bp.verdict(t.behind(10), 0)).toBe('catch-up');
    expect(t.bp.verdict(t.behind(10), 0, true)).toBe('catch-up');
    expect(t.bp.verdict(t.behind(10), 0)).toBe('wait');
  });

  it('does not hold back snapshots: they are built once per tick and view', () => {
    const t = setup({ catchUpSensorsPerTick: 10 });
    t.bp.startTick();
    expect(t.bp.verdict(t.behind(10), 0)).toBe('catch-up');
    expect(t.bp.verdict(t.behind(3, { wantsSnapshot: true }), 0)).toBe('resync');
  });
});
