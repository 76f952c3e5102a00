import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { toRows } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { chartStatus } from './chart-status.js';

/** Soil moisture changes over days, not hours: the tree chart looks three days back from the chart's end. */
const TREE_SPAN_MS = 3 * 86_400_000;

/** A street tree's soil-moisture sensor: moisture and the sensor's temperature, hourly, over three days. */
export const TreeCharts = memo(function TreeCharts({ sensorId, ctx }: { sensorId: string; ctx: ChartContext }) {
  const { t } = useI18n();
  const window = { from: ctx.window.to - TREE_SPAN_MS, to: ctx.window.to };
  const series = useFetched(`${sensorId}|${window.to}`, (s) => fetchSeries('sensors', sensorId, window.from, window.to, '1h', s), ctx.refreshMs);
  const rows = toRows(series.data?.points ?? [], ['soilMoisturePct', 'sensorTempC']);
  const status = chartStatus(series, rows.length, t);
  if (status) return status;
  return (
    <TimeChart
      testId="chart-tree"
      title={t('chart.treeMoisture')}
      rows={rows}
      window={window}
      cursor={ctx.cursor}
      onPick={ctx.onPick}
      leftDomain={[(min: number) => Math.max(0, Math.floor((min - 5) / 10) * 10), 100]}
      lines={[
        { key: 'soilMoisturePct', name: t('tree.moisture'), color: '#c8874a', unit: '%', digits: 0 },
        { key: 'sensorTempC', name: t('tree.sensorTemp'), color: '#9fb3c8', unit: '°C', axis: 'right', dashed: true },
      ]}
    />
  );
});
