import { utciCategory } from '../../../common/models/heat.js';
import { useI18n } from '../i18n/i18n.js';
import { categoryLabel } from '../i18n/labels.js';
import type { Place } from '../../../common/places.js';
import type { PlacesStore } from './places-store.js';
import { TYPE_LABEL } from './place-shape.js';

/** What a place's tooltip and its search card both say: what it is, the UTCI there now and its hours under strong heat stress. */
export function PlaceFacts({ store, place }: { store: PlacesStore; place: Place }) {
  const { t, num, lang } = useI18n();
  const utci = store.utciNow().get(place.id) ?? null;
  const e = store.exposure.get(place.id);
  return (
    <>
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
    </>
  );
}
