import type { DayType } from '../../common/bochum-time.js';
import type { Reading } from '../../common/readings.js';
import { sensorAnchor } from '../../common/derive.js';
import { sunElevationDeg } from '../../common/models/solar.js';
import type { SensorFeature } from '../../common/sensors.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';
import { centrality, CITY_CENTRE } from './city-centre.js';
import { bochumLocalTime } from './local-time.js';
import { airTemperature, parkingTarget, relativeHumidity } from './profiles.js';
import { gaussian, hashUnit, seededRandom } from './random.js';
import type { Scenario } from './scenario.js';

/**
 * Drives the sensors SCALE generated (scale-city.ts). Each kind keeps its usual cadence in city time —
 * bays and environmental nodes every 5 min, counters every minute — or, with SCALE_RATE=r, every
 * sensor reports r times per wall-clock second (r · n readings/s; 100,000/s at n=100,000, r=1).
 * State is a few typed arrays, not an object per sensor: at 100,000 sensors the driver holds ~3 MB.
 * Values follow the scenario's day (parking and weather profiles of profiles.ts) with noise per sensor.
 */

/** Usual reporting intervals, city seconds. */
export const SCALE_INTERVAL_S = { parking: 300, climate: 300, traffic: 60 } as const;

const KIND = { parking: 0, climate: 1, traffic: 2 } as const;

/** Weather for generated environmental nodes when the scenario has none (it replays recorded benches). */
const FALLBACK_WEATHER = { minTempC: 14, maxTempC: 24, dewPointC: 11, windKmh: 10, cloudCover: 0.4 };

/** Share of a traffic counter's capacity in use at this hour (two commuter peaks; quieter at weekends). */
function trafficDemand(hour: number, dayType: string): number {
  const bump = (c: number, w: number) => Math.exp(-0.5 * ((hour - c) / w) ** 2);
  const peaks = dayType === 'weekday' ? 0.75 * bump(7.75, 1.1) + 0.8 * bump(16.75, 1.5) : 0.35 * bump(13, 3);
  return Math.min(1.1, 0.06 + 0.35 * bump(13, 5) + peaks);
}

export class ScaleDriver implements ClockedSource {
  private readonly ids: string[];
  private readonly kind: Uint8Array;
  /** 0…1: how central a sensor is (fuller bays, warmer nights) */
  private readonly central: Float32Array;
  /** a sensor's own offset: °C for nodes, share of demand for counters */
  private readonly bias: Float32Array;
  private readonly nextDue: Float64Array;
  /** capacity (veh/h), free-flow speed (km/h) and lanes of each counter; 0 for other kinds */
  private readonly capacity: Float32Array;
  private readonly freeFlow: Float32Array;
  private readonly lanes: Uint8Array;
  private readonly random: () => number;
  private lastStep = -Infinity;

  /**
   * @param ratePerS readings per sensor per wall-clock second (SCALE_RATE), or null for the usual cadences
   * @param speed the city clock's speed (city seconds per wall second), to turn a wall rate into city intervals
   */
  constructor(
    private readonly scenario: Scenario,
    sensors: readonly SensorFeature[],
    start: number,
    private readonly ratePerS: number | null,
    private readonly speed: number,
    seed = 1,
  ) {
    const n = sensors.length;
    this.random = seededRandom(seed);
    this.ids = new Array<string>(n);
    this.kind = new Uint8Array(n);
    this.central = new Float32Array(n);
    this.bias = new Float32Array(n);
    this.nextDue = new Float64Array(n).fill(start);
    this.capacity = new Float32Array(n);
    this.freeFlow = new Float32Array(n);
    this.lanes = new Uint8Array(n);
    sensors.forEach((f, i) => {
      const p = f.properties;
      if (p.kind === 'charging' || p.kind === 'tree') throw new Error(`the SCALE driver has no model for ${p.kind} sensor ${p.id}`);
      this.ids[i] = p.id;
      this.kind[i] = KIND[p.kind];
      this.central[i] = centrality(sensorAnchor(f));
      this.bias[i] = (hashUnit(p.id) - 0.5) * (p.kind === 'climate' ? 1.2 : 0.3);
      if (p.kind === 'traffic') {
        this.capacity[i] = p.capacityVehH;
        this.freeFlow[i] = p.freeFlowKmh;
        this.lanes[i] = p.lanes;
      }
    });
  }

  get sensorCount(): number {
    return this.ids.length;
  }

  private intervalMs(kind: number): number {
    if (this.ratePerS !== null) return (this.speed / this.ratePerS) * 1000;
    return (kind === KIND.parking ? SCALE_INTERVAL_S.parking : kind === KIND.climate ? SCALE_INTERVAL_S.climate : SCALE_INTERVAL_S.traffic) * 1000;
  }

  step(now: number): Reading[] {
    return [...this.readings(now)];
  }

  /**
   * The readings due by `now`, made as they are taken: at SCALE_RATE=1 a step is 25,000 readings, and making
   * them all before the first is submitted held the event loop for 100–400 ms on a loaded machine (CPU
   * profile of bench:scale). Take them all before the next call; the sequence is step()'s, reading for reading.
   */
  readings(now: number): Iterable<Reading> {
    if (now <= this.lastStep) return [];
    const first = this.lastStep === -Infinity;
    this.lastStep = now;
    const local = bochumLocalTime(now, this.scenario.dayType);
    // City-wide figures once per step: the sun and the clouds do not differ across 20 km.
    const w = this.scenario.weather ?? FALLBACK_WEATHER;
    const night = local.hour < 6 || local.hour > 20 ? 1 : 0.4;
    const baseTempC = airTemperature(local.hour, w.minTempC, w.maxTempC);
    const elevation = sunElevationDeg(now, CITY_CENTRE[1], CITY_CENTRE[0]);
    const s = Math.sin((elevation * Math.PI) / 180);
    const solarWm2 = s <= 0 ? 0 : 1098 * s * Math.exp(-0.057 / s) * (1 - 0.75 * w.cloudCover ** 3.4);
    const windKmh = w.windKmh * (0.7 + 0.6 * Math.max(0, s));
    const demand = trafficDemand(local.hour, local.dayType);
    const c = { baseTempC, night, solarWm2, windKmh, dewPointC: w.dewPointC, demand };
    return this.due(now, first, local.hour, local.dayType, c);
  }

  private *due(now: number, first: boolean, hour: number, dayType: DayType, c: StepFigures): Generator<Reading> {
    const n = this.ids.length;
    for (let i = 0; i < n; i++) {
      if (now < this.nextDue[i]) continue;
      const interval = this.intervalMs(this.kind[i]);
      // After the first report, spread the sensors over one interval so readings arrive evenly.
      this.nextDue[i] = first ? now + interval * this.random() : this.nextDue[i] + interval * Math.max(1, Math.ceil((now - this.nextDue[i] + 1) / interval));
      yield this.read(i, now, hour, dayType, c);
    }
  }

  private read(i: number, ts: number, hour: number, dayType: DayType, c: StepFigures): Reading {
    const sensorId = this.ids[i];
    switch (this.kind[i]) {
      case KIND.parking: {
        const occupied = this.random() < parkingTarget(hour, dayType, this.central[i]) + this.bias[i];
        return { sensorId, kind: 'parking', ts, values: { freeSpaces: occupied ? 0 : 1, capacity: 1, open: true } };
      }
      case KIND.climate: {
        const airTempC = c.baseTempC + 2.2 * this.central[i] * c.night + this.bias[i] + 0.2 * gaussian(this.random);
        return {
          sensorId,
          kind: 'climate',
          ts,
          values: {
            airTempC: round1(airTempC),
            relHumidityPct: Math.round(relativeHumidity(airTempC, c.dewPointC)),
            windKmh: round1(Math.max(0, c.windKmh * (1 + 0.3 * gaussian(this.random)))),
            solarWm2: round1(c.solarWm2 * (0.9 + 0.1 * this.random())),
          },
        };
      }
      default: {
        const load = Math.max(0, c.demand * (1 + this.bias[i]) * (1 + 0.08 * gaussian(this.random)));
        const flowVehH = Math.min(this.capacity[i] * 1.05, this.capacity[i] * load);
        // BPR-like slowdown as the counter's section fills; occupancy from density × effective vehicle length (6.5 m).
        const speedKmh = this.freeFlow[i] / (1 + 0.15 * (flowVehH / this.capacity[i]) ** 4);
        const occupancyPct = Math.min(100, ((flowVehH / Math.max(speedKmh, 1) / this.lanes[i]) * 6.5) / 10);
        return { sensorId, kind: 'traffic', ts, values: { flowVehH: Math.round(flowVehH), speedKmh: round1(speedKmh), occupancyPct: round1(occupancyPct) } };
      }
    }
  }
}

/** The city-wide figures of one step. */
interface StepFigures {
  baseTempC: number;
  night: number;
  solarWm2: number;
  windKmh: number;
  dewPointC: number;
  demand: number;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
