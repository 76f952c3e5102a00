import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { toRows } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { chartStatus } from './chart-status.js';

/** A charging site: free charge points over the window (bucket means when rolled up). */
export const ChargingChart = memo(function ChargingChart({ sensorId, ctx }: { sensorId: string; ctx: ChartContext }) {
  const { t } = useI18n();
  const day = useFetched(`${sensorId}|${ctx.key}`, (s) => fetchSeries('sensors', sensorId, ctx.window.from, ctx.window.to, ctx.step, s), ctx.refreshMs);
  const rows = toRows(day.data?.points ?? [], ['available', 'total']);
  const status = chartStatus(day, rows.length, t);
  if (status) return status;
  const total = Math.max(1, ...rows.map((r) => r.total ?? 0));
  return (
    <TimeChart
      testId="chart-charging"
      title={t('chart.freePoints')}
      rows={rows}
      window={ctx.window}
      cursor={ctx.cursor}
      onPick={ctx.onPick}
      leftDomain={[0, total]}
      lines={[{ key: 'available', name: t('chart.freePoints'), color: '#00b8d9', unit: '', step: true, digits: ctx.step === 'raw' ? 0 : 1 }]}
    />
  );
});
