import type { Reading } from '../../common/readings.js';
import { sunElevationDeg } from '../../common/models/solar.js';
import { airTemperature, relativeHumidity } from './profiles.js';
import { centrality } from './city-centre.js';
import { hashUnit, SmoothNoise } from './random.js';
import type { SimContext, SimSensor } from './sim-sensor.js';

/** Clear-sky global radiation on a horizontal surface, W/m², from the sun's elevation (Haurwitz-type fit). */
function clearSkyRadiation(elevationDeg: number): number {
  const s = Math.sin((elevationDeg * Math.PI) / 180);
  return s <= 0 ? 0 : 1098 * s * Math.exp(-0.057 / s);
}

/**
 * A climate station: the scenario's daily temperature course, warmer in the dense centre
 * (urban heat island, strongest at night), with passing clouds that dim the sun.
 */
export class ClimateSimSensor implements SimSensor {
  readonly intervalS = 60;
  private readonly heatIsland: number;
  private readonly siteOffset: number;
  private readonly tempNoise: SmoothNoise;
  private readonly clouds: SmoothNoise;
  private readonly windNoise: SmoothNoise;
  private readonly dewNoise: SmoothNoise;

  constructor(
    readonly id: string,
    private readonly position: [number, number],
    random: () => number,
  ) {
    this.heatIsland = 2.2 * centrality(position);
    this.siteOffset = (hashUnit(id) - 0.5) * 0.8;
    this.tempNoise = new SmoothNoise(0.25, 900, random);
    this.clouds = new SmoothNoise(0.25, 1200, random);
    this.windNoise = new SmoothNoise(0.35, 300, random);
    this.dewNoise = new SmoothNoise(0.6, 3600, random);
  }

  advance(_ctx: SimContext, dtS: number): boolean {
    this.tempNoise.step(dtS);
    this.clouds.step(dtS);
    this.windNoise.step(dtS);
    this.dewNoise.step(dtS);
    return false;
  }

  read(ctx: SimContext): Reading {
    const w = ctx.scenario.weather;
    if (!w) throw new Error(`scenario ${ctx.scenario.id} simulates climate stations but has no weather`);
    const hour = ctx.local.hour;
    const night = hour < 6 || hour > 20 ? 1 : 0.4;
    const airTempC = airTemperature(hour, w.minTempC, w.maxTempC) + this.heatIsland * night + this.siteOffset + this.tempNoise.value;
    const elevation = sunElevationDeg(ctx.now, this.position[1], this.position[0]);
    const cloud = Math.min(1, Math.max(0, w.cloudCover + this.clouds.value));
    const solarWm2 = clearSkyRadiation(elevation) * (1 - 0.75 * cloud ** 3.4);
    const daytimeWind = 0.7 + 0.6 * Math.max(0, Math.sin((elevation * Math.PI) / 180));
    const windKmh = Math.max(0, w.windKmh * daytimeWind * (1 + this.windNoise.value));
    return {
      sensorId: this.id,
      kind: 'climate',
      ts: ctx.now,
      values: {
        airTempC: round(airTempC, 1),
        relHumidityPct: round(relativeHumidity(airTempC, w.dewPointC + this.dewNoise.value), 0),
        windKmh: round(windKmh, 1),
        solarWm2: round(solarWm2, 1),
        pressureHpa: round(1014 + this.dewNoise.value * 2, 1),
      },
    };
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
