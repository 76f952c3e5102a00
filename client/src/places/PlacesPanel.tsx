import { useMemo, useState } from 'react';
import { bochumIso } from '../../../common/bochum-time.js';
import { utciCategory } from '../../../common/models/heat.js';
import { rankPlaces } from '../../../common/models/place-exposure.js';
import { saveBlob } from '../export/export-urls.js';
import { useI18n } from '../i18n/i18n.js';
import { rgbCss } from '../map/colors.js';
import { rankingCsv } from './place-csv.js';
import type { PlacesStore } from './places-store.js';
import { PlaceShape, TYPE_LABEL } from './place-shape.js';
import { usePlaces } from './use-places.js';
import './places.css';

const DISTRICTS = ['Mitte', 'Wattenscheid', 'Nord', 'Ost', 'Süd', 'Südwest'];
const SHOWN = 8;

/** "Kitas und Schulen mit der stärksten Hitzebelastung" per district, at the displayed time, exportable as CSV. */
export function PlacesPanel({ store, at }: { store: PlacesStore; at: number | null }) {
  usePlaces(store);
  const { t, num } = useI18n();
  const [district, setDistrict] = useState('');
  const version = store.getVersion();
  const ranked = useMemo(
    () => rankPlaces(store.places, store.exposureNow(), { types: ['kita', 'school'], district: district || undefined }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, district],
  );
  if (store.places.length === 0) return null;
  const exportCsv = () => {
    const shownAt = store.exposureAt ?? at;
    const atIso = shownAt === null ? '' : bochumIso(shownAt);
    const stamp = atIso.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    saveBlob(new Blob([rankingCsv(ranked, atIso)], { type: 'text/csv;charset=utf-8' }), `stadtpuls-kitas-schulen-${district || 'bochum'}-${stamp}.csv`.toLowerCase());
  };
  return (
    <aside className="places-panel" data-testid="places-ranking">
      <div className="panel-title">{t('places.rankingTitle')}</div>
      <div className="places-controls">
        <select value={district} onChange={(e) => setDistrict(e.target.value)} aria-label={t('places.district')} data-testid="places-district">
          <option value="">{t('places.allDistricts')}</option>
          {DISTRICTS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportCsv} data-testid="places-csv">
          {t('places.exportCsv')}
        </button>
      </div>
      {store.exposureAt === null && <div className="places-note">{store.error ?? t('places.loading')}</div>}
      <table>
        <thead>
          <tr>
            <th>{t('places.name')}</th>
            <th title={t('places.utciNowHint')}>UTCI</th>
            <th title={t('places.hoursTodayHint')}>{t('places.hoursToday')}</th>
            <th title={t('places.hours7dHint')}>{t('places.hours7d')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.slice(0, SHOWN).map((p) => (
            <tr key={p.id} data-testid="places-row">
              <td className="place-name" title={`${t(TYPE_LABEL[p.type])}, ${p.district}`}>
                <PlaceShape type={p.type} />
                {p.name}
                <span className="place-district">{p.district}</span>
              </td>
              <td>
                {p.exposure.utciC !== null && <i className="chip" style={{ background: rgbCss(utciCategory(p.exposure.utciC).color) }} />}
                {p.exposure.utciC === null ? '–' : num(p.exposure.utciC, 1)}
              </td>
              <td>{num(p.exposure.hoursStrongToday, 1)}</td>
              <td>{num(p.exposure.hoursStrong7d, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ranked.length > SHOWN && <div className="places-note">{t('places.more').replace('{n}', String(ranked.length - SHOWN))}</div>}
    </aside>
  );
}
