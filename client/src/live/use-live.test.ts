import { describe, expect, it } from 'vitest';
import { Ticker } from './use-live.js';

function fakeTimers() {
  const running = new Map<number, { f: () => void; ms: number }>();
  let next = 1;
  return {
    running,
    timers: {
      setInterval: (f: () => void, ms: number) => (running.set(next, { f, ms }), next++),
      clearInterval: (id: number) => void running.delete(id),
    },
    tick: (ms: number) => [...running.values()].filter((t) => t.ms === ms).forEach((t) => t.f()),
  };
}

describe('Ticker', () => {
  it('runs one interval per period for all its clocks, and calls them in the same tick', () => {
    const t = fakeTimers();
    const ticker = new Ticker(t.timers);
    const calls: string[] = [];
    const offA = ticker.subscribe(1000, () => calls.push('header'));
    const offB = ticker.subscribe(1000, () => calls.push('cursor'));
    const offC = ticker.subscribe(5000, () => calls.push('panel'));
    expect([...t.running.values()].map((r) => r.ms).sort()).toEqual([1000, 5000]);
    t.tick(1000);
    expect(calls).toEqual(['header', 'cursor']);
    offA();
    t.tick(1000);
    expect(calls).toEqual(['header', 'cursor', 'cursor']);
    offB();
    offC();
    expect(t.running.size).toBe(0);
    // a clock subscribed again gets a new interval
    ticker.subscribe(1000, () => calls.push('again'));
    t.tick(1000);
    expect(calls.at(-1)).toBe('again');
    expect(t.running.size).toBe(1);
  });
});
