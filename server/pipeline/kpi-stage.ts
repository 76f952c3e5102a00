import { performance } from 'node:perf_hooks';
import { computeKpis, type Kpis } from '../../common/kpis.js';
import type { SensorProperties } from '../../common/sensors.js';
import { worstLinks, type WorstLink } from '../../common/traffic-ranking.js';
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
  /** The five worst links of the whole city, from the same pass (the panel beside the map). */
  readonly worstLinks = new WorstLinksChannel();

  constructor(
    private readonly state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  tick(ctx: TickContext): void {
    const t0 = this.now();
    if (t0 < this.nextAt) return;
    const all = this.state.all();
    const kpis = computeKpis(all, this.sensors, ctx.cityTime);
    this.worstLinks.offer(worstLinks(all, this.sensors, ctx.cityTime, 5));
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

/** Reports the ranking when its JSON differs from the last one offered. */
class WorstLinksChannel implements Channel<'worstLinks'> {
  readonly key = 'worstLinks' as const;
  private current: WorstLink[] | undefined;
  private json = '';
  private dirty = false;

  offer(value: WorstLink[]): void {
    const json = JSON.stringify(value);
    if (json === this.json) return;
    this.current = value;
    this.json = json;
    this.dirty = true;
  }

  snapshot(): WorstLink[] | undefined {
    return this.current;
  }

  changed(): WorstLink[] | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    return this.current;
  }
}
