import { utciCategory } from '../../../common/models/heat.js';
import { useI18n } from '../i18n/i18n.js';
import { categoryLabel } from '../i18n/labels.js';
import type { Hover } from '../map/MapView.js';
import type { PlacesStore } from './places-store.js';
import { TYPE_LABEL } from './place-shape.js';
import { usePlaces } from './use-places.js';

/** A place's tooltip: what it is, the UTCI there now and its hours under strong heat stress. */
export function PlaceTooltip({ hover, store }: { hover: Hover | null; store: PlacesStore }) {
  usePlaces(store);
  const { t, num, lang } = useI18n();
  const place = hover ? store.byId.get(hover.sensorId) : undefined;
  if (!hover || !place) return null;
  const utci = store.utciNow().get(place.id) ?? null;
  const e = store.exposure.get(place.id);
  return (
    <div className="tooltip" style={{ left: hover.x + 16, top: hover.y + 16 }} data-testid="place-tooltip">
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
    </div>
  );
}
