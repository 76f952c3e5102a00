import { useEffect, useRef } from 'react';
import { formatUrlState, type UrlState } from './url-state.js';

/** Writes at most this often: dragging the cursor or the map changes the state many times a second. */
const WRITE_EVERY_MS = 300;

/**
 * Keeps the address bar on what is shown (replaceState: no history entry per drag). `read` returns the
 * current state; call the returned function whenever something in it changed.
 */
export function useUrlSync(read: () => UrlState): () => void {
  const reader = useRef(read);
  reader.current = read;
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  const write = useRef(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      const query = formatUrlState(reader.current(), window.location.search);
      const next = `${window.location.pathname}${query}${window.location.hash}`;
      if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', next);
    }, WRITE_EVERY_MS);
  });
  return write.current;
}
