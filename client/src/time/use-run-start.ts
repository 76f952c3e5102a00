import { useEffect, useState } from 'react';
import type { LiveStore } from '../live/live-store.js';
import { fetchRuns } from './history-api.js';
import { useParts } from '../live/use-parts.js';

/** How often to ask again while the run has no data yet, and afterwards (a restarted server opens a new run). */
const RETRY_MS = 5_000;
const REFRESH_MS = 60_000;

/** First city time with data in the current run, or null while unknown; asked again when the server restarts or the scenario is switched (a new run). */
export function useRunStart(store: LiveStore): number | null {
  const [start, setStart] = useState<number | null>(null);
  // Only the run's identity: the caller (the whole app) must not re-render on every live tick for this. A
  // setState of an unchanged key on each tick still rendered the app whenever React could not bail out early.
  const [key] = useParts(store, () => [`${store.instance ?? ''} ${store.run ?? ''}`]);
  useEffect(() => {
    let cancelled = false;
    let timer = 0;
    // The old run's start would stretch the timeline over another city's days.
    setStart(null);
    const controller = new AbortController();
    const ask = async () => {
      let next: number | null = null;
      try {
        const { current, runs } = await fetchRuns(controller.signal);
        next = runs.find((r) => r.id === current)?.firstT ?? null;
      } catch {
        // no history yet (or the server is restarting): the timeline spans the minimum until it answers
      }
      if (cancelled) return;
      setStart(next);
      timer = window.setTimeout(ask, next === null ? RETRY_MS : REFRESH_MS);
    };
    void ask();
    return () => {
      cancelled = true;
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [key]);
  return start;
}
