import type { HeatAlert } from '../../common/protocol.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import type { Stage, TickContext } from '../pipeline/stage.js';
import type { LiveState } from '../state/live-state.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { HeatMonitor } from './heat-monitor.js';

/**
 * Derives the heat figures when climate readings arrive: district figures, night minima and alerts
 * (HeatMonitor), offered to the stream as channels and recorded in the history as district samples
 * and alert events (raised, level changed, cleared).
 */
export class HeatStage implements Stage {
  readonly name = 'heat';
  readonly districts: FlaggedChannel<'districts'>;
  readonly nights: FlaggedChannel<'nights'>;
  readonly alerts: FlaggedChannel<'alerts'>;

  constructor(
    private readonly heat: HeatMonitor,
    private readonly state: LiveState,
    private readonly history: HistorySink,
  ) {
    this.districts = new FlaggedChannel('districts', () => heat.districts());
    this.nights = new FlaggedChannel('nights', () => heat.nights());
    this.alerts = new FlaggedChannel('alerts', () => heat.alerts());
  }

  tick(ctx: TickContext): void {
    if (!ctx.entries.some((e) => e.reading.kind === 'climate')) return;
    const before = new Map(this.heat.alerts().map((a) => [a.id, a]));
    const { alertsChanged } = this.heat.update(this.state.ofKind('climate'), ctx.cityTime);
    this.districts.mark();
    this.nights.mark();
    for (const d of this.heat.districts()) {
      this.history.sample({
        kind: 'district',
        id: d.districtId,
        t: ctx.cityTime,
        values: { meanUtciC: d.meanUtciC, maxUtciC: d.maxUtciC, shareStrongOrWorse: d.shareStrongOrWorse, hoursHeatStressToday: d.hoursHeatStressToday },
      });
    }
    if (alertsChanged) {
      this.alerts.mark();
      this.recordAlertChanges(before, ctx.cityTime);
    }
  }

  private recordAlertChanges(before: ReadonlyMap<string, HeatAlert>, t: number): void {
    const after = new Map(this.heat.alerts().map((a) => [a.id, a]));
    for (const [id, alert] of after) {
      const was = before.get(id);
      if (!was) this.history.event({ stream: 'alert', id, t, action: 'open', body: alert });
      else if (was.level !== alert.level) this.history.event({ stream: 'alert', id, t, action: 'update', body: alert });
    }
    for (const [id, alert] of before) if (!after.has(id)) this.history.event({ stream: 'alert', id, t, action: 'close', body: alert });
  }
}
