import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LiveStore } from './live-store.js';

/** Re-renders the calling component whenever the store changes (at most once per stream tick). */
export function useLiveVersion(store: LiveStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

interface Timers {
  setInterval: (f: () => void, ms: number) => number;
  clearInterval: (id: number) => void;
}

/**
 * One interval per period for every clock on the page: the header's clock, the time cursor, the stale banner
 * and the wall's data age each ran their own 1 s interval, at their own phase, and each tick was a render and
 * commit of its own (four a second besides the data's; issue 13). Listeners of one period are called in the
 * same task, so React renders them together.
 */
export class Ticker {
  private readonly periods = new Map<number, { id: number; listeners: Set<() => void> }>();

  constructor(private readonly timers: Timers = { setInterval: (f, ms) => window.setInterval(f, ms), clearInterval: (id) => window.clearInterval(id) }) {}

  subscribe(ms: number, listener: () => void): () => void {
    let period = this.periods.get(ms);
    if (!period) {
      const listeners = new Set<() => void>();
      period = { id: this.timers.setInterval(() => listeners.forEach((l) => l()), ms), listeners };
      this.periods.set(ms, period);
    }
    const p = period;
    p.listeners.add(listener);
    return () => {
      p.listeners.delete(listener);
      if (p.listeners.size > 0 || this.periods.get(ms) !== p) return;
      this.timers.clearInterval(p.id);
      this.periods.delete(ms);
    };
  }
}

const ticker = new Ticker();

/** The local clock, ticking every `ms`; for displays that age between messages (clock, "last data … ago"). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => ticker.subscribe(ms, () => setNow(Date.now())), [ms]);
  return now;
}
