import { useMemo } from 'react';
import { computeKpis } from '../../../common/kpis.js';
import { utciCategory } from '../../../common/models/heat.js';
import type { LiveStore } from '../live/live-store.js';
import { useLiveVersion } from '../live/use-live.js';
import { useI18n } from '../i18n/i18n.js';
import type { CityModel } from '../map/city-model.js';
import { rgbCss } from '../map/colors.js';
import { categoryLabel } from '../i18n/labels.js';

function Tile({ id, title, value, detail, accent }: { id: string; title: string; value: string; detail: string; accent?: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${id}`} style={accent ? { borderTopColor: accent } : undefined}>
      <div className="kpi-title">{title}</div>
      <div className="kpi-value" data-testid={`kpi-${id}-value`}>
        {value}
      </div>
      <div className="kpi-detail">{detail}</div>
    </div>
  );
}

export function KpiTiles({ store, city }: { store: LiveStore; city: CityModel }) {
  const version = useLiveVersion(store);
  const { t, num, lang } = useI18n();
  const cityNow = store.cityNow() ?? 0;
  const k = useMemo(() => computeKpis(store.entries.values(), city.byId, cityNow), [store, city, version, cityNow]);
  const noData = t('kpi.noData');
  return (
    <section className="kpis">
      <Tile
        id="heat"
        title={t('kpi.meanUtci')}
        value={k.heat ? `${num(k.heat.meanUtciC, 1)} °C` : '–'}
        detail={k.heat ? `${t('kpi.maxUtci')} ${num(k.heat.maxUtciC, 1)} °C · ${categoryLabel(utciCategory(k.heat.maxUtciC), lang)}` : noData}
        accent={k.heat ? rgbCss(utciCategory(k.heat.meanUtciC).color) : undefined}
      />
      <Tile
        id="traffic"
        title={t('kpi.congested')}
        value={k.traffic ? `${num(k.traffic.congestedLaneKm, 1)} km` : '–'}
        detail={k.traffic ? `${t('kpi.laneKm')} · ${t('kpi.tti')} ${num(k.traffic.meanTravelTimeIndex, 2)}` : noData}
      />
      <Tile
        id="parking"
        title={t('kpi.parkingOccupancy')}
        value={k.parking ? `${num(k.parking.occupancyPct, 0)} %` : '–'}
        detail={k.parking ? `${num(k.parking.freeSpaces)} ${t('kpi.freeSpaces')} / ${num(k.parking.capacity)}` : noData}
      />
      <Tile
        id="charging"
        title={t('kpi.chargersAvailable')}
        value={k.charging ? `${k.charging.available} / ${k.charging.total}` : '–'}
        detail={k.charging ? `${k.charging.charging} ${t('charge.charging')} · ${k.charging.outOfOrder} ${t('kpi.outOfOrder')}` : noData}
      />
    </section>
  );
}
