import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts';
import { useI18n } from '../i18n/i18n.js';
import { timelineTicks, type TimeRange } from '../time/timeline.js';

export type ChartRow = { t: number } & Record<string, number | null>;

export interface ChartLine {
  key: string;
  name: string;
  color: string;
  unit: string;
  axis?: 'left' | 'right';
  dashed?: boolean;
  step?: boolean;
  /** rows of its own, when this line is sampled on another grid (e.g. the mean of earlier weeks) */
  data?: ChartRow[];
  digits?: number;
}

export interface ChartBand {
  from: number;
  to: number;
  color: string;
}

interface Props {
  testId: string;
  title: string;
  rows: ChartRow[];
  window: TimeRange;
  /** the displayed instant: a vertical line */
  cursor: number;
  /** a click in the chart moves the time cursor there */
  onPick: (t: number) => void;
  lines: ChartLine[];
  /** horizontal bands on the left axis (UTCI categories) */
  bands?: ChartBand[];
  leftDomain?: YAxisProps['domain'];
  height?: number;
}

const AXIS = { stroke: '#8b98a7', fontSize: 11 };

/**
 * The instant under a click, from where it falls on the plot area (the grid spans it). Not recharts'
 * active point: that follows mouse moves a frame late, so a click without a move before it had none.
 */
function pickAt(figure: HTMLElement, clientX: number, w: TimeRange, onPick: (t: number) => void): void {
  const plot = figure.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect();
  if (!plot || plot.width <= 0 || clientX < plot.left || clientX > plot.right) return;
  onPick(Math.round(w.from + ((clientX - plot.left) / plot.width) * (w.to - w.from)));
}

/** One time-series chart of the detail panel: any lines over the chart window, the cursor as a line, click to move it. */
export function TimeChart({ testId, title, rows, window: w, cursor, onPick, lines, bands, leftDomain, height = 170 }: Props) {
  const { time, num } = useI18n();
  const hasRight = lines.some((l) => l.axis === 'right');
  const unitOf = new Map(lines.map((l) => [l.name, l]));
  return (
    <figure className="chart" data-testid={testId} onClick={(e) => pickAt(e.currentTarget, e.clientX, w, onPick)}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={rows}
          margin={{ top: 6, right: hasRight ? 4 : 12, bottom: 0, left: -8 }}
          style={{ cursor: 'crosshair' }}
        >
          <CartesianGrid stroke="#1f2a36" vertical={false} />
          <XAxis dataKey="t" type="number" domain={[w.from, w.to]} ticks={timelineTicks(w, 6)} tickFormatter={(t: number) => time(t)} allowDataOverflow {...AXIS} />
          <YAxis yAxisId="left" domain={leftDomain ?? ['auto', 'auto']} width={44} {...AXIS} />
          {hasRight && <YAxis yAxisId="right" orientation="right" width={40} {...AXIS} />}
          {bands?.map((b) => (
            <ReferenceArea key={b.from} yAxisId="left" y1={b.from} y2={b.to} fill={b.color} fillOpacity={0.16} stroke="none" ifOverflow="hidden" />
          ))}
          <Tooltip
            contentStyle={{ background: 'rgba(16,22,30,0.95)', border: '1px solid #2b3a4a', fontSize: 12 }}
            labelFormatter={(t) => time(Number(t))}
            formatter={(value, name) => {
              const line = unitOf.get(String(name));
              return [`${num(Number(value), line?.digits ?? 1)} ${line?.unit ?? ''}`, name];
            }}
          />
          {lines.map((l) => (
            <Line
              key={l.key}
              yAxisId={l.axis ?? 'left'}
              data={l.data}
              dataKey={l.key}
              name={l.name}
              stroke={l.color}
              strokeWidth={2}
              strokeDasharray={l.dashed ? '5 4' : undefined}
              type={l.step ? 'stepAfter' : 'monotone'}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
          <ReferenceLine yAxisId="left" x={cursor} stroke="#ffffff" strokeWidth={1.5} ifOverflow="hidden" />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
