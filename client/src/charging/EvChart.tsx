import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvRegistrationsResponse } from '../../../common/charging-history.js';
import { useI18n } from '../i18n/i18n.js';
import { useChargingT } from './charging-strings.js';

const AXIS = { stroke: '#8b98a7', fontSize: 11 };
const EV_COLOR = '#e6ebf2';
const POINTS_COLOR = '#00b8d9';
const YEAR_MS = 365.25 * 86_400_000;

/** `2024-07-31` as the instant that month ends (noon UTC: the day, whatever the zone). */
const dayMs = (date: string) => Date.parse(`${date}T12:00:00Z`);

/**
 * Registered electric vehicles per month (left axis) against the public charge points (right axis).
 * The charge points are one dot, today's registry count: the data hold no history of them, and a line
 * drawn back in time would be invented.
 */
export const EvChart = memo(function EvChart({ data, today }: { data: EvRegistrationsResponse; today: number }) {
  const { num, lang } = useI18n();
  const t = useChargingT();
  const rows = useMemo(() => data.registrations.points.map((p) => ({ t: dayMs(p.date), electric: p.electric })), [data]);
  const latest = data.registrations.points.at(-1)!;
  const first = rows[0].t;
  const end = Math.max(today, rows.at(-1)!.t);
  const ticks = useMemo(() => {
    const out: number[] = [];
    const y0 = new Date(first).getUTCFullYear() + 1;
    const every = end - first > 8 * YEAR_MS ? 2 : 1;
    for (let y = y0; Date.UTC(y, 0, 1) <= end; y += every) out.push(Date.UTC(y, 0, 1));
    return out;
  }, [first, end]);
  const cp = data.chargePoints;
  const month = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayMs(latest.date));
  const ratio = t('emob.perPoint')
    .replace('{ev}', num(latest.electric))
    .replace('{month}', month)
    .replace('{points}', num(cp.points))
    .replace('{ratio}', num(latest.electric / Math.max(1, cp.points), 0));
  return (
    <figure className="chart emob-ev" data-testid="emob-ev-chart" data-months={rows.length} data-charge-points={cp.points}>
      <figcaption>{t('emob.evChart')}</figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <ComposedChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -4 }}>
          <CartesianGrid stroke="#1f2a36" vertical={false} />
          <XAxis dataKey="t" type="number" domain={[first, end]} ticks={ticks} tickFormatter={(x: number) => String(new Date(x).getUTCFullYear())} {...AXIS} />
          <YAxis yAxisId="ev" width={48} tickFormatter={(v: number) => num(v)} {...AXIS} stroke={EV_COLOR} />
          <YAxis yAxisId="cp" orientation="right" width={40} domain={[0, (max: number) => Math.ceil((max * 1.25) / 10) * 10]} {...AXIS} stroke={POINTS_COLOR} />
          <Tooltip
            contentStyle={{ background: 'rgba(16,22,30,0.95)', border: '1px solid #2b3a4a', fontSize: 12 }}
            labelFormatter={(x) => new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Number(x))}
            formatter={(value, name) => [num(Number(value)), name]}
          />
          <Line yAxisId="ev" dataKey="electric" name={t('emob.evs')} stroke={EV_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Scatter yAxisId="cp" data={[{ t: today, points: cp.points }]} dataKey="points" name={t('emob.chargePointsToday')} fill={POINTS_COLOR} shape="diamond" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <div className="emob-ev-legend">
        <span className="swatch">
          <i style={{ background: EV_COLOR }} />
          {t('emob.evs')}
        </span>
        <span className="swatch">
          <i className="diamond" style={{ background: POINTS_COLOR }} />
          {t('emob.chargePointsToday')}
          {cp.synthetic ? ` (${t('emob.synthetic')})` : ''}: {num(cp.points)}
        </span>
      </div>
      <div className="emob-ratio" data-testid="emob-ratio">
        {ratio}
      </div>
      <div className="chart-note">
        {t('emob.evSource')} {cp.synthetic ? t('emob.pointsSynthetic') : t('emob.pointsRegistry')}
      </div>
    </figure>
  );
});
