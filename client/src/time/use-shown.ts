import { useSyncExternalStore } from 'react';
import type { CityView } from './city-view.js';
import type { DisplayedCity } from './displayed-city.js';

/** The city as displayed (live or past); re-renders the caller whenever that changes. */
export function useShownCity(shown: DisplayedCity): CityView {
  useSyncExternalStore(shown.subscribe, shown.getVersion);
  return shown.view();
}

/** Re-renders on every change of the displayed city, for components that read its mode. */
export function useShownVersion(shown: DisplayedCity): number {
  return useSyncExternalStore(shown.subscribe, shown.getVersion);
}
