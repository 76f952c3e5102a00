import { offsetLonLat } from '../geo.js';
import { pointEffect } from './heat-measures.js';
import type { StationClimate } from './heat-plan.js';
import type { DayFrame } from './plan-day.js';
import { dayOfYearUtc, sunPosition } from './solar.js';

/**
 * A replayed day for the plan-day tests: three stations around CENTRE with the same weather, so the
 * surface is flat and every point near CENTRE has the stations' UTCI (computed by the same point model
 * the plan uses, so the expected values follow from it rather than being typed in).
 */
export const CENTRE: [number, number] = [7.2185, 51.4815];
export const QUARTER = 15 * 60_000;
export const DAY = Date.parse('2024-08-13T00:00:00+02:00');

type Weather = Pick<StationClimate, 'airTempC' | 'relHumidityPct' | 'wind10mMs' | 'solarWm2'>;
export const WARM: Weather = { airTempC: 30, relHumidityPct: 40, wind10mMs: 1.5, solarWm2: 700 };
export const EVENING: Weather = { airTempC: 24, relHumidityPct: 55, wind10mMs: 1, solarWm2: 0 };

export function flatFrame(t: number, w: Weather): DayFrame {
  const mid = t + QUARTER / 2;
  const utciC = pointEffect({ ...w, sunElevationDeg: sunPosition(mid, CENTRE[1], CENTRE[0]).elevationDeg, dayOfYear: dayOfYearUtc(mid) }, { cover: null, grass: false, dAirK: 0 })!.utciBefore;
  const stations: StationClimate[] = [[-3000, -2000], [3000, -1500], [0, 3000]].map(([e, n]) => {
    const [lon, lat] = offsetLonLat(CENTRE, e, n);
    return { lon, lat, ...w, utciC };
  });
  return { t, stations };
}

/** 14:00–15:00 warm and sunny, 22:00–22:30 a mild night. */
export const FLAT_DAY: DayFrame[] = [
  ...[0, 1, 2, 3].map((i) => flatFrame(DAY + 14 * 3_600_000 + i * QUARTER, WARM)),
  ...[0, 1].map((i) => flatFrame(DAY + 22 * 3_600_000 + i * QUARTER, EVENING)),
];

/** A square of `half` metres each side of CENTRE. */
export const squareAround = (half: number): Array<[number, number]> => [offsetLonLat(CENTRE, -half, -half), offsetLonLat(CENTRE, half, -half), offsetLonLat(CENTRE, half, half), offsetLonLat(CENTRE, -half, half)];
