import type { DisplayedCity } from '../time/displayed-city.js';
import { useParts } from '../live/use-parts.js';
import { nightCountOf } from '../time/city-view.js';
import { useI18n } from '../i18n/i18n.js';
import { utciCategory } from '../../../common/models/heat.js';
import { rgbCss } from '../map/colors.js';
import type { ReactNode } from 'react';

/** Heat figures per Stadtbezirk for planners: mean and max UTCI, area share under strong heat stress, hours today. */
export function DistrictPanel({ shown, selected, onSelect, children }: { shown: DisplayedCity; selected: string | null; onSelect: (districtId: string) => void; children?: ReactNode }) {
  // the night figures are written in place: their counts are the part shown
  const [view, , nights, tropical] = useParts(shown, () => {
    const v = shown.view();
    const count = nightCountOf(v);
    return [v, v.districts, count.stations, count.tropical] as const;
  });
  const { t, num } = useI18n();
  if (view.districts.length === 0) return null;
  return (
    <aside className="districts" data-testid="districts">
      <div className="panel-title">{t('districts.title')}</div>
      <table>
        <thead>
          <tr>
            <th>{t('tooltip.district')}</th>
            <th>Ø UTCI</th>
            <th>max</th>
            <th title={t('districts.sharesHint')}>% ≥ 26/32/38</th>
            <th title={t('districts.hoursHint')}>{t('districts.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {view.districts.map((d) => (
            <tr
              key={d.districtId}
              className={d.districtId === selected ? 'selected' : undefined}
              onClick={() => onSelect(d.districtId)}
              title={t('districts.clickHint')}
              data-testid={`district-${d.districtId}`}
            >
              <td>{d.name}</td>
              <td>
                <i className="chip" style={{ background: rgbCss(utciCategory(d.meanUtciC).color) }} />
                {num(d.meanUtciC, 1)}
              </td>
              <td>{num(d.maxUtciC, 1)}</td>
              <td data-testid={`district-shares-${d.districtId}`}>
                {/* three thresholds, so districts still differ when all of them are at ≥ 32 °C */}
                {[d.shareModerateOrWorse, d.shareStrongOrWorse, d.shareVeryStrongOrWorse]
                  .flatMap((share) => (share === undefined ? [] : [num(share * 100)]))
                  .join('/')}
              </td>
              <td>{num(d.hoursHeatStressToday, 1)} h</td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
      {nights > 0 && (
        <div className="tropical" data-testid="tropical-nights">
          {t('districts.tropicalNights')
            .replace('{n}', num(tropical))
            .replace('{m}', num(nights))}
        </div>
      )}
    </aside>
  );
}
