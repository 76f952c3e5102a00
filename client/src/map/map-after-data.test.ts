import { describe, expect, it } from 'vitest';
import { whenFirstData } from './map-after-data.js';

function fakeSource() {
  let now: number | null = null;
  const listeners = new Set<() => void>();
  return {
    listeners,
    source: { subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)), view: () => ({ cityNow: () => now }) },
    data: (at: number | null) => {
      now = at;
      for (const l of [...listeners]) l();
    },
  };
}

/** A page's timers run by hand: `frame()` runs the animation frame's callbacks, `after(ms)` the timeouts of at most ms. */
function fakeTimers() {
  const timeouts = new Map<number, { f: () => void; ms: number }>();
  const frames = new Map<number, () => void>();
  let next = 1;
  const take = <T,>(m: Map<number, T>, pick: (v: T) => boolean) => {
    const due = [...m].filter(([, v]) => pick(v));
    for (const [id] of due) m.delete(id);
    return due.map(([, v]) => v);
  };
  return {
    pending: () => timeouts.size + frames.size,
    timers: {
      setTimeout: (f: () => void, ms: number) => (timeouts.set(next, { f, ms }), next++),
      clearTimeout: (id: number) => void timeouts.delete(id),
      requestAnimationFrame: (f: () => void) => (frames.set(next, f), next++),
      cancelAnimationFrame: (id: number) => void frames.delete(id),
    },
    frame: () => take(frames, () => true).forEach((f) => f()),
    after: (ms: number) => take(timeouts, (t) => t.ms <= ms).forEach((t) => t.f()),
  };
}

describe('whenFirstData', () => {
  it('stands once, after the frame that follows the first data, and lets go of the store and the timers', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    s.data(null);
    t.frame();
    t.after(0);
    expect(stood).toBe(0);
    s.data(1_700_000_000_000);
    s.data(1_700_000_001_000);
    // the frame that shows the data's figures comes first
    t.after(0);
    expect(stood).toBe(0);
    t.frame();
    expect(stood).toBe(0);
    t.after(0);
    expect(stood).toBe(1);
    expect(s.listeners.size).toBe(0);
    expect(t.pending()).toBe(0);
  });

  it('stands after the wait without data (a feed down, the link cut), and not again when data comes', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    t.after(3999);
    expect(stood).toBe(0);
    t.after(4000);
    expect(stood).toBe(1);
    s.data(1_700_000_000_000);
    t.frame();
    t.after(0);
    expect(stood).toBe(1);
    expect(t.pending()).toBe(0);
  });

  it('stands after the next frame when the data is there already (a past instant loaded before the city model)', () => {
    const s = fakeSource();
    s.data(1_700_000_000_000);
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    t.frame();
    t.after(0);
    expect(stood).toBe(1);
    expect(t.pending()).toBe(0);
  });

  it('does nothing once cancelled (the page left), also between the data and its frame', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    const cancel = whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    s.data(1_700_000_000_000);
    cancel();
    t.frame();
    t.after(4000);
    expect(stood).toBe(0);
    expect(t.pending()).toBe(0);
    expect(s.listeners.size).toBe(0);
  });
});
