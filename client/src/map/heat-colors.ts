import { UTCI_CATEGORIES } from '../../../common/models/heat.js';
import { ANOMALY_STOPS, rampColor, type Rgb } from './colors.js';
import type { HeatMode } from './layers/layer-context.js';

/**
 * The surface blends between the category colours (anchored at each category's middle), so
 * differences inside one category — 39 °C here, 45 °C there — still show on the map.
 */
const UTCI_RAMP: ReadonlyArray<readonly [number, Rgb]> = UTCI_CATEGORIES.map((c) => {
  // The open-ended extremes get an anchor 4 K beyond their boundary.
  const anchor = Number.isFinite(c.minC) && Number.isFinite(c.maxC) ? (c.minC + c.maxC) / 2 : Number.isFinite(c.minC) ? c.minC + 4 : c.maxC - 4;
  return [anchor, c.color] as const;
});
export const utciSurfaceColor = (value: number): Rgb => rampColor(UTCI_RAMP, value);

/**
 * Comfortable areas stay faint and heat stress stands out: the surface is about where people
 * suffer, and a faint green keeps the traffic colours on top readable.
 */
export const heatAlpha = (value: number): number => Math.round(45 + 170 * Math.min(1, Math.max(0, (value - 22) / 12)));

/** A cell's colour and opacity in a mode (`mean`: the city mean the anomaly mode subtracts). */
export function heatCellPaint(mode: HeatMode, mean: number): { colorOf: (v: number) => Rgb; alphaOf: (v: number) => number } {
  return mode === 'anomaly' ? { colorOf: (v) => rampColor(ANOMALY_STOPS, v - mean), alphaOf: () => 200 } : { colorOf: utciSurfaceColor, alphaOf: heatAlpha };
}
