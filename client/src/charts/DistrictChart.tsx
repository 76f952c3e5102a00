import { memo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { fetchSeries } from '../time/history-api.js';
import type { ChartContext } from './chart-context.js';
import { ClimateIndicatorsTable } from './ClimateIndicatorsTable.js';
import { toRows } from './series-math.js';
import { TimeChart } from './TimeChart.js';
import { useFetched } from './use-fetched.js';
import { UTCI_AXIS, UTCI_BANDS } from './utci-bands.js';
import { chartStatus } from './chart-status.js';

/** A Stadtbezirk: mean and max UTCI of the interpolated surface over the window. */
export const DistrictChart = memo(function DistrictChart({ districtId, ctx }: { districtId: string; ctx: ChartContext }) {
  const { t } = useI18n();
  const day = useFetched(`${districtId}|${ctx.key}`, (s) => fetchSeries('districts', districtId, ctx.window.from, ctx.window.to, ctx.step, s), ctx.refreshMs);
  const rows = toRows(day.data?.points ?? [], ['meanUtciC', 'maxUtciC']);
  const status = chartStatus(day, rows.length, t);
  if (status) return status;
  return (
    <>
      <TimeChart
        testId="chart-district"
        title={t('chart.districtUtci')}
        rows={rows}
        window={ctx.window}
        cursor={ctx.cursor}
        onPick={ctx.onPick}
        bands={UTCI_BANDS}
        leftDomain={UTCI_AXIS}
        lines={[
          { key: 'meanUtciC', name: t('chart.mean'), color: '#ffffff', unit: '°C' },
          { key: 'maxUtciC', name: t('chart.max'), color: '#ff7000', unit: '°C', dashed: true },
        ]}
      />
      <ClimateIndicatorsTable of={{ district: districtId }} ctx={ctx} />
    </>
  );
});
