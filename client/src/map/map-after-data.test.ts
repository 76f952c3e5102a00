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

function fakeTimers() {
  const running = new Map<number, () => void>();
  let next = 1;
  return {
    running,
    timers: { setTimeout: (f: () => void, _ms: number) => (running.set(next, f), next++), clearTimeout: (id: number) => void running.delete(id) },
    fire: () => [...running.values()].forEach((f) => f()),
  };
}

describe('whenFirstData', () => {
  it('stands once, at the first data, and lets go of the store and the timer', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    s.data(null);
    expect(stood).toBe(0);
    s.data(1_700_000_000_000);
    s.data(1_700_000_001_000);
    expect(stood).toBe(1);
    expect(s.listeners.size).toBe(0);
    expect(t.running.size).toBe(0);
  });

  it('stands after the wait without data (a feed down, the link cut), and not again when data comes', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    t.fire();
    expect(stood).toBe(1);
    s.data(1_700_000_000_000);
    expect(stood).toBe(1);
  });

  it('stands at once when the data is there already (a past instant loaded before the city model)', () => {
    const s = fakeSource();
    s.data(1_700_000_000_000);
    const t = fakeTimers();
    let stood = 0;
    whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    expect(stood).toBe(1);
    expect(t.running.size).toBe(0);
  });

  it('does nothing once cancelled (the page left)', () => {
    const s = fakeSource();
    const t = fakeTimers();
    let stood = 0;
    const cancel = whenFirstData(s.source, () => (stood += 1), 4000, t.timers);
    cancel();
    s.data(1_700_000_000_000);
    expect(stood).toBe(0);
    expect(t.running.size).toBe(0);
    expect(s.listeners.size).toBe(0);
  });
});
