import type { Reading } from '../../common/readings.js';
import type { Ingest } from '../ingest/ingest.js';
import { forEachYielding } from '../ingest/yielding.js';

/** How often the generated city catches up with the city clock, real ms (as ClockedFeed). */
const STEP_MS = 250;

/** What ScaleFeed runs (ScaleDriver): the readings due by `now`, made as they are taken. */
export interface LazySource {
  readings(now: number): Iterable<Reading>;
}

/**
 * Runs the SCALE driver like ClockedFeed runs the simulator, but makes and submits each step's readings
 * in slices that yield to the event loop (forEachYielding): at SCALE_RATE=1 a step holds 25,000 readings
 * for 100,000 sensors, which made or submitted at once would stall ticks, sockets and /api/health. A step
 * still running when the next is due is not overlapped; the next one catches up.
 */
export class ScaleFeed {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly source: LazySource,
    private readonly cityNow: () => number,
    private readonly ingest: Ingest,
    readonly name = 'scale',
  ) {}

  start(): void {
    void this.step();
    this.timer ??= setInterval(() => void this.step(), STEP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async step(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await forEachYielding(this.source.readings(this.cityNow()), (r) => void this.ingest.submit(r, this.name));
    } finally {
      this.running = false;
    }
  }
}
