import { useSyncExternalStore } from 'react';
import type { WhatIfStore } from './whatif-store.js';

/** Re-renders on every change of the what-if store (plan, drawing, displayed time). */
export function useWhatIf(store: WhatIfStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
