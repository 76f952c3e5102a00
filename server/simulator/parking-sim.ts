import type { Reading } from '../../common/readings.js';
import type { ParkingSensor } from '../../common/sensors.js';
import { centrality } from './city-centre.js';
import { parkingTarget } from './profiles.js';
import { eventParkingTarget } from './event-parking.js';
import { SmoothNoise } from './random.js';
import type { SimContext, SimSensor } from './sim-sensor.js';

/** Cars arrive and leave over a quarter of an hour or so, so occupancy lags its target. */
const FILL_TIME_CONSTANT_S = 15 * 60;

export class ParkingSimSensor implements SimSensor {
  readonly id: string;
  readonly intervalS = 60;
  private readonly centrality: number;
  private readonly noise: SmoothNoise;
  private occupancy: number | undefined;

  constructor(
    private readonly meta: ParkingSensor,
    private readonly position: [number, number],
    random: () => number,
  ) {
    this.id = meta.id;
    this.centrality = centrality(position);
    this.noise = new SmoothNoise(0.04, 1800, random);
  }

  advance(ctx: SimContext, dtS: number): boolean {
    const everyday = parkingTarget(ctx.local.hour, ctx.local.dayType, this.centrality) + this.noise.step(dtS);
    const events = eventParkingTarget(ctx.scenario.events ?? [], this.position, ctx.now);
    const target = Math.min(1, Math.max(0, everyday, events));
    this.occupancy = this.occupancy === undefined ? target : this.occupancy + (target - this.occupancy) * (1 - Math.exp(-dtS / FILL_TIME_CONSTANT_S));
    return false;
  }

  read(ctx: SimContext): Reading {
    const occupied = Math.round((this.occupancy ?? 0) * this.meta.capacity);
    return {
      sensorId: this.id,
      kind: 'parking',
      ts: ctx.now,
      values: { freeSpaces: Math.max(0, this.meta.capacity - occupied), capacity: this.meta.capacity, open: true },
    };
  }
}
