import type { LosClass } from '../../../common/derived.js';

export type Rgb = readonly [number, number, number];

/**
 * Level of service: a sequential scale of its own, slate blue (A, free flow) through violet to a
 * bright magenta (F), rising in lightness so it also reads in grey and under colour-vision
 * deficiency. It keeps clear of the UTCI colours (green, yellow, orange, red) beneath it: each
 * colour on the map has one meaning (issue 11).
 */
export const LOS_COLORS: Record<LosClass, Rgb> = {
  A: [58, 80, 135],
  B: [78, 100, 180],
  C: [112, 104, 212],
  D: [160, 98, 222],
  E: [210, 96, 214],
  F: [255, 140, 232],
};

export const NO_DATA_COLOR: Rgb = [120, 128, 140];

/**
 * Car park occupancy 0 … 100 %: a single-hue teal ramp, dim while there is room and bright white
 * when full, so "full" stands out on the dark map and is never confused with heat or traffic.
 */
export const OCCUPANCY_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [0, [40, 96, 110]],
  [70, [70, 170, 185]],
  [90, [160, 225, 232]],
  [100, [250, 252, 255]],
];

/**
 * Soil moisture at the street trees, 0 … 100 % (the TreeSense figure, 100 = saturated): one brown hue
 * by lightness, pale sand when dry and darker earth when wet, as soil looks. Lightness alone carries it,
 * so it reads in grey and under colour-vision deficiency; the tree shape says the kind. The wet end stays
 * a mid brown: the dark basemap must not swallow a tree whose soil is fine (the symbol has a light rim).
 */
export const MOISTURE_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [0, [252, 242, 214]],
  [40, [232, 203, 145]],
  [70, [201, 148, 82]],
  [100, [160, 98, 40]],
];

/**
 * Anomaly (UTCI minus the city mean, K): ColorBrewer RdBu, a diverging scale that stays legible under
 * red-green colour-vision deficiency (blue vs. red, both sides darkening away from the near-white middle).
 */
export const ANOMALY_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [-4, [33, 102, 172]],
  [-2, [103, 169, 207]],
  [0, [247, 247, 247]],
  [2, [239, 138, 98]],
  [4, [178, 24, 43]],
];

/**
 * What-if difference (UTCI with the plan minus today, K): ColorBrewer RdBu again, stretched on the
 * cool side where shade reaches −8 K; the warm side (a crown at night keeps some warmth in) is short.
 */
export const WHATIF_DIFF_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [-8, [5, 48, 97]],
  [-4, [33, 102, 172]],
  [-2, [103, 169, 207]],
  [-0.5, [209, 229, 240]],
  [0, [247, 247, 247]],
  [1, [239, 138, 98]],
  [2, [178, 24, 43]],
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

/**
 * Charging sites by share of free points, in greys (lightness only): white diamonds have room, a
 * black one has none. Hue is left to heat, traffic and parking; the diamond shape says "charging".
 */
export const CHARGING_COLORS = {
  someFree: [242, 245, 250] as Rgb,
  fewFree: [150, 158, 170] as Rgb,
  noneFree: [24, 26, 32] as Rgb,
  broken: [88, 70, 60] as Rgb,
};

/** An RGB or RGBA colour of the map as CSS, without its alpha (legends draw on an opaque panel). */
export function rgbCss([r, g, b]: readonly number[]): string {
  return `rgb(${r}, ${g}, ${b})`;
}
