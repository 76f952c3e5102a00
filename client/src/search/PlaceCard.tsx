import { utciCategory } from '../../../common/models/heat.js';
import { useI18n } from '../i18n/i18n.js';
import { categoryLabel } from '../i18n/labels.js';
import { usePlannerT } from '../i18n/planner-strings.js';
import { TYPE_LABEL } from '../places/place-shape.js';
import type { PlacesStore } from '../places/places-store.js';
import { usePlaces } from '../places/use-places.js';

/**
 * A Kita, school or playground chosen in the search: what its tooltip says, kept open in the detail
 * panel's place (places have no history charts of their own; their hours come from the stations).
 */
export function PlaceCard({ store, placeId, onClose }: { store: PlacesStore; placeId: string; onClose: () => void }) {
  usePlaces(store);
  const { t, num, lang } = useI18n();
  const pt = usePlannerT();
  const place = store.byId.get(placeId);
  if (!place) return null;
  const utci = store.utciNow().get(place.id) ?? null;
  const e = store.exposure.get(place.id);
  return (
    <aside className="detail-panel place-card" data-testid="place-detail" aria-label={place.name}>
      <button type="button" className="close" onClick={onClose} aria-label={pt('place.close')}>
        ×
      </button>
      <div className="tt-title">{place.name}</div>
      <div className="tt-sub">
        {t(TYPE_LABEL[place.type])} · {t('tooltip.district')} {place.district}
      </div>
      <div className="tt-row">
        <span className="tt-label">{t('places.utciNow')}</span>
        <span className="tt-value">{utci === null ? '–' : `${num(utci, 1)} °C, ${categoryLabel(utciCategory(utci), lang)}`}</span>
      </div>
      <div className="tt-row">
        <span className="tt-label">{t('places.hoursTodayHint')}</span>
        <span className="tt-value">{e ? `${num(e.hoursStrongToday, 1)} h` : '–'}</span>
      </div>
      <div className="tt-row">
        <span className="tt-label">{t('places.hours7dHint')}</span>
        <span className="tt-value">{e ? `${num(e.hoursStrong7d, 1)} h` : '–'}</span>
      </div>
    </aside>
  );
}
