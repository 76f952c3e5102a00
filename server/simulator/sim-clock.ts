/** The simulated city clock: starts at the scenario's start and runs `speed` times faster than real time. */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly simStart: number,
    readonly speed: number,
    // Elapsed real time from the monotonic clock: a step of the wall clock must not jump the city.
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.realStart = realNow();
  }

  now(): number {
    // Whole milliseconds: readings carry the city time as their integer `ts`.
    return Math.floor(this.simStart + (this.realNow() - this.realStart) * this.speed);
  }
}
