import type { Reading, SensorKind } from '../../common/readings.js';
import { sensorAnchor } from '../../common/derive.js';
import type { SensorIndex } from '../registry.js';
import { ChargingSimSensor } from './charging-sim.js';
import { ClimateSimSensor } from './climate-sim.js';
import { bochumLocalTime } from './local-time.js';
import { ParkingSimSensor } from './parking-sim.js';
import { seededRandom } from './random.js';
import type { Scenario } from './scenario.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';
import type { SimContext, SimSensor } from './sim-sensor.js';

/** Simulated time run before the start without reporting, so charge points and parking are mid-day, not empty. */
const WARM_UP_S = 3 * 3600;
const WARM_UP_STEP_S = 60;

/** The kinds the simulator can run; traffic comes from the traffic twin (server/traffic/). */
export const SIMULATED_KINDS: ReadonlySet<SensorKind> = new Set(['climate', 'parking', 'charging']);

/**
 * The built-in Bochum simulator: one simulated sensor per registry entry of the enabled kinds.
 * `step(now)` advances all of them to the simulated time `now` and returns the readings that are due;
 * the caller sends them through the ingest path like any other feed.
 */
export class Simulator implements ClockedSource {
  private readonly sensors: SimSensor[] = [];
  private readonly nextDue = new Map<string, number>();
  private readonly staggered = new Set<string>();
  private readonly random: () => number;
  private lastStep: number;

  constructor(
    private readonly scenario: Scenario,
    registry: SensorIndex,
    start: number,
    kinds: ReadonlySet<SensorKind> = SIMULATED_KINDS,
    seed = 1,
  ) {
    const random = (this.random = seededRandom(seed));
    for (const feature of registry.registry.features) {
      const meta = feature.properties;
      if (!kinds.has(meta.kind)) continue;
      const position = sensorAnchor(feature);
      switch (meta.kind) {
        case 'traffic':
          break;
        case 'climate':
          this.sensors.push(new ClimateSimSensor(meta.id, position, random));
          break;
        case 'parking':
          this.sensors.push(new ParkingSimSensor(meta, position, random));
          break;
        case 'charging':
          this.sensors.push(new ChargingSimSensor(meta, random));
          break;
      }
    }
    this.lastStep = start - WARM_UP_S * 1000;
    for (let t = this.lastStep + WARM_UP_STEP_S * 1000; t <= start; t += WARM_UP_STEP_S * 1000) this.advance(t);
    // Report everything at the start, then spread the reports so a few sensors update every second.
    for (const s of this.sensors) this.nextDue.set(s.id, start);
  }

  get sensorCount(): number {
    return this.sensors.length;
  }

  private context(now: number): SimContext {
    return { now, local: bochumLocalTime(now, this.scenario.dayType), scenario: this.scenario };
  }

  private advance(now: number): Set<string> {
    const dtS = Math.max(0, (now - this.lastStep) / 1000);
    const ctx = this.context(now);
    const forced = new Set<string>();
    for (const s of this.sensors) if (s.advance(ctx, dtS)) forced.add(s.id);
    this.lastStep = now;
    return forced;
  }

  step(now: number): Reading[] {
    if (now <= this.lastStep) return [];
    const forced = this.advance(now);
    const ctx = this.context(now);
    const out: Reading[] = [];
    for (const s of this.sensors) {
      const due = this.nextDue.get(s.id)!;
      if (now < due && !forced.has(s.id)) continue;
      out.push(s.read(ctx));
      // After the first report, spread the sensors over one interval so updates trickle in every second.
      const wait = this.staggered.has(s.id) ? s.intervalS : s.intervalS * this.random();
      this.staggered.add(s.id);
      this.nextDue.set(s.id, now + wait * 1000);
    }
    return out;
  }
}
