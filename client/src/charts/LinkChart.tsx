import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchLinkSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { toRows } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { chartStatus } from './chart-status.js';

/** A road link: measured speed and volume/capacity over the window. */
export const LinkChart = memo(function LinkChart({ linkId, ctx }: { linkId: string; ctx: ChartContext }) {
  const { t } = useI18n();
  const day = useFetched(`${linkId}|${ctx.key}`, (s) => fetchLinkSeries(linkId, ctx.window.from, ctx.window.to, ctx.step, s), ctx.refreshMs);
  const rows = toRows(day.data?.points ?? [], ['speedKmh', 'volumeCapacityRatio']);
  const status = chartStatus(day, rows.length, t);
  if (status) return status;
  return (
    <TimeChart
      testId="chart-link"
      title={t('chart.speedVc')}
      rows={rows}
      window={ctx.window}
      cursor={ctx.cursor}
      onPick={ctx.onPick}
      leftDomain={[0, 'auto']}
      lines={[
        { key: 'speedKmh', name: t('tooltip.speed'), color: '#7bd389', unit: t('unit.kmh'), digits: 0 },
        { key: 'volumeCapacityRatio', name: t('tooltip.vc'), color: '#e05d5d', unit: '', axis: 'right', digits: 2 },
      ]}
    />
  );
});
