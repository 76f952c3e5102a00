import type { SensorProperties } from '../../common/sensors.js';
import type { LiveState } from '../state/live-state.js';
import type { HistorySink } from './history-sink.js';
import type { Stage, TickContext } from './stage.js';
import { flattenKpis } from './flatten-kpis.js';
import { KPI_SLICE_ENTRIES, KpiSweep, stepInParts, type KpiPass } from './kpi-stage.js';

const MINUTE_MS = 60_000;

/**
 * Records the header KPIs once per city minute, so the time cursor's strip and the KPI history
 * show the figures a viewer saw (computed by the same common/kpis.ts as the client's tiles). At
 * 100,000 sensors the pass is spread over ticks (KpiSweep) and recorded at the minute it began; a
 * minute that begins while a pass still runs (a fast scenario clock) gets no sample of its own.
 */
export class KpiSampler implements Stage {
  readonly name = 'kpi-sampler';
  private lastMinute: number | null = null;
  private readonly sweep: KpiSweep;
  /** the city time of the minute the running pass samples */
  private passAt = 0;

  /** @param part entries per part of a tick's slice, with a turn of the event loop between (as KpiStage's) */
  constructor(
    state: LiveState,
    sensors: ReadonlyMap<string, SensorProperties>,
    private readonly history: HistorySink,
    private readonly slice = KPI_SLICE_ENTRIES,
    private readonly part?: number,
  ) {
    this.sweep = new KpiSweep(state, sensors, slice);
  }

  tick(ctx: TickContext): void | Promise<void> {
    if (!this.sweep.running) {
      const minute = Math.floor(ctx.cityTime / MINUTE_MS);
      if (minute === this.lastMinute) return;
      this.lastMinute = minute;
      this.passAt = ctx.cityTime;
    }
    if (this.part === undefined) return this.record(this.sweep.step(ctx.cityTime));
    const at = this.passAt;
    return stepInParts(this.sweep, ctx.cityTime, this.slice, this.part, () => performance.now()).then(({ pass }) => this.record(pass, at));
  }

  private record(pass: KpiPass | null, at = this.passAt): void {
    if (pass) this.history.sample({ kind: 'kpis', id: 'city', t: at, values: flattenKpis(pass.kpis) });
  }
}
