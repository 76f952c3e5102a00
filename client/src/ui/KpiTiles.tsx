import { computeKpis } from '../../../common/kpis.js';
import { utciCategory } from '../../../common/models/heat.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useParts } from '../live/use-parts.js';
import { useI18n } from '../i18n/i18n.js';
import type { CityModel } from '../map/city-model.js';
import { rgbCss } from '../map/colors.js';
import { categoryLabel } from '../i18n/labels.js';

function Tile({ id, title, value, detail, accent, missing }: { id: string; title: string; value: string; detail: string; accent?: string; missing: string | null }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`} style={accent ? { borderTopColor: accent } : undefined}>
      <div className="kpi-title">{title}</div>
      <div className="kpi-value" data-testid={`kpi-${id}-value`}>
        {value}
      </div>
      <div className="kpi-detail">{detail}</div>
      {missing && (
        <div className="kpi-missing" data-testid={`kpi-${id}-missing`}>
          {missing}
        </div>
      )}
    </div>
  );
}

export function KpiTiles({ shown, city }: { shown: DisplayedCity; city: CityModel }) {
  // the server's figures (live) or the entries they are computed from (a past state, an older server)
  useParts(shown, () => {
    const v = shown.view();
    return [v, v.kpis, v.kpis ? null : v.versions, shown.wantedAt()];
  });
  const view = shown.view();
  const { t, num, lang } = useI18n();
  const cityNow = view.cityNow() ?? 0;
  // Live: the server's city-wide figures (the store may hold only the subscribed area). Past: recomputed
  // on every render from the whole city's entries, as the clock moves staleness on.
  const k = view.kpis ?? computeKpis(view.entries.values(), city.byId, cityNow);
  const noData = t('kpi.noData');
  // A wall display must not look complete when part of the city is not reporting.
  const missing = (kind: keyof typeof k.withoutData) => {
    const n = k.withoutData[kind];
    return n === 0 ? null : n === 1 ? t('kpi.withoutDataOne') : t('kpi.withoutData').replace('{n}', String(n));
  };
  return (
    <section className={shown.wantedAt() === null ? 'kpis' : 'kpis kpis-past'} data-testid="kpis" data-at={cityNow}>
      <Tile
        id="heat"
        missing={missing('climate')}
        title={t('kpi.meanUtci')}
        value={k.heat ? `${num(k.heat.meanUtciC, 1)} °C` : '–'}
        detail={k.heat ? `${t('kpi.maxUtci')} ${num(k.heat.maxUtciC, 1)} °C · ${categoryLabel(utciCategory(k.heat.maxUtciC), lang)}` : noData}
        accent={k.heat ? rgbCss(utciCategory(k.heat.meanUtciC).color) : undefined}
      />
      <Tile
        id="traffic"
        missing={missing('traffic')}
        title={t('kpi.congested')}
        value={k.traffic ? `${num(k.traffic.congestedLaneKm, 1)} km` : '–'}
        detail={k.traffic ? `${t('kpi.laneKm')} · ${t('kpi.tti')} ${num(k.traffic.meanTravelTimeIndex, 2)}` : noData}
      />
      <Tile
        id="parking"
        missing={missing('parking')}
        title={t('kpi.parkingOccupancy')}
        value={k.parking ? `${num(k.parking.occupancyPct, 0)} %` : '–'}
        detail={k.parking ? `${num(k.parking.freeSpaces)} ${t('kpi.freeSpaces')} / ${num(k.parking.capacity)}` : noData}
      />
      <Tile
        id="charging"
        missing={missing('charging')}
        title={t('kpi.chargersAvailable')}
        value={k.charging ? `${k.charging.available} / ${k.charging.total}` : '–'}
        detail={k.charging ? `${k.charging.charging} ${t('charge.charging')} · ${k.charging.outOfOrder} ${t('kpi.outOfOrder')}` : noData}
      />
    </section>
  );
}
