import { computeKpis } from '../../common/kpis.js';
import type { SensorProperties } from '../../common/sensors.js';
import type { LiveState } from '../state/live-state.js';
import type { HistorySink } from './history-sink.js';
import type { Stage, TickContext } from './stage.js';
import { flattenKpis } from './flatten-kpis.js';

const MINUTE_MS = 60_000;

/**
 * Records the header KPIs once per city minute, so the time cursor's strip and the KPI history
 * show the figures a viewer saw (computed by the same common/kpis.ts as the client's tiles).
 */
export class KpiSampler implements Stage {
  readonly name = 'kpi-sampler';
  private lastMinute: number | null = null;

  constructor(
    private readonly state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    private readonly history: HistorySink,
  ) {}

  tick(ctx: TickContext): void {
    const minute = Math.floor(ctx.cityTime / MINUTE_MS);
    if (minute === this.lastMinute) return;
    this.lastMinute = minute;
    const kpis = computeKpis(this.state.all(), this.sensors, ctx.cityTime);
    this.history.sample({ kind: 'kpis', id: 'city', t: ctx.cityTime, values: flattenKpis(kpis) });
  }
}
