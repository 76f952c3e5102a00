import type { ReactElement } from 'react';
import type { I18n } from '../i18n/i18n.js';
import type { Fetched } from './use-fetched.js';

/**
 * What a chart shows instead of itself: the error of a load that gave nothing, "loading" before the first
 * answer, "no data" for an answer without rows (`rows` null: the chart says so itself). Null: draw the chart.
 */
export function chartStatus(fetched: Fetched<unknown>, rows: number | null, t: I18n['t']): ReactElement | null {
  if (fetched.error && !fetched.data) return <div className="chart-empty">{fetched.error}</div>;
  if (!fetched.data) return <div className="chart-empty">{t('chart.loading')}</div>;
  if (rows === 0) return <div className="chart-empty">{t('chart.noData')}</div>;
  return null;
}
