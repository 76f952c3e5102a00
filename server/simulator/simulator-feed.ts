import type { Ingest } from '../ingest/ingest.js';
import type { SensorIndex } from '../registry.js';
import type { Scenario } from './scenario.js';
import type { SimClock } from './sim-clock.js';
import { Simulator } from './simulator.js';

/** How often the simulator catches up with the simulated clock, real ms. */
const STEP_MS = 250;
export const SIMULATOR_SOURCE = 'simulator';

/** Runs the simulator on the simulated clock and feeds its readings into the ingest path. */
export class SimulatorFeed {
  private readonly simulator: Simulator;
  private timer: NodeJS.Timeout | undefined;

  constructor(scenario: Scenario, sensors: SensorIndex, private readonly clock: SimClock, private readonly ingest: Ingest) {
    this.simulator = new Simulator(scenario, sensors, clock.now());
  }

  start(): void {
    this.step();
    this.timer ??= setInterval(() => this.step(), STEP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private step(): void {
    for (const reading of this.simulator.step(this.clock.now())) this.ingest.submit(reading, SIMULATOR_SOURCE);
  }
}
