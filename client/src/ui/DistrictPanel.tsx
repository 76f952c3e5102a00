import type { LiveStore } from '../live/live-store.js';
import { useLiveVersion } from '../live/use-live.js';
import { useI18n } from '../i18n/i18n.js';
import { utciCategory } from '../../../common/models/heat.js';
import { rgbCss } from '../map/colors.js';

/** Heat figures per Stadtbezirk for planners: mean and max UTCI, area share under strong heat stress, hours today. */
export function DistrictPanel({ store }: { store: LiveStore }) {
  useLiveVersion(store);
  const { t, num } = useI18n();
  if (store.districts.length === 0) return null;
  return (
    <aside className="districts" data-testid="districts">
      <div className="panel-title">{t('districts.title')}</div>
      <table>
        <thead>
          <tr>
            <th>{t('tooltip.district')}</th>
            <th>Ø UTCI</th>
            <th>max</th>
            <th title={t('districts.shareHint')}>≥ 32 °C</th>
            <th title={t('districts.hoursHint')}>{t('districts.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {store.districts.map((d) => (
            <tr key={d.districtId}>
              <td>{d.name}</td>
              <td>
                <i className="chip" style={{ background: rgbCss(utciCategory(d.meanUtciC).color) }} />
                {num(d.meanUtciC, 1)}
              </td>
              <td>{num(d.maxUtciC, 1)}</td>
              <td>{num(d.shareStrongOrWorse * 100)} %</td>
              <td>{num(d.hoursHeatStressToday, 1)} h</td>
            </tr>
          ))}
        </tbody>
      </table>
      {store.nights.size > 0 && (
        <div className="tropical" data-testid="tropical-nights">
          {t('districts.tropicalNights')
            .replace('{n}', String([...store.nights.values()].filter((n) => n.tropical).length))
            .replace('{m}', String(store.nights.size))}
        </div>
      )}
    </aside>
  );
}
