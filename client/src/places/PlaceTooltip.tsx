import type { Hover } from '../map/MapView.js';
import { PlaceFacts } from './PlaceFacts.js';
import type { PlacesStore } from './places-store.js';
import { usePlaces } from './use-places.js';

/** A place's tooltip: what it is, the UTCI there now and its hours under strong heat stress. */
export function PlaceTooltip({ hover, store }: { hover: Hover | null; store: PlacesStore }) {
  usePlaces(store);
  const place = hover ? store.byId.get(hover.sensorId) : undefined;
  if (!hover || !place) return null;
  return (
    <div className="tooltip" style={{ left: hover.x + 16, top: hover.y + 16 }} data-testid="place-tooltip">
      <PlaceFacts store={store} place={place} />
    </div>
  );
}
