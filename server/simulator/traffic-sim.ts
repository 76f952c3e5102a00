import type { Reading } from '../../common/readings.js';
import type { TrafficSensor } from '../../common/sensors.js';
import { linkResponse, trafficDemand, type FlowDirection } from './profiles.js';
import { hashUnit, SmoothNoise } from './random.js';
import type { SimContext, SimSensor } from './sim-sensor.js';

/** Mean vehicle length plus loop length, km: turns density into detector occupancy. */
const EFFECTIVE_VEHICLE_KM = 0.0065;

function directionOf(id: string): FlowDirection {
  if (id.endsWith('-in')) return 'inbound';
  if (id.endsWith('-out')) return 'outbound';
  return 'neutral';
}

/** A detector on one direction of a link: demand from the daily profile, speed and flow from the link's response. */
export class TrafficSimSensor implements SimSensor {
  readonly id: string;
  readonly intervalS = 30;
  private readonly direction: FlowDirection;
  /** how much busier than the typical link this one is: some links are the city's known bottlenecks */
  private readonly load: number;
  private readonly demandNoise: SmoothNoise;
  private readonly measureNoise: SmoothNoise;

  constructor(private readonly meta: TrafficSensor, random: () => number) {
    this.id = meta.id;
    this.direction = directionOf(meta.id);
    const h = hashUnit(meta.id.replace(/-(in|out|a|b|fwd|bwd)$/, ''));
    const classLoad = meta.roadClass === 'motorway' ? 1.12 : meta.roadClass === 'ring' ? 1.05 : 0.95;
    this.load = classLoad * (0.75 + 0.55 * h);
    this.demandNoise = new SmoothNoise(0.07, 600, random);
    this.measureNoise = new SmoothNoise(0.03, 60, random);
  }

  advance(_ctx: SimContext, dtS: number): boolean {
    this.demandNoise.step(dtS);
    this.measureNoise.step(dtS);
    return false;
  }

  read(ctx: SimContext): Reading {
    const demand = trafficDemand(ctx.local.hour, ctx.local.dayType, this.direction) * this.load * (1 + this.demandNoise.value);
    const { speedRatio, flowRatio } = linkResponse(demand);
    const speedKmh = Math.max(3, this.meta.freeFlowKmh * speedRatio * (1 + this.measureNoise.value));
    const flowVehH = Math.max(0, this.meta.capacityVehH * flowRatio * (1 + this.measureNoise.value * 0.7));
    const densityPerLaneKm = flowVehH / this.meta.lanes / speedKmh;
    return {
      sensorId: this.id,
      kind: 'traffic',
      ts: ctx.now,
      values: {
        flowVehH: Math.round(flowVehH),
        speedKmh: Math.round(speedKmh * 10) / 10,
        occupancyPct: Math.round(Math.min(100, densityPerLaneKm * EFFECTIVE_VEHICLE_KM * 100) * 10) / 10,
      },
    };
  }
}
