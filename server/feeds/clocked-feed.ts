import type { Reading } from '../../common/readings.js';
import type { Ingest } from '../ingest/ingest.js';

/** A feed driven by the city clock: each step returns the readings that have become due by `now`. */
export interface ClockedSource {
  step(now: number): Reading[];
}

/** How often a clocked source catches up with the city clock, real ms. */
const STEP_MS = 250;

/** Runs a clocked source (simulator, replay) and hands its readings to the ingest path. */
export class ClockedFeed {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: ClockedSource,
    private readonly cityNow: () => number,
    private readonly ingest: Ingest,
    readonly name: string,
  ) {}

  start(): void {
    this.step();
    this.timer ??= setInterval(() => this.step(), STEP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private step(): void {
    for (const reading of this.source.step(this.cityNow())) this.ingest.submit(reading, this.name);
  }
}
