/** The simulated city clock: starts at the scenario's start and runs `speed` times faster than real time. */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly simStart: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realStart = realNow();
  }

  now(): number {
    return this.simStart + (this.realNow() - this.realStart) * this.speed;
  }
}
