import type { Reading } from '../../common/readings.js';

/**
 * A recorded series on the city clock: each step returns the readings whose timestamps the clock has
 * passed since the last step. What the first step returns of the time before it is the caller's choice
 * (`firstStep`): the climate replay wants each station's latest reading only, the tree replay the
 * last two days, so the moisture chart has a history at once.
 */
export class RecordedSteps<R extends Reading> {
  private cursor = 0;
  private started = false;

  constructor(
    /** sorted by ts */
    private readonly readings: readonly R[],
    private readonly firstStep: (due: R[], now: number) => R[],
  ) {}

  get firstTs(): number {
    return this.readings[0]?.ts ?? NaN;
  }

  get lastTs(): number {
    return this.readings[this.readings.length - 1]?.ts ?? NaN;
  }

  step(now: number): R[] {
    const out: R[] = [];
    while (this.cursor < this.readings.length && this.readings[this.cursor].ts <= now) out.push(this.readings[this.cursor++]);
    if (this.started) return out;
    this.started = true;
    return this.firstStep(out, now);
  }
}

/** The first step of a replay that starts mid-series: only the newest reading of each sensor matters for the live state. */
export function latestPerSensor<R extends Reading>(due: R[]): R[] {
  return [...new Map(due.map((r) => [r.sensorId, r])).values()];
}
