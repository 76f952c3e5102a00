import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { minutesUntilFull, TREND_WINDOW_MS } from './parking-forecast.js';
import { figureOf, sameWeekdayMean, toRows, WEEK_MS } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { chartStatus } from './chart-status.js';

/** Earlier weeks averaged for the comparison line. */
const WEEKS_BACK = 4;
const COMPARE_BUCKET_MS = 15 * 60_000;

/** A car park: occupancy over the window against the same weekday of earlier weeks, and when it will be full at the current trend. */
export const ParkingCharts = memo(function ParkingCharts({ sensorId, ctx }: { sensorId: string; ctx: ChartContext }) {
  const { t } = useI18n();
  const day = useFetched(`${sensorId}|${ctx.key}`, (s) => fetchSeries('sensors', sensorId, ctx.window.from, ctx.window.to, ctx.step, s), ctx.refreshMs);
  const weeks = useFetched(
    `${sensorId}|${ctx.window.from}`,
    (s) => Promise.all(Array.from({ length: WEEKS_BACK }, (_, k) => fetchSeries('sensors', sensorId, ctx.window.from - (k + 1) * WEEK_MS, ctx.window.to - (k + 1) * WEEK_MS, '15m', s).then((h) => h.points))),
    null,
  );
  // The trend needs the last half hour at minute resolution, whatever step the chart uses.
  const trendTo = Math.round(ctx.cursor / 60_000) * 60_000;
  const trend = useFetched(`${sensorId}|${trendTo}`, (s) => fetchSeries('sensors', sensorId, trendTo - TREND_WINDOW_MS, trendTo, '1m', s), ctx.refreshMs);
  const samples = (trend.data?.points ?? []).flatMap((p) => {
    const free = figureOf(p, 'freeSpaces');
    return free === undefined ? [] : [{ t: p.t, freeSpaces: free }];
  });
  const fullIn = minutesUntilFull(samples, ctx.cursor);
  const mean = sameWeekdayMean(weeks.data ?? [], 'occupancyPct', ctx.window.from, COMPARE_BUCKET_MS).map((b) => ({ t: b.t, occupancyMean: b.mean }));
  const rows = toRows(day.data?.points ?? [], ['occupancyPct']);
  const status = chartStatus(day, null, t);
  if (status) return status;
  return (
    <>
      {fullIn !== null && (
        <div className="forecast" data-testid="parking-forecast">
          {t('chart.fullIn').replace('{n}', String(fullIn))}
        </div>
      )}
      {rows.length === 0 ? (
        <div className="chart-empty">{t('chart.noData')}</div>
      ) : (
        <TimeChart
          testId="chart-parking"
          title={t('chart.occupancy')}
          rows={rows}
          window={ctx.window}
          cursor={ctx.cursor}
          onPick={ctx.onPick}
          leftDomain={[0, 100]}
          lines={[
            { key: 'occupancyPct', name: t('chart.occupancy'), color: '#f5a623', unit: '%', digits: 0 },
            ...(mean.length > 0 ? [{ key: 'occupancyMean', name: t('chart.weekdayMean'), color: '#8b98a7', unit: '%', dashed: true, data: mean, digits: 0 }] : []),
          ]}
        />
      )}
      {weeks.data && mean.length === 0 && <div className="chart-note">{t('chart.noWeekdayMean')}</div>}
    </>
  );
});
