import type { Logger } from '../logger.js';
import type { LiveState } from '../state/live-state.js';
import type { Stage, TickContext } from './stage.js';

/**
 * The server's heartbeat: once per tick it drains what ingest changed in the live state and hands
 * it to each stage in order (derive → store → alerts → stream). A stage that throws is logged and
 * skipped for that tick; the others, the stream above all, still run.
 */
export class TickPipeline {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: LiveState,
    private readonly cityNow: () => number,
    private readonly stages: readonly Stage[],
    readonly tickMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(): TickContext {
    const ctx: TickContext = { cityTime: this.cityNow(), entries: this.state.drainChanged() };
    for (const stage of this.stages) {
      try {
        stage.tick(ctx);
      } catch (err) {
        this.log.error({ err, stage: stage.name }, 'pipeline stage failed');
      }
    }
    return ctx;
  }
}
