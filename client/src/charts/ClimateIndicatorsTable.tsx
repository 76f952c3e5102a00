import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchClimateIndicators } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { useFetched } from './use-fetched.js';
import './climate-indicators.css';

const HOUR = 3_600_000;
const DAYS = 30;

/**
 * Summer days, hot days and tropical nights (DWD) of the 30 days up to the displayed instant, for a
 * climate station or a Stadtbezirk (the mean of its stations; GET /api/history/climate-indicators).
 */
export const ClimateIndicatorsTable = memo(function ClimateIndicatorsTable({ of, ctx }: { of: { station: string } | { district: string }; ctx: ChartContext }) {
  const { t, num } = useI18n();
  // asked for again when the hour moves on, not on every tick of the cursor
  const to = Math.ceil(ctx.cursor / HOUR) * HOUR;
  const answer = useFetched(`indicators|${to}`, (s) => fetchClimateIndicators(to - DAYS * 24 * HOUR, to, s), null);
  if (answer.error && !answer.data) return <div className="chart-empty">{answer.error}</div>;
  if (!answer.data) return <div className="chart-empty">{t('chart.loading')}</div>;
  let counts: { summerDays: number | null; hotDays: number | null; tropicalNights: number | null } | undefined;
  let note = '';
  let digits = 0;
  if ('station' in of) {
    const s = answer.data.stations.find((x) => x.id === of.station);
    if (s && s.completeDays + s.completeNights > 0) {
      counts = s;
      note = t('indicators.stationCoverage').replace('{d}', String(s.completeDays)).replace('{n}', String(s.completeNights));
    }
  } else {
    const d = answer.data.districts.find((x) => x.id === of.district);
    if (d && d.stations > 0) {
      counts = d;
      digits = 1;
      note = t('indicators.districtCoverage').replace('{s}', String(d.stations));
    }
  }
  return (
    <figure className="chart climate-indicators" data-testid="climate-indicators">
      <figcaption>{t('indicators.title')}</figcaption>
      {counts === undefined ? (
        <div className="chart-empty">{t('indicators.none')}</div>
      ) : (
        <>
          <table>
            <tbody>
              {(['summerDays', 'hotDays', 'tropicalNights'] as const).map((k) => {
                const v = counts[k];
                return (
                  <tr key={k} data-testid={`indicator-${k}`}>
                    <th>{t(`indicators.${k}`)}</th>
                    <td>{v === null ? '–' : num(v, digits)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="climate-indicators-note">{note}</div>
        </>
      )}
    </figure>
  );
});
