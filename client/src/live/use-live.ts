import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LiveStore } from './live-store.js';

/** Re-renders the calling component whenever the store changes (at most once per stream tick). */
export function useLiveVersion(store: LiveStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

/** The local clock, ticking every `ms`; for displays that age between messages (clock, "last data … ago"). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}
