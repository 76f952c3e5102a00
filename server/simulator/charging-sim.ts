import type { ChargePointStatus, Reading } from '../../common/readings.js';
import type { ChargingSensor } from '../../common/sensors.js';
import { chargingArrivalsPerHour } from './profiles.js';
import type { SimContext, SimSensor } from './sim-sensor.js';

/** Mean session length, hours: AC charging is parking while charging, DC is a coffee break. */
const MEAN_SESSION_H = { ac: 2.5, dc: 0.6 };
/** Faults per point per hour and mean repair time: a few points in a city are always broken. */
const FAULT_RATE_PER_H = 0.003;
const MEAN_REPAIR_H = 8;
const RESERVATION_SHARE = 0.05;
const MEAN_RESERVATION_H = 0.3;

interface PointState {
  id: string;
  maxPowerKw: number;
  fast: boolean;
  status: ChargePointStatus;
  /** share of the session done, for the power taper of fast chargers */
  progress: number;
}

/** A charging site whose points each run through available → charging → available, with faults and reservations. */
export class ChargingSimSensor implements SimSensor {
  readonly id: string;
  readonly intervalS = 300;
  private readonly points: PointState[];

  constructor(meta: ChargingSensor, private readonly random: () => number) {
    this.id = meta.id;
    this.points = meta.points.map((p) => ({
      id: p.id,
      maxPowerKw: p.maxPowerKw,
      fast: p.connector !== 'Type2',
      status: 'available',
      progress: 0,
    }));
  }

  /** Probability that an event with this hourly rate happens within dtS seconds. */
  private happens(ratePerH: number, dtS: number): boolean {
    return this.random() < 1 - Math.exp((-ratePerH * dtS) / 3600);
  }

  advance(ctx: SimContext, dtS: number): boolean {
    let changed = false;
    const arrivals = chargingArrivalsPerHour(ctx.local.hour, ctx.local.dayType);
    for (const p of this.points) {
      const before = p.status;
      const sessionH = p.fast ? MEAN_SESSION_H.dc : MEAN_SESSION_H.ac;
      switch (p.status) {
        case 'available':
          if (this.happens(FAULT_RATE_PER_H, dtS)) p.status = 'out_of_order';
          else if (this.happens(arrivals * (p.fast ? 1.6 : 1), dtS)) {
            p.status = this.random() < RESERVATION_SHARE ? 'reserved' : 'charging';
            p.progress = 0;
          }
          break;
        case 'charging':
          p.progress = Math.min(1, p.progress + dtS / 3600 / sessionH);
          if (this.happens(1 / sessionH, dtS)) p.status = 'available';
          break;
        case 'reserved':
          if (this.happens(1 / MEAN_RESERVATION_H, dtS)) p.status = 'charging';
          break;
        case 'out_of_order':
          if (this.happens(1 / MEAN_REPAIR_H, dtS)) p.status = 'available';
          break;
        default:
          p.status = 'available';
      }
      changed ||= before !== p.status;
    }
    return changed;
  }

  read(ctx: SimContext): Reading {
    return {
      sensorId: this.id,
      kind: 'charging',
      ts: ctx.now,
      values: {
        points: this.points.map((p) => ({ id: p.id, status: p.status, powerKw: Math.round(this.power(p) * 10) / 10 })),
      },
    };
  }

  /** Fast chargers taper as the battery fills; AC points deliver close to their rating. */
  private power(p: PointState): number {
    if (p.status !== 'charging') return 0;
    return p.fast ? p.maxPowerKw * (0.9 - 0.6 * p.progress) : p.maxPowerKw * 0.9;
  }
}
