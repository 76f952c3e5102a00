import { performance } from 'node:perf_hooks';
import { countsForKpis, KpiAccumulator, registeredForKpis, type Kpis } from '../../common/kpis.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import type { SensorProperties } from '../../common/sensors.js';
import { WorstLinksRanking, type WorstLink } from '../../common/traffic-ranking.js';
import type { LiveState } from '../state/live-state.js';
import type { Channel } from '../stream/channel.js';
import type { Stage, TickContext } from './stage.js';
import { nextTurn } from '../ingest/yielding.js';

/**
 * Entries per tick of a KPI pass. At SCALE=100000 a pass reads about 25,000 (the registry, the generated
 * nodes and counters; not the bays), each generated one built from the columns: a slice of 20,000 took
 * 30 ms of CPU (`bench:scale` work), so a slice is half that, three ticks a pass.
 */
export const KPI_SLICE_ENTRIES = 10_000;

/**
 * Entries per part of a slice in the server, a turn of the event loop between two: a slice in one piece held
 * the loop for 30–80 ms at SCALE_RATE=1 on a loaded machine (CPU profile of bench:scale), a quarter of it less.
 */
export const KPI_PART_ENTRIES = 2_500;

/**
 * The generated sensors a pass reads: those the KPIs count, and every traffic counter (worstLinks ranks
 * them). A generated bay is neither, and most of a SCALE city: skipping them leaves the result as it was.
 */
const readsGenerated = (kind: SensorKind) => kind === 'traffic' || countsForKpis({ kind, generated: true } as SensorProperties, kind);

/** What a finished pass gives: the KPIs, and the five worst links among the traffic entries it read. */
export interface KpiPass {
  kpis: Kpis;
  worstLinks: WorstLink[];
}

/**
 * One pass of common/kpis.ts over the live state, `slice` entries per step, so no tick carries a pass
 * over 100,000 entries. Each entry is judged fresh or stale at the city time of the step that reads it;
 * a state no larger than a slice (the real registry) is one step, the whole computation as before.
 */
export class KpiSweep {
  private pass: { entries: Iterator<LiveEntry>; acc: KpiAccumulator; ranking: WorstLinksRanking } | null = null;
  private registered: { size: number; counts: Record<SensorKind, number> } | null = null;

  constructor(
    private readonly state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    private readonly slice = KPI_SLICE_ENTRIES,
  ) {}

  get running(): boolean {
    return this.pass !== null;
  }

  /**
   * Goes on with the pass (starting one if none runs), `max` entries at most (a slice unless told); the result
   * once it reached the last entry. A slice taken in parts reads what the slice in one piece reads.
   */
  step(cityNow: number, max = this.slice): KpiPass | null {
    // views: neither the accumulator nor the ranking keeps an entry
    this.pass ??= { entries: this.state.views(readsGenerated), acc: new KpiAccumulator(this.sensors), ranking: new WorstLinksRanking(this.sensors, 5) };
    const { entries, acc, ranking } = this.pass;
    for (let n = 0; n < max; n += 1) {
      const next = entries.next();
      if (next.done) {
        this.pass = null;
        return { kpis: acc.result(this.registeredCounts()), worstLinks: ranking.result() };
      }
      acc.add(next.value, cityNow);
      ranking.add(next.value, cityNow);
    }
    return null;
  }

  /** The registry's counts per kind, counted again only when its size changed (100,000 sensors take a few ms). */
  private registeredCounts(): Record<SensorKind, number> {
    if (this.registered?.size !== this.sensors.size) this.registered = { size: this.sensors.size, counts: registeredForKpis(this.sensors) };
    return this.registered.counts;
  }
}

/**
 * A tick's slice of a pass (`slice` entries) in parts of `part` entries with a turn of the event loop between
 * them: the parts read exactly what the slice in one piece reads. Resolves with the pass if it ended, and the
 * time (`now`) its parts took, not what ran between them.
 */
export async function stepInParts(sweep: KpiSweep, cityNow: number, slice: number, part: number, now: () => number): Promise<{ pass: KpiPass | null; costMs: number }> {
  let left = slice;
  let costMs = 0;
  for (;;) {
    const t0 = now();
    const n = Math.min(part, left);
    const pass = sweep.step(cityNow, n);
    left -= n;
    costMs += now() - t0;
    if (pass || left <= 0) return { pass, costMs };
    await nextTurn();
  }
}

/** Time between two computations at least this many times what the last one took: at most ~5 % of the loop. */
const COST_FACTOR = 20;

/**
 * The header KPIs of the whole city, by the same common/kpis.ts as the client's tiles, offered to
 * the stream as a channel: a client subscribed to one district (docs/protocol.md, "Subscriptions")
 * holds only that district's entries, yet its KPIs stay city-wide. Every tick for the real registry
 * (well under a millisecond, one step of the sweep); at 100,000 sensors a pass is spread over ticks
 * (KpiSweep, a few ms each) and the next begins only COST_FACTOR × its cost after it began.
 */
export class KpiStage implements Stage, Channel<'kpis'> {
  readonly name = 'kpis';
  readonly key = 'kpis' as const;
  private current: Kpis | undefined;
  private currentJson = '';
  private dirty = false;
  private nextAt = -Infinity;
  private readonly sweep: KpiSweep;
  /** when the running pass began and what its steps cost so far (the clock of `now`) */
  private passStart = 0;
  private passCost = 0;
  /** The five worst links of the whole city, from the same pass (the panel beside the map). */
  readonly worstLinks = new WorstLinksChannel();

  /**
   * @param part entries per part of a tick's slice, with a turn of the event loop between parts (tick returns a
   *   promise then): the server's, where a slice of 10,000 held the loop for 30–80 ms on a loaded machine. Without
   *   it a slice is one piece.
   */
  constructor(
    state: LiveState,
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    private readonly now: () => number = () => performance.now(),
    private readonly slice = KPI_SLICE_ENTRIES,
    private readonly part?: number,
  ) {
    this.sweep = new KpiSweep(state, sensors, slice);
  }

  tick(ctx: TickContext): void | Promise<void> {
    const t0 = this.now();
    if (!this.sweep.running) {
      if (t0 < this.nextAt) return;
      this.passStart = t0;
      this.passCost = 0;
    }
    if (this.part === undefined) {
      const pass = this.sweep.step(ctx.cityTime);
      this.passCost += this.now() - t0;
      if (pass) this.finish(pass);
      return;
    }
    return this.tickInParts(ctx.cityTime, this.part);
  }

  private async tickInParts(cityTime: number, part: number): Promise<void> {
    const { pass, costMs } = await stepInParts(this.sweep, cityTime, this.slice, part, this.now);
    this.passCost += costMs;
    if (pass) this.finish(pass);
  }

  private finish(pass: KpiPass): void {
    const { kpis } = pass;
    this.worstLinks.offer(pass.worstLinks);
    this.nextAt = this.passStart + COST_FACTOR * this.passCost;
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
