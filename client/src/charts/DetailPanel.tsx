import { localName } from '../i18n/place-names.js';
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { LiveStore } from '../live/live-store.js';
import { useNow } from '../live/use-live.js';
import type { CityModel } from '../map/city-model.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownCity } from '../time/use-shown.js';
import { LinkControl } from '../ui/LinkControl.js';
import type { Selection } from '../url/url-state.js';
import type { ChartContext } from './chart-context.js';
import { chartStep, chartWindow } from './chart-window.js';
import { ChargingChart } from './ChargingChart.js';
import { ClimateCharts } from './ClimateCharts.js';
import { DistrictChart } from './DistrictChart.js';
import { LinkChart } from './LinkChart.js';
import { ParkingCharts } from './ParkingCharts.js';
import { TreeCharts } from './TreeCharts.js';

/** How often the charts ask again while live: the present moves on. */
const LIVE_REFRESH_MS = 20_000;

interface Props {
  selection: Selection;
  city: CityModel;
  store: LiveStore;
  shown: DisplayedCity;
  runStart: number | null;
  onPick: (t: number) => void;
  onClose: () => void;
}

/** The detail panel of a selected map object or district: its history as charts, and for a link the closure actions. */
export function DetailPanel({ selection, city, store, shown, runStart, onPick, onClose }: Props) {
  const view = useShownCity(shown);
  useNow(5000);
  const { t, lang } = useI18n();
  const liveNow = store.cityNow() ?? Date.now();
  const past = shown.wantedAt();
  // Live, the cursor line moves on by the city minute: charts redraw when something visible changed, not every tick.
  const cursor = past ?? Math.floor(liveNow / 60_000) * 60_000;
  const { from, to } = chartWindow(cursor, liveNow, runStart);
  const step = chartStep({ from, to }, runStart);
  const refreshMs = past === null ? LIVE_REFRESH_MS : null;
  const ctx = useMemo<ChartContext>(
    () => ({ window: { from, to }, step, cursor, onPick, refreshMs, key: `${from}|${step}` }),
    [from, to, step, cursor, onPick, refreshMs],
  );

  let title: string;
  let sub: string;
  let body: ReactNode;
  let isLink = false;
  if (selection.type === 'district') {
    const d = view.districts.find((x) => x.districtId === selection.id);
    title = d?.name ?? selection.id;
    sub = t('alerts.place.district');
    body = <DistrictChart districtId={selection.id} ctx={ctx} />;
  } else {
    const meta = city.byId.get(selection.id);
    if (!meta) return null;
    title = meta.kind === 'traffic' ? meta.street : localName(meta.name, lang);
    sub = meta.kind === 'traffic' ? localName(meta.name, lang) : `${t('tooltip.district')} ${meta.district}${meta.synthetic ? ` · ${t('tooltip.synthetic')}` : ''}`;
    switch (meta.kind) {
      case 'climate':
        body = <ClimateCharts sensorId={meta.id} ctx={ctx} />;
        break;
      case 'parking':
        body = <ParkingCharts sensorId={meta.id} ctx={ctx} />;
        break;
      case 'charging':
        body = <ChargingChart sensorId={meta.id} ctx={ctx} />;
        break;
      case 'tree':
        body = <TreeCharts sensorId={meta.id} ctx={ctx} />;
        break;
      case 'traffic': {
        isLink = true;
        const linkId = meta.linkId ?? meta.id;
        body = (
          <>
            <LinkControl linkId={linkId} shown={shown} />
            <LinkChart linkId={linkId} ctx={ctx} />
          </>
        );
        break;
      }
    }
  }

  // A link's panel keeps the name and test hooks of the closure control it replaces.
  return (
    <aside className={isLink ? 'detail-panel link-control' : 'detail-panel'} data-testid={isLink ? 'link-control' : 'detail-panel'} data-kind={selection.type === 'district' ? 'district' : city.byId.get(selection.id)?.kind}>
      <button type="button" className="close" onClick={onClose} aria-label={t('detail.close')} data-testid="detail-close">
        ×
      </button>
      <div className="tt-title">{title}</div>
      <div className="tt-sub">
        {sub} · {t('detail.history')}
      </div>
      {body}
      <div className="chart-note">{t('chart.clickToMove')}</div>
    </aside>
  );
}
