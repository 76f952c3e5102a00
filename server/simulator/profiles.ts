import { saturationVapourPressureHpa } from '../../common/models/heat-utci-polynomial.js';
import type { DayType } from '../../common/bochum-time.js';

/**
 * Daily courses of car-park use, charging demand and weather that make the simulated city behave
 * like Bochum on a given kind of day (Saturday shopping hump, quiet Sundays). Traffic demand lives
 * in the traffic model (common/models/traffic-demand.ts).
 */

const bump = (hour: number, centre: number, width: number) => Math.exp(-0.5 * ((hour - centre) / width) ** 2);

/** Occupancy a car park tends to at this hour, 0…1; `centrality` 1 = city centre, 0 = edge of town. */
export function parkingTarget(hour: number, dayType: DayType, centrality: number): number {
  const shopping = dayType === 'saturday' ? 0.92 : dayType === 'weekday' ? 0.78 : 0.18;
  const office = dayType === 'weekday' ? 0.3 : 0;
  const day = shopping * bump(hour, 14, 3.2) + office * bump(hour, 11, 3);
  const evening = 0.12 * bump(hour, 20.5, 1.5);
  return Math.min(0.98, 0.06 + (0.45 + 0.55 * centrality) * day + evening);
}

/** Expected new charging sessions per charge point per hour. */
export function chargingArrivalsPerHour(hour: number, dayType: DayType): number {
  const scale = dayType === 'weekday' ? 1 : dayType === 'saturday' ? 0.85 : 0.6;
  return scale * (0.02 + 0.22 * bump(hour, 9, 2) + 0.2 * bump(hour, 14, 3) + 0.18 * bump(hour, 19, 2));
}

/**
 * Air temperature over the day between the scenario's minimum (around sunrise, 05:30) and maximum
 * (mid-afternoon, 15:00): a half-cosine rise and a slower half-cosine fall through the night.
 */
export function airTemperature(hour: number, minC: number, maxC: number): number {
  const tMin = 5.5;
  const tMax = 15;
  let shape: number;
  if (hour >= tMin && hour <= tMax) shape = (1 - Math.cos((Math.PI * (hour - tMin)) / (tMax - tMin))) / 2;
  else {
    const sinceMax = hour > tMax ? hour - tMax : hour + 24 - tMax;
    shape = (1 + Math.cos((Math.PI * sinceMax) / (24 - (tMax - tMin)))) / 2;
  }
  return minC + (maxC - minC) * shape;
}


export function relativeHumidity(tempC: number, dewPointC: number): number {
  return Math.min(100, (100 * saturationVapourPressureHpa(Math.min(dewPointC, tempC))) / saturationVapourPressureHpa(tempC));
}
