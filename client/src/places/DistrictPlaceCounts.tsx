import { countAtOrAbove } from '../../../common/models/place-exposure.js';
import { STRONG_HEAT_STRESS_C } from '../../../common/places.js';
import { useI18n } from '../i18n/i18n.js';
import type { PlacesStore } from './places-store.js';
import { PlaceShape } from './place-shape.js';
import { usePlaces } from './use-places.js';

/** Per district: how many Kitas and schools are at strong heat stress or worse (UTCI ≥ 32 °C) at the displayed time. */
export function DistrictPlaceCounts({ store, districts }: { store: PlacesStore; districts: ReadonlyArray<string> }) {
  usePlaces(store);
  const { t } = useI18n();
  if (store.places.length === 0) return null;
  const counts = countAtOrAbove(store.places, store.utciNow(), STRONG_HEAT_STRESS_C);
  return (
    <div className="place-counts" data-testid="place-counts">
      <div className="place-counts-title">{t('places.countsTitle')}</div>
      {districts.map((d) => {
        const c = counts.get(d) ?? { kita: 0, school: 0, playground: 0 };
        return (
          <div key={d} className="place-count-row" data-testid={`place-count-${d}`}>
            <span>{d}</span>
            <span>
              <PlaceShape type="kita" /> {t('places.countKitas').replace('{n}', String(c.kita))} · <PlaceShape type="school" /> {t('places.countSchools').replace('{n}', String(c.school))}
            </span>
          </div>
        );
      })}
    </div>
  );
}
