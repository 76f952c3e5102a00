import { saturationVapourPressureHpa, utciPolynomialOffset } from './heat-utci-polynomial.js';
import { dayOfYearUtc, meanRadiantTemperature, sunElevationDeg } from './solar.js';
import { windAt10mMs } from './wind.js';

/**
 * Heat-stress figures for the climate stations: UTCI with its ten stress categories, the NWS
 * heat index and tropical nights. Pure functions, no I/O, no Node-only imports — the server
 * derives the figures with them and the browser uses the same code for legends and tooltips.
 *
 * Related modules: heat-utci-polynomial.ts (the published coefficients), solar.ts (sun position,
 * mean radiant temperature), wind.ts (bench wind → 10 m wind).
 */

export { saturationVapourPressureHpa } from './heat-utci-polynomial.js';
export { meanRadiantTemperature, radiationBudget, sunElevationDeg } from './solar.js';
export { windAt10mMs } from './wind.js';

// ---------------------------------------------------------------------------------------------
// UTCI

/**
 * Where the polynomial approximation holds (Bröde et al. 2012). Outside, the polynomial keeps
 * returning numbers, but they are extrapolations that can be far off (e.g. +270 °C at Ta 49 °C,
 * RH 97 %), so utci() returns null instead. Bounds are inclusive.
 *
 * The vapour-pressure cap: the published limits name only Ta, Tmrt − Ta and va, but above
 * ≈ 5 kPa the polynomial runs away inside those limits (we found offsets of +56 K at 7 kPa in
 * strong wind, while up to 5 kPa offsets stay within the physiological range). 5 kPa is a dew
 * point of ≈ 33 °C, which Bochum never comes near, so the cap only guards against bad input.
 */
export const UTCI_LIMITS = {
  airTempC: { min: -50, max: 50 },
  /** Tmrt − Ta, K */
  radiantExcessK: { min: -30, max: 70 },
  /** at 10 m, m/s */
  wind10mMs: { min: 0.5, max: 17 },
  vapourPressureKpa: { max: 5 },
} as const;

export type UtciRangeProblem =
  | 'not-finite'
  | 'humidity'
  | 'air-temperature'
  | 'radiant-temperature'
  | 'wind-too-low'
  | 'wind-too-high'
  | 'vapour-pressure';

/** Why utci() would return null for these inputs, or null when they are inside the valid range. */
export function utciRangeProblem(ta: number, tmrt: number, va: number, rh: number): UtciRangeProblem | null {
  if (!Number.isFinite(ta) || !Number.isFinite(tmrt) || !Number.isFinite(va) || !Number.isFinite(rh)) return 'not-finite';
  if (rh < 0 || rh > 100) return 'humidity';
  if (ta < UTCI_LIMITS.airTempC.min || ta > UTCI_LIMITS.airTempC.max) return 'air-temperature';
  const excess = tmrt - ta;
  if (excess < UTCI_LIMITS.radiantExcessK.min || excess > UTCI_LIMITS.radiantExcessK.max) return 'radiant-temperature';
  if (va < UTCI_LIMITS.wind10mMs.min) return 'wind-too-low';
  if (va > UTCI_LIMITS.wind10mMs.max) return 'wind-too-high';
  if (vapourPressureKpa(ta, rh) > UTCI_LIMITS.vapourPressureKpa.max) return 'vapour-pressure';
  return null;
}

function vapourPressureKpa(ta: number, rh: number): number {
  return (saturationVapourPressureHpa(ta) * rh) / 100 / 10;
}

/**
 * Universal Thermal Climate Index, °C, by the operational 6th-order polynomial of Bröde et al.
 * (2012, Int J Biometeorol 56:481–494; reference program UTCI_a002.f90).
 *
 * Strict: returns null when any input is not finite or outside the approximation's range
 * (see UTCI_LIMITS, utciRangeProblem) — it never extrapolates silently. In particular wind below
 * 0.5 m/s returns null; the UTCI convention for calm air is to evaluate it at 0.5 m/s, which
 * callers do explicitly with clampWindForUtci() so the substitution is visible in their code.
 *
 * @param ta air temperature, °C
 * @param tmrt mean radiant temperature, °C
 * @param va wind speed at 10 m, m/s
 * @param rh relative humidity, % (0…100)
 */
export function utci(ta: number, tmrt: number, va: number, rh: number): number | null {
  if (utciRangeProblem(ta, tmrt, va, rh) !== null) return null;
  return ta + utciPolynomialOffset(ta, va, tmrt - ta, vapourPressureKpa(ta, rh));
}

/**
 * Calm-wind convention for UTCI: wind below 0.5 m/s (at 10 m) is evaluated as 0.5 m/s, the
 * calmest condition in the data the polynomial was fitted to (Bröde et al. 2012; the utci.org
 * calculator and ladybug-comfort do the same). Outdoors the air is never perfectly still, and
 * a still, hot afternoon is exactly when planners need a number rather than a gap; 0.5 m/s is
 * also the *least* cooling wind the model knows, so the clamped value does not understate heat
 * stress. Only the lower bound is clamped: storms above 17 m/s stay out of range (null).
 * Throws on negative or non-finite wind, which is a data error, not calm air.
 */
export function clampWindForUtci(wind10mMs: number): number {
  if (!Number.isFinite(wind10mMs) || wind10mMs < 0) throw new RangeError(`wind speed must be a finite number ≥ 0, got ${wind10mMs}`);
  return Math.max(UTCI_LIMITS.wind10mMs.min, wind10mMs);
}

export type UtciCategoryId =
  | 'extreme-cold-stress'
  | 'very-strong-cold-stress'
  | 'strong-cold-stress'
  | 'moderate-cold-stress'
  | 'slight-cold-stress'
  | 'no-thermal-stress'
  | 'moderate-heat-stress'
  | 'strong-heat-stress'
  | 'very-strong-heat-stress'
  | 'extreme-heat-stress';

/** sRGB 0…255 — the same tuple type the map layers pass to deck.gl. */
export type Rgb = [number, number, number];

export interface UtciCategory {
  id: UtciCategoryId;
  /** German label, e.g. "starker Hitzestress" */
  labelDe: string;
  /** English label, e.g. "strong heat stress" */
  labelEn: string;
  /** lower bound, °C, inclusive (−Infinity for the coldest class) */
  minC: number;
  /** upper bound, °C, exclusive (Infinity for the hottest class) */
  maxC: number;
  /** legend colour */
  color: Rgb;
}

/**
 * The UTCI assessment scale (Błażejczyk et al. 2013, Geographia Polonica 86:5–10; utci.org),
 * coldest first. Boundaries: every class is [minC, maxC) — a value exactly on a boundary
 * belongs to the warmer class: 26 → moderate heat stress, 32 → strong, 38 → very strong,
 * 46 → extreme heat stress, and on the cold side −40 → very strong cold stress, 0 → slight
 * cold stress, 9 → no thermal stress. One rule for all nine boundaries, so a legend and a
 * threshold alarm can never disagree.
 * Colours follow the customary UTCI scale: dark blue for extreme cold through lighter blues,
 * green for no stress, then orange, red and dark red for heat.
 */
export const UTCI_CATEGORIES: readonly UtciCategory[] = Object.freeze([
  { id: 'extreme-cold-stress', labelDe: 'extremer Kältestress', labelEn: 'extreme cold stress', minC: -Infinity, maxC: -40, color: [0, 32, 96] },
  { id: 'very-strong-cold-stress', labelDe: 'sehr starker Kältestress', labelEn: 'very strong cold stress', minC: -40, maxC: -27, color: [0, 64, 160] },
  { id: 'strong-cold-stress', labelDe: 'starker Kältestress', labelEn: 'strong cold stress', minC: -27, maxC: -13, color: [0, 112, 192] },
  { id: 'moderate-cold-stress', labelDe: 'mäßiger Kältestress', labelEn: 'moderate cold stress', minC: -13, maxC: 0, color: [0, 160, 224] },
  { id: 'slight-cold-stress', labelDe: 'schwacher Kältestress', labelEn: 'slight cold stress', minC: 0, maxC: 9, color: [140, 210, 240] },
  { id: 'no-thermal-stress', labelDe: 'kein thermischer Stress', labelEn: 'no thermal stress', minC: 9, maxC: 26, color: [0, 176, 80] },
  { id: 'moderate-heat-stress', labelDe: 'mäßiger Hitzestress', labelEn: 'moderate heat stress', minC: 26, maxC: 32, color: [255, 192, 0] },
  { id: 'strong-heat-stress', labelDe: 'starker Hitzestress', labelEn: 'strong heat stress', minC: 32, maxC: 38, color: [255, 112, 0] },
  { id: 'very-strong-heat-stress', labelDe: 'sehr starker Hitzestress', labelEn: 'very strong heat stress', minC: 38, maxC: 46, color: [220, 0, 0] },
  { id: 'extreme-heat-stress', labelDe: 'extremer Hitzestress', labelEn: 'extreme heat stress', minC: 46, maxC: Infinity, color: [128, 0, 0] },
] satisfies UtciCategory[]);

/** The stress category of a UTCI value, °C. Throws on NaN (there is no category for "no value"). */
export function utciCategory(utciC: number): UtciCategory {
  if (Number.isNaN(utciC)) throw new RangeError('UTCI value is NaN');
  for (const category of UTCI_CATEGORIES) {
    if (utciC >= category.minC && utciC < category.maxC) return category;
  }
  return UTCI_CATEGORIES[UTCI_CATEGORIES.length - 1]; // +Infinity
}

// ---------------------------------------------------------------------------------------------
// Heat index

const cToF = (c: number) => (c * 9) / 5 + 32;
const fToC = (f: number) => ((f - 32) * 5) / 9;

/**
 * Heat index, °C — the US National Weather Service algorithm: the Rothfusz (1990) regression of
 * Steadman's apparent temperature with the NWS adjustments for very dry and very humid air, and
 * Steadman's simple formula where the regression does not apply
 * (https://www.wpc.ncep.noaa.gov/html/heatindex_equation.shtml).
 *
 * A familiar second figure for hot, humid weather; it ignores wind and sun (it assumes shade and
 * a light breeze), so it is no substitute for UTCI. Below ≈ 27 °C (80 °F) it stays within a few
 * kelvin of the air temperature and says little.
 * Throws on non-finite input or humidity outside 0…100 %.
 */
export function heatIndex(airTempC: number, relHumidityPct: number): number {
  if (!Number.isFinite(airTempC) || !Number.isFinite(relHumidityPct) || relHumidityPct < 0 || relHumidityPct > 100) {
    throw new RangeError(`heat index needs a finite temperature and 0…100 % humidity, got ${airTempC} °C, ${relHumidityPct} %`);
  }
  const t = cToF(airTempC);
  const rh = relHumidityPct;
  // NWS: compute the simple formula, average it with the temperature; from 80 °F on use the regression.
  const simple = 0.5 * (t + 61 + (t - 68) * 1.2 + rh * 0.094);
  if ((simple + t) / 2 < 80) return fToC(simple);
  let hi =
    -42.379 +
    2.04901523 * t +
    10.14333127 * rh -
    0.22475541 * t * rh -
    6.83783e-3 * t * t -
    5.481717e-2 * rh * rh +
    1.22874e-3 * t * t * rh +
    8.5282e-4 * t * rh * rh -
    1.99e-6 * t * t * rh * rh;
  if (rh < 13 && t >= 80 && t <= 112) {
    hi -= ((13 - rh) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
  } else if (rh > 85 && t >= 80 && t <= 87) {
    hi += ((rh - 85) / 10) * ((87 - t) / 5);
  }
  return fToC(hi);
}

// ---------------------------------------------------------------------------------------------
// Tropical night

/** Threshold of a tropical night (DWD "Tropennacht"): the night's minimum stays at or above 20 °C. */
export const TROPICAL_NIGHT_MIN_C = 20;

/** True when the night's minimum air temperature is ≥ 20 °C. NaN is never a tropical night. */
export function isTropicalNight(minTempC: number): boolean {
  return minTempC >= TROPICAL_NIGHT_MIN_C;
}

// ---------------------------------------------------------------------------------------------
// One station reading → all heat figures

export interface StationHeatInput {
  /** air temperature, °C */
  airTempC: number;
  /** relative humidity, % */
  relHumidityPct: number;
  /** wind at bench height (≈1.1 m), km/h */
  windKmh: number;
  /** global horizontal radiation, W/m² */
  solarWm2: number;
  /** measurement time, epoch ms (UTC) or Date */
  ts: number | Date;
  /** station position, degrees */
  lat: number;
  lon: number;
}

interface StationHeatCommon {
  /** estimated mean radiant temperature (open site, standing person), °C */
  tmrtC: number;
  /** measured wind converted to 10 m, m/s — before the calm-wind clamp UTCI applies */
  wind10mMs: number;
  /** NWS heat index, °C */
  heatIndexC: number;
  /** apparent sun elevation at the station, degrees */
  sunElevationDeg: number;
}

/** UTCI and its category come together: both present, or both null (outside the valid range). */
export type StationHeatStress =
  | (StationHeatCommon & { utciC: number; category: UtciCategory })
  | (StationHeatCommon & { utciC: null; category: null });

/**
 * All heat-stress figures for one climate-station reading, as the server derives them and the
 * client shows them. Wind below 0.5 m/s at 10 m is clamped for UTCI (clampWindForUtci); UTCI is
 * null only outside the approximation's range (e.g. gale-force wind, see UTCI_LIMITS).
 * Throws on non-finite or negative-wind input (readings are schema-validated before this).
 */
export function heatStressFromStation(input: StationHeatInput): StationHeatStress {
  const { airTempC, relHumidityPct, windKmh, solarWm2, ts, lat, lon } = input;
  const elevation = sunElevationDeg(ts, lat, lon);
  const tmrtC = meanRadiantTemperature({
    airTempC,
    solarWm2,
    sunElevationDeg: elevation,
    relHumidityPct,
    dayOfYear: dayOfYearUtc(ts),
  });
  const wind10mMs = windAt10mMs(windKmh);
  const heatIndexC = heatIndex(airTempC, relHumidityPct);
  const utciC = utci(airTempC, tmrtC, clampWindForUtci(wind10mMs), relHumidityPct);
  // one object, not a spread of a second: the ingest path derives this for every climate reading
  return utciC === null
    ? { tmrtC, wind10mMs, heatIndexC, sunElevationDeg: elevation, utciC: null, category: null }
    : { tmrtC, wind10mMs, heatIndexC, sunElevationDeg: elevation, utciC, category: utciCategory(utciC) };
}
