import type { HistorySink } from '../pipeline/history-sink.js';
import type { Stage, TickContext } from '../pipeline/stage.js';
import type { LiveState } from '../state/live-state.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { HeatMonitor } from './heat-monitor.js';

/**
 * Derives the heat figures when climate readings arrive: district figures and night minima
 * (HeatMonitor), offered to the stream as channels and recorded in the history as district samples.
 * Heat alerts come from the alert stage (server/alerts/alert-stage.ts), which runs after this one.
 */
export class HeatStage implements Stage {
  readonly name = 'heat';
  readonly districts: FlaggedChannel<'districts'>;
  readonly nights: FlaggedChannel<'nights'>;

  private readonly everyMs: number;
  private readonly now: () => number;
  /** climate readings arrived since the surface was last computed */
  private pending = false;
  private lastSurfaceAt = -Infinity;

  /**
   * @param options.everyMs least wall time between two surfaces (HEAT_SURFACE_EVERY_MS): 0 computes it on
   *   every tick with a climate reading; a city of thousands of stations computes it on its own cadence
   *   and readings in between are taken up by the next one. Night minima take every reading at once.
   * @param options.now the wall clock for that cadence (steady, ms)
   */
  constructor(
    private readonly heat: HeatMonitor,
    private readonly state: LiveState,
    private readonly history: HistorySink,
    options: { everyMs?: number; now?: () => number } = {},
  ) {
    this.districts = new FlaggedChannel('districts', () => heat.districts());
    this.nights = new FlaggedChannel('nights', () => heat.nights());
    this.everyMs = options.everyMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** After the monitor was reset: compute the next surface at once and send both channels (empty until then). */
  reset(): void {
    this.pending = true;
    this.lastSurfaceAt = -Infinity;
    this.districts.mark();
    this.nights.mark();
  }

  tick(ctx: TickContext): void {
    if (ctx.entries.some((e) => e.reading.kind === 'climate')) {
      this.heat.noteReadings(ctx.entries);
      this.nights.mark();
      this.pending = true;
    }
    if (!this.pending) return;
    const now = this.now();
    if (now - this.lastSurfaceAt < this.everyMs) return;
    this.pending = false;
    this.lastSurfaceAt = now;
    // the stations' UTCI straight from the live state's columns, no entry built
    this.heat.updateFrom((visit) => this.state.forEachNumber('climate', 'derived.utciC', visit), ctx.cityTime);
    this.districts.mark();
    for (const d of this.heat.districts()) {
      this.history.sample({
        kind: 'district',
        id: d.districtId,
        t: ctx.cityTime,
        values: {
          meanUtciC: d.meanUtciC,
          maxUtciC: d.maxUtciC,
          shareStrongOrWorse: d.shareStrongOrWorse,
          ...(d.shareModerateOrWorse !== undefined && { shareModerateOrWorse: d.shareModerateOrWorse }),
          ...(d.shareVeryStrongOrWorse !== undefined && { shareVeryStrongOrWorse: d.shareVeryStrongOrWorse }),
          hoursHeatStressToday: d.hoursHeatStressToday,
        },
      });
    }
  }
}
