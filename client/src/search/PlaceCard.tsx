import { usePlannerT } from '../i18n/planner-strings.js';
import { PlaceFacts } from '../places/PlaceFacts.js';
import type { PlacesStore } from '../places/places-store.js';
import { usePlaces } from '../places/use-places.js';

/**
 * A Kita, school or playground chosen in the search: what its tooltip says, kept open in the detail
 * panel's place (places have no history charts of their own; their hours come from the stations).
 */
export function PlaceCard({ store, placeId, onClose }: { store: PlacesStore; placeId: string; onClose: () => void }) {
  usePlaces(store);
  const pt = usePlannerT();
  const place = store.byId.get(placeId);
  if (!place) return null;
  return (
    <aside className="detail-panel place-card" data-testid="place-detail" aria-label={place.name}>
      <button type="button" className="close" onClick={onClose} aria-label={pt('place.close')}>
        ×
      </button>
      <PlaceFacts store={store} place={place} />
    </aside>
  );
}
