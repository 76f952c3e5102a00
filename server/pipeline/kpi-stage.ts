import { performance } from 'node:perf_hooks';
import { computeKpis, type Kpis } from '../../common/kpis.js';
import type { SensorProperties } from '../../common/sensors.js';
import type { LiveState } from '../state/live-state.js';
import type { Channel } from '../stream/channel.js';
import type { Stage, TickContext } from './stage.js';

/** Time between two computations at least this many times what the last one took: at most ~5 % of the loop. */
const COST_FACTOR = 20;

/**
 * The header KPIs of the whole city, by the same common/kpis.ts as the client's tiles, offered to
 * the stream as a channel: a client subscribed to one district (docs/protocol.md, "Subscriptions")
 * holds only that district's entries, yet its KPIs stay city-wide. Every tick for the real registry
 * (well under a millisecond); at 100,000 sensors one pass takes tens of ms (hundreds on a loaded
 * box), so then they are recomputed only every COST_FACTOR × that time.
 */
export class KpiStage implements Stage, Channel<'kpis'> {
  readonly name = 'kpis';
  readonly key = 'kpis' as const;
  private current: Kpis | undefined;
  private currentJson = '';
  private dirty = false;
  private nextAt = -Infinity;

  constructor(
    private readonly state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  tick(ctx: TickContext): void {
    const t0 = this.now();
    if (t0 < this.nextAt) return;
    const kpis = computeKpis(this.state.all(), this.sensors, ctx.cityTime);
    this.nextAt = t0 + COST_FACTOR * (this.now() - t0);
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
