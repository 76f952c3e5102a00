import type { LosClass } from '../../../common/derived.js';

export type Rgb = readonly [number, number, number];

/** Level of service: the familiar green → red traffic colours, distinguishable on a dark wall display. */
export const LOS_COLORS: Record<LosClass, Rgb> = {
  A: [26, 152, 80],
  B: [102, 189, 99],
  C: [217, 239, 139],
  D: [254, 224, 139],
  E: [244, 109, 67],
  F: [215, 48, 39],
};

export const NO_DATA_COLOR: Rgb = [120, 128, 140];

/** Car park occupancy 0 … 100 %: green while there is room, red when full. */
export const OCCUPANCY_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [0, [26, 152, 80]],
  [70, [254, 224, 139]],
  [90, [244, 109, 67]],
  [100, [215, 48, 39]],
];

export function rampColor(stops: ReadonlyArray<readonly [number, Rgb]>, value: number): Rgb {
  if (value <= stops[0][0]) return stops[0][1];
  for (let i = 1; i < stops.length; i++) {
    const [x1, c1] = stops[i];
    if (value <= x1) {
      const [x0, c0] = stops[i - 1];
      const f = (value - x0) / (x1 - x0);
      return [0, 1, 2].map((j) => Math.round(c0[j] + (c1[j] - c0[j]) * f)) as unknown as Rgb;
    }
  }
  return stops[stops.length - 1][1];
}

/** Charging sites by share of free points: none free is the signal a driver needs. */
export const CHARGING_COLORS = {
  someFree: [0, 184, 217] as Rgb,
  fewFree: [120, 144, 255] as Rgb,
  noneFree: [190, 90, 230] as Rgb,
  broken: [110, 110, 120] as Rgb,
};

export function rgbCss([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
