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

  constructor(
    private readonly heat: HeatMonitor,
    private readonly state: LiveState,
    private readonly history: HistorySink,
  ) {
    this.districts = new FlaggedChannel('districts', () => heat.districts());
    this.nights = new FlaggedChannel('nights', () => heat.nights());
  }

  tick(ctx: TickContext): void {
    if (!ctx.entries.some((e) => e.reading.kind === 'climate')) return;
    this.heat.update(this.state.ofKind('climate'), ctx.cityTime);
    this.districts.mark();
    this.nights.mark();
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
