import { useMemo, useState } from 'react';
import { bochumDayKey } from '../../../common/bochum-time.js';
import { saveBlob } from '../export/export-urls.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveStore } from '../live/live-store.js';
import { useNow } from '../live/use-live.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownVersion } from '../time/use-shown.js';
import { useFetched } from '../charts/use-fetched.js';
import { fetchChargingDay, fetchEvRegistrations } from './charging-api.js';
import { chargingDayCsv } from './charging-csv.js';
import { useChargingT } from './charging-strings.js';
import { EvChart } from './EvChart.js';
import { StatusAreaChart, StatusLegend } from './StatusAreaChart.js';
import { rankSites, siteLabel, UtilisationRanking } from './UtilisationRanking.js';
import './charging.css';

/** Live, the day moves on: asked again this often (the figures are quarter-hour buckets). */
const LIVE_REFRESH_MS = 30_000;

interface Props {
  store: LiveStore;
  shown: DisplayedCity;
  onClose: () => void;
}

/**
 * "E-Mobilität": the charging day of the displayed instant for planners (issue 11) — the city's and one
 * site's free / occupied / out-of-order points as stacked areas, the utilisation per site, and the
 * registered electric vehicles against the public charge points. Opened from the side panels, placed
 * like the detail panel (a bottom sheet on phones), loaded lazily with its charts.
 */
export function ChargingPanel({ store, shown, onClose }: Props) {
  useShownVersion(shown);
  useNow(5000);
  const { t: tMain, num, day: dayLabel } = useI18n();
  const t = useChargingT();
  const past = shown.wantedAt();
  const at = past ?? store.cityNow() ?? Date.now();
  const date = bochumDayKey(at);
  const chargingDay = useFetched(`emob|${date}`, (s) => fetchChargingDay(date, '15m', s), past === null ? LIVE_REFRESH_MS : null);
  const ev = useFetched('emob-ev', (s) => fetchEvRegistrations(s), null);
  const [picked, setPicked] = useState<string | null>(null);

  const data = chargingDay.data;
  const ranked = useMemo(() => (data ? rankSites(data.sites) : []), [data]);
  const site = data?.sites.find((s) => s.id === picked) ?? ranked[0];
  const cursor = data && at >= data.from && at < data.to ? Math.floor(at / 60_000) * 60_000 : null;
  const hasData = data?.city.utilisation != null;
  const totalPoints = data?.sites.reduce((n, s) => n + s.points, 0) ?? 0;

  const exportCsv = () => {
    if (!data) return;
    saveBlob(new Blob([chargingDayCsv(data)], { type: 'text/csv;charset=utf-8' }), `stadtpuls-laden-${date}.csv`);
  };

  return (
    <aside className="detail-panel emob-panel" data-testid="emob-panel" aria-label={t('emob.title')}>
      <button type="button" className="close" onClick={onClose} aria-label={t('emob.close')} data-testid="emob-close">
        ×
      </button>
      <div className="tt-title">{t('emob.title')}</div>
      <div className="tt-sub">
        {t('emob.day')} {dayLabel(at)}
        {data && (
          <button type="button" className="emob-csv" onClick={exportCsv} title={t('emob.csvHint')} data-testid="emob-csv">
            {t('emob.csv')}
          </button>
        )}
      </div>
      {chargingDay.error && !data && <div className="chart-empty">{chargingDay.error}</div>}
      {!data && !chargingDay.error && <div className="chart-empty">{tMain('chart.loading')}</div>}
      {data && !hasData && <div className="chart-empty">{t('emob.noDay')}</div>}
      {data && hasData && (
        <>
          <div className="emob-summary" data-testid="emob-summary">
            <span>
              {t('emob.utilisationCity')} <b data-testid="emob-city-utilisation">{num(data.city.utilisation! * 100, 0)} %</b>
            </span>
            <span>
              <b>{num(data.city.pointHours.outOfOrder, 1)}</b> {t('emob.outOfOrderHours')}
            </span>
          </div>
          <StatusLegend />
          <StatusAreaChart testId="emob-city-chart" title={`${t('emob.cityChart')} (${totalPoints} ${t('emob.points')})`} buckets={data.city.buckets} from={data.from} to={data.to} cursor={cursor} points={totalPoints} />
          {site && (
            <>
              <label className="emob-site-pick">
                {t('emob.site')}{' '}
                <select value={site.id} onChange={(e) => setPicked(e.target.value)} data-testid="emob-site-select">
                  {ranked.map((s) => (
                    <option key={s.id} value={s.id}>
                      {siteLabel(s.name)}
                    </option>
                  ))}
                </select>
              </label>
              <StatusAreaChart testId="emob-site-chart" title={`${t('emob.siteChart')} ${siteLabel(site.name)} (${site.points} ${t('emob.points')})`} buckets={site.buckets} from={data.from} to={data.to} cursor={cursor} points={site.points} height={120} />
            </>
          )}
          <UtilisationRanking sites={data.sites} selected={site?.id ?? null} onSelect={setPicked} />
        </>
      )}
      {ev.data ? <EvChart data={ev.data} today={Date.now()} /> : ev.error && <div className="chart-empty">{ev.error}</div>}
    </aside>
  );
}
