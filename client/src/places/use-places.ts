import { useSyncExternalStore } from 'react';
import type { PlacesStore } from './places-store.js';

/** Re-renders the caller when the places, their exposure or the displayed city change. */
export function usePlaces(store: PlacesStore): PlacesStore {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store;
}
