import { useSyncExternalStore } from 'react';
import type { VersionedStore } from '../live/versioned-store.js';

/** Re-renders on every change of the what-if store (plan, drawing, displayed time), or of the compare view's day loader. */
export function useWhatIf(store: VersionedStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
