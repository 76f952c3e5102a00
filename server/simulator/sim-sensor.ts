import type { Reading } from '../../common/readings.js';
import type { LocalTime } from './local-time.js';
import type { Scenario } from './scenario.js';

/** What every simulated sensor sees at one step of the simulation. */
export interface SimContext {
  /** simulated time, epoch ms */
  now: number;
  local: LocalTime;
  scenario: Scenario;
}

/**
 * One simulated sensor: it evolves with the simulated time and reports every `intervalS`
 * simulated seconds (a charging site also reports when a point changes status).
 */
export interface SimSensor {
  readonly id: string;
  readonly intervalS: number;
  /** advance the sensor's hidden state by dtS simulated seconds; true = report now regardless of interval */
  advance(ctx: SimContext, dtS: number): boolean;
  read(ctx: SimContext): Reading;
}
