import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChargingHistoryResponse } from '../../../common/charging-history.js';
import { useI18n } from '../i18n/i18n.js';
import { timelineTicks } from '../time/timeline.js';
import { useChargingT } from './charging-strings.js';

type Bucket = ChargingHistoryResponse['city']['buckets'][number];

/**
 * Free, occupied and out-of-order points stacked (the height is the points reporting). Free takes the
 * cyan of the site chart's free points, occupied a dark slate, broken an orange-brown. Drawn at 0.8 over
 * the panel each is ≥ 3:1 against it; under deuteranopia (Machado et al. 2009) free stays twice as light
 * as occupied and broken turns olive, so lightness and the blue–yellow axis still tell them apart.
 */
export const STATUS_COLORS = { free: '#00b8d9', occupied: '#66768c', outOfOrder: '#d0883a' } as const;
const KEYS = ['occupied', 'outOfOrder', 'free'] as const;
const AXIS = { stroke: '#8b98a7', fontSize: 11 };

interface Props {
  testId: string;
  title: string;
  buckets: ReadonlyArray<Bucket>;
  from: number;
  to: number;
  /** the displayed instant, a vertical line (null when it is not on this day) */
  cursor: number | null;
  /** the registry's point count, the top of the axis */
  points: number;
  height?: number;
}

/** A day of charge-point statuses as a stacked area, stepped per bucket; buckets without data are gaps. */
export const StatusAreaChart = memo(function StatusAreaChart({ testId, title, buckets, from, to, cursor, points, height = 150 }: Props) {
  const { time, num } = useI18n();
  const t = useChargingT();
  // Buckets without any report are gaps, not zero points; the last bucket repeats so the step reaches its end.
  const rows = useMemo(() => {
    const out = buckets.map((b) => (b.coverage > 0 ? { t: b.t, free: b.free, occupied: b.occupied, outOfOrder: b.outOfOrder } : { t: b.t, free: null, occupied: null, outOfOrder: null }));
    const last = out.at(-1);
    if (last) out.push({ ...last, t: to });
    return out;
  }, [buckets, to]);
  const label = { free: t('emob.free'), occupied: t('emob.occupied'), outOfOrder: t('emob.outOfOrder') };
  return (
    <figure className="chart emob-chart" data-testid={testId} data-buckets={buckets.filter((b) => b.coverage > 0).length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke="#1f2a36" vertical={false} />
          <XAxis dataKey="t" type="number" domain={[from, to]} ticks={timelineTicks({ from, to }, 6)} tickFormatter={(x: number) => time(x)} allowDataOverflow {...AXIS} />
          <YAxis domain={[0, Math.max(1, points)]} allowDecimals={false} width={44} {...AXIS} />
          <Tooltip
            contentStyle={{ background: 'rgba(16,22,30,0.95)', border: '1px solid #2b3a4a', fontSize: 12 }}
            labelFormatter={(x) => time(Number(x))}
            formatter={(value, name) => [num(Number(value), 1), name]}
          />
          {KEYS.map((k) => (
            <Area key={k} dataKey={k} name={label[k]} stackId="points" type="stepAfter" stroke={STATUS_COLORS[k]} fill={STATUS_COLORS[k]} fillOpacity={0.8} isAnimationActive={false} connectNulls={false} />
          ))}
          {cursor !== null && <ReferenceLine x={cursor} stroke="#ffffff" strokeWidth={1.5} ifOverflow="hidden" />}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
});

/** The three colours with their names, once above the charts. */
export function StatusLegend() {
  const t = useChargingT();
  return (
    <div className="emob-legend">
      {(['free', 'occupied', 'outOfOrder'] as const).map((k) => (
        <span key={k} className="swatch">
          <i style={{ background: STATUS_COLORS[k] }} />
          {t(`emob.${k}`)}
        </span>
      ))}
    </div>
  );
}
