import { computeKpis, type Kpis } from '../../common/kpis.js';
import type { SensorProperties } from '../../common/sensors.js';
import type { LiveState } from '../state/live-state.js';
import type { Channel } from '../stream/channel.js';
import type { Stage, TickContext } from './stage.js';

/**
 * The header KPIs of the whole city, computed once per tick by the same common/kpis.ts as the
 * client's tiles and offered to the stream as a channel: a client subscribed to one district
 * (docs/protocol.md, "Subscriptions") holds only that district's entries, yet its KPIs stay city-wide.
 */
export class KpiStage implements Stage, Channel<'kpis'> {
  readonly name = 'kpis';
  readonly key = 'kpis' as const;
  private current: Kpis | undefined;
  private currentJson = '';
  private dirty = false;

  constructor(
    private readonly state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
  ) {}

  tick(ctx: TickContext): void {
    const kpis = computeKpis(this.state.all(), this.sensors, ctx.cityTime);
    // Staleness moves with the clock, so the figures may change on a quiet tick too; sent only when they did.
    const json = JSON.stringify(kpis);
    if (json === this.currentJson) return;
    this.current = kpis;
    this.currentJson = json;
    this.dirty = true;
  }

  snapshot(): Kpis | undefined {
    return this.current;
  }

  changed(): Kpis | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    return this.current;
  }
}
