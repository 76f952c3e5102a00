import { UTCI_CATEGORIES } from '../../../common/models/heat.js';
import { rgbCss } from '../map/colors.js';
import type { ChartBand } from './TimeChart.js';

/** The UTCI assessment scale's bands from "no thermal stress" upwards, for the background of UTCI charts. */
export const UTCI_BANDS: ChartBand[] = UTCI_CATEGORIES.filter((c) => c.minC >= 9).map((c) => ({
  from: c.minC,
  to: Number.isFinite(c.maxC) ? c.maxC : 60,
  color: rgbCss(c.color),
}));

/** The left axis of a UTCI chart: at least 18 to 36 °C, so a mild day does not look like a heatwave. */
export const UTCI_AXIS: [(min: number) => number, (max: number) => number] = [(min) => Math.floor(Math.min(min, 20) - 2), (max) => Math.ceil(Math.max(max, 34) + 2)];
