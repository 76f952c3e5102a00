import { useRef, useSyncExternalStore } from 'react';

interface Subscribable {
  subscribe: (listener: () => void) => () => void;
}

/**
 * Re-renders the caller only when one of the parts it reads changed (by identity), not on every
 * notification of the store: live data notify every second, and each panel re-rendered for the
 * others' parts (with 100,000 sensors React's work was a third of the page's script per delta, issue 13).
 * `pick` returns the parts the component shows, e.g. `[view.alerts]`; it runs on every notification.
 */
export function useParts<T extends readonly unknown[]>(store: Subscribable, pick: () => T): T {
  const last = useRef<T | null>(null);
  const read = useRef(pick);
  read.current = pick;
  const snapshot = () => {
    const next = read.current();
    return last.current && sameParts(last.current, next) ? last.current : (last.current = next);
  };
  return useSyncExternalStore(store.subscribe, snapshot);
}

export function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
