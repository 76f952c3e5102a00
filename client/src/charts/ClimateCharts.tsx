import { memo } from 'react';
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TROPICAL_NIGHT_MIN_C } from '../../../common/models/heat.js';
import { useI18n } from '../i18n/i18n.js';
import { fetchSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { ClimateIndicatorsTable } from './ClimateIndicatorsTable.js';
import { nightMinima, toRows } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { UTCI_AXIS, UTCI_BANDS } from './utci-bands.js';
import { chartStatus } from './chart-status.js';

const NIGHTS = 14;
const DAY = 86_400_000;

/** A climate station: UTCI over the heat-stress bands, air temperature and humidity, and the last 14 night minima. */
export const ClimateCharts = memo(function ClimateCharts({ sensorId, ctx }: { sensorId: string; ctx: ChartContext }) {
  const { t, num } = useI18n();
  const day = useFetched(`${sensorId}|${ctx.key}`, (s) => fetchSeries('sensors', sensorId, ctx.window.from, ctx.window.to, ctx.step, s), ctx.refreshMs);
  // Nights: hourly minima of the 15 days up to the displayed instant; asked for again when the day changes.
  const nightsTo = Math.ceil(ctx.cursor / 3_600_000) * 3_600_000;
  const nightsSeries = useFetched(`${sensorId}|${nightsTo}`, (s) => fetchSeries('sensors', sensorId, nightsTo - (NIGHTS + 1) * DAY, nightsTo, '1h', s), ctx.refreshMs);
  const rows = toRows(day.data?.points ?? [], ['utciC', 'airTempC', 'relHumidityPct']);
  const nights = nightMinima(nightsSeries.data?.points ?? [], ctx.cursor, NIGHTS);
  const tropical = nights.filter((n) => n.tropical).length;
  const status = chartStatus(day, rows.length, t);
  if (status) return status;
  return (
    <>
      <TimeChart
        testId="chart-utci"
        title={t('chart.utci')}
        rows={rows}
        window={ctx.window}
        cursor={ctx.cursor}
        onPick={ctx.onPick}
        bands={UTCI_BANDS}
        leftDomain={UTCI_AXIS}
        lines={[{ key: 'utciC', name: 'UTCI', color: '#ffffff', unit: '°C' }]}
      />
      <TimeChart
        testId="chart-air"
        title={t('chart.airTempHumidity')}
        rows={rows}
        window={ctx.window}
        cursor={ctx.cursor}
        onPick={ctx.onPick}
        lines={[
          { key: 'airTempC', name: t('tooltip.airTemp'), color: '#ff8c42', unit: '°C' },
          { key: 'relHumidityPct', name: t('tooltip.humidity'), color: '#4fc3f7', unit: '%', axis: 'right', digits: 0 },
        ]}
      />
      <figure className="chart" data-testid="chart-nights">
        <figcaption>
          {t('chart.nights')}
          {nights.length > 0 && <> · {t('chart.nightsSummary').replace('{n}', String(tropical)).replace('{m}', String(nights.length))}</>}
        </figcaption>
        {nights.length === 0 ? (
          <div className="chart-empty">{t('chart.noNights')}</div>
        ) : (
          <ResponsiveContainer width="100%" height={110}>
            <BarChart data={nights} margin={{ top: 6, right: 12, bottom: 0, left: -8 }}>
              <XAxis dataKey="night" tickFormatter={(n: string) => `${n.slice(8, 10)}.${n.slice(5, 7)}.`} stroke="#8b98a7" fontSize={10} interval="preserveStartEnd" />
              <YAxis domain={[(min: number) => Math.floor(Math.min(min, TROPICAL_NIGHT_MIN_C) - 1), 'auto']} width={44} stroke="#8b98a7" fontSize={11} />
              <Tooltip
                contentStyle={{ background: 'rgba(16,22,30,0.95)', border: '1px solid #2b3a4a', fontSize: 12 }}
                formatter={(v) => [`${num(Number(v), 1)} °C`, t('tooltip.min')]}
                cursor={{ fill: 'rgba(255,255,255,0.06)' }}
              />
              <ReferenceLine y={TROPICAL_NIGHT_MIN_C} stroke="#ff7000" strokeDasharray="4 3" />
              <Bar dataKey="minTempC" isAnimationActive={false}>
                {nights.map((n) => (
                  <Cell key={n.night} fill={n.tropical ? '#ff7000' : '#4f7cac'} fillOpacity={n.complete ? 1 : 0.5} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>
      <ClimateIndicatorsTable of={{ station: sensorId }} ctx={ctx} />
    </>
  );
});
