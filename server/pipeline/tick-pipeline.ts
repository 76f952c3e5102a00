import type { Logger } from '../logger.js';
import type { LiveState } from '../state/live-state.js';
import type { Stage, TickContext } from './stage.js';
import { nextTurn } from '../ingest/yielding.js';


/**
 * The server's heartbeat: once per tick it drains what ingest changed in the live state and hands
 * it to each stage in order (derive → store → alerts → stream). A stage that throws is logged and
 * skipped for that tick; the others, the stream above all, still run.
 *
 * After the drain and between two stages the event loop gets a turn: at SCALE=100000 and SCALE_RATE=1 the stages of one
 * tick together held it for 100–200 ms (bench:scale, CPU profile of the longest stalls), each alone for
 * a few to tens of ms. Readings that arrive meanwhile wait in the live state for the next tick's drain.
 * A tick due while one still runs starts when it has ended (ticks never overlap, none is lost); whoever
 * must not see half a tick (a scenario switch) waits for `idle()`.
 */
export class TickPipeline {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickContext> | null = null;
  private due = false;

  constructor(
    private readonly state: LiveState,
    private readonly cityNow: () => number,
    private readonly stages: readonly Stage[],
    readonly tickMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.onTimer(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.due = false;
  }

  /**
   * Resolves when no tick runs. What the caller does synchronously right after (in the same continuation)
   * no tick sees half of: the next one starts from a timer, after it.
   */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Runs one tick: every stage in order, with a turn of the event loop between two; resolves with what they were handed. */
  tick(): Promise<TickContext> {
    if (this.running) return this.running.then(() => this.tick());
    const run = this.run().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private onTimer(): void {
    if (this.running) {
      this.due = true;
      return;
    }
    void this.tick().then(() => {
      if (!this.due || this.timer === undefined) return;
      this.due = false;
      this.onTimer();
    });
  }

  private async run(): Promise<TickContext> {
    const cityTime = this.cityNow();
    const { entries, generated } = this.state.drain();
    const ctx: TickContext = { cityTime, entries, generated, newSensors: this.state.drainedNew };
    for (const stage of this.stages) {
      // the drain (100,000 entries at SCALE_RATE=1) and every stage in a piece of its own
      await nextTurn();
      try {
        await stage.tick(ctx);
      } catch (err) {
        this.log.error({ err, stage: stage.name }, 'pipeline stage failed');
      }
    }
    return ctx;
  }
}
