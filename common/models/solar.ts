import { getPosition } from 'suncalc';
import { saturationVapourPressureHpa } from './heat-utci-polynomial.js';

/**
 * Mean radiant temperature (Tmrt) of a standing person in the open, estimated from what the
 * smart benches measure: air temperature, humidity and global horizontal radiation — plus the
 * sun's position, which we compute.
 *
 * Method (all published; the combination is ours):
 *  1. Split global radiation G into diffuse and direct parts with the clearness index
 *     kt = G / (I0 · sin h) and the diffuse-fraction correlation of Erbs, Klein & Duffie (1982),
 *     Solar Energy 28:293–302. One station, no separate diffuse sensor: this is the
 *     standard fallback and good to roughly ±15 % in the diffuse part on hourly data.
 *  2. Tmrt for a rotationally symmetric standing person as used for ERA5-HEAT
 *     (Di Napoli et al. 2020, Int J Biometeorol 64:1233–1245, after VDI 3787 Part 2 and
 *     Jendritzky 1990): half of the body sees the sky hemisphere, half the ground, and the
 *     direct beam falls on the projected area factor fp(h) of Jendritzky (1990):
 *        σ·Tmrt⁴ = ½(L↓ + L↑) + (αk/εp) · (½(D + ρG) + fp·I)
 *     with αk = 0.7 (short-wave absorption of clothed skin), εp = 0.97 (body emissivity).
 *  3. Long-wave from the sky: Brutsaert (1975) clear-sky emissivity from air temperature and
 *     vapour pressure, raised for clouds as in Crawford & Duchon (1999, J Appl Meteorol
 *     38:474–480): ε = c + (1 − c)·ε_clear. In daylight the cloud fraction c comes from the
 *     measured radiation (1 − kt/0.75, with 0.75·I0·sin h the FAO-56 clear-sky estimate,
 *     Allen et al. 1998); at night nothing tells us the cloud cover, so a half-covered sky is
 *     assumed (c = 0.5). That puts night Tmrt ≈ 4 K below air temperature, between a clear
 *     night (≈ 8 K below) and overcast (≈ 0.5 K below); callers who know c can pass it.
 *  4. Long-wave from the ground: emissivity 0.95, albedo 0.15 (SOLWEIG defaults, Lindberg et
 *     al. 2008). Sunlit paving is much warmer than the air; SOLWEIG models its midday excess as
 *     0.37·h_max − 3.41 K (Bogren et al. 2000), ≈ 19 K for Bochum at midsummer under ≈ 850 W/m².
 *     We scale that linearly with the measured G (0.02 K per W/m²).
 *
 * Limits (why the result is an estimate, not a measurement):
 *  - open site, full sky view: no shading by buildings or trees, no warm walls. A bench in the
 *    shade of a tree has a much lower Tmrt than this in the day, a bench in a narrow street a
 *    slightly higher one at night;
 *  - the ground warms instantly with G: mornings come out a little too hot, evenings (warm
 *    paving after sunset) too cool;
 *  - below about 5° sun elevation the split is unreliable and everything counts as diffuse
 *    below 2°.
 *
 * Pure, no I/O, no Node-only imports.
 */

export const STEFAN_BOLTZMANN = 5.670374419e-8; // W m⁻² K⁻⁴
/** Total solar irradiance at 1 AU, W/m² (Kopp & Lean 2011). */
export const SOLAR_CONSTANT_WM2 = 1361;
/** Short-wave absorption coefficient of a clothed person. */
export const BODY_SHORTWAVE_ABSORPTION = 0.7;
/** Long-wave emissivity of a clothed person. */
export const BODY_EMISSIVITY = 0.97;
export const GROUND_ALBEDO = 0.15;
export const GROUND_EMISSIVITY = 0.95;
/** Excess of sunlit ground surface over air temperature per W/m² of global radiation, K. */
export const GROUND_WARMING_K_PER_WM2 = 0.02;
/** Cloud fraction assumed when the sun is too low to infer it. */
export const DEFAULT_CLOUD_FRACTION = 0.5;
/** Relative humidity assumed when none is given, %. Enters only via sky emissivity (∝ e^(1/7)). */
export const DEFAULT_REL_HUMIDITY_PCT = 50;
/** Below this sun elevation all global radiation is treated as diffuse, degrees. */
export const MIN_DIRECT_ELEVATION_DEG = 2;
/** Upper bound for the derived direct-normal irradiance; the clear atmosphere never lets more through, W/m². */
export const MAX_DIRECT_NORMAL_WM2 = 1100;

const KELVIN = 273.15;
const DEG = Math.PI / 180;

function toDate(ts: Date | number): Date {
  const date = ts instanceof Date ? ts : new Date(ts);
  if (!Number.isFinite(date.getTime())) throw new RangeError(`invalid time ${String(ts)}`);
  return date;
}

/**
 * Apparent (refraction-corrected) elevation of the sun's centre above the horizon, degrees.
 * suncalc ≥ 2 returns degrees; version 1 returned radians, so a downgrade would break this —
 * the tests pin Bochum's midsummer noon elevation to catch it.
 */
export function sunElevationDeg(ts: Date | number, lat: number, lon: number): number {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new RangeError(`invalid position lat ${lat}, lon ${lon}`);
  }
  return getPosition(toDate(ts), lat, lon).altitude;
}

/** Sun elevation (as sunElevationDeg) and azimuth, degrees clockwise from north: where shadows fall. */
export function sunPosition(ts: Date | number, lat: number, lon: number): { elevationDeg: number; azimuthDeg: number } {
  const elevationDeg = sunElevationDeg(ts, lat, lon);
  return { elevationDeg, azimuthDeg: getPosition(toDate(ts), lat, lon).azimuth };
}

/** Day of the year in UTC, 1 … 366. */
export function dayOfYearUtc(ts: Date | number): number {
  const date = toDate(ts);
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - start) / 86_400_000) + 1;
}

/**
 * Solar irradiance at the top of the atmosphere on a surface normal to the beam, W/m², with the
 * usual first-order correction for the Earth–Sun distance (Duffie & Beckman, eq. 1.4.1a).
 * Without a day of year the mean distance is used (error ≤ 3.3 %).
 */
export function extraterrestrialIrradianceWm2(dayOfYear?: number): number {
  if (dayOfYear === undefined) return SOLAR_CONSTANT_WM2;
  return SOLAR_CONSTANT_WM2 * (1 + 0.033 * Math.cos((2 * Math.PI * dayOfYear) / 365));
}

/** Diffuse fraction of global horizontal radiation from the clearness index, Erbs et al. (1982). */
export function erbsDiffuseFraction(clearnessIndex: number): number {
  const kt = clearnessIndex;
  if (kt <= 0.22) return 1 - 0.09 * kt;
  if (kt <= 0.8) return 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4;
  return 0.165;
}

export interface RadiationSplit {
  /** G / (I0 · sin h), capped at 1; null when the sun is too low for it to mean anything */
  clearnessIndex: number | null;
  /** diffuse horizontal irradiance, W/m² */
  diffuseWm2: number;
  /** direct (beam) irradiance on a horizontal surface, W/m² */
  directHorizontalWm2: number;
  /** direct (beam) irradiance on a surface normal to the sun, W/m² */
  directNormalWm2: number;
}

/** Splits measured global horizontal radiation into diffuse and direct parts (Erbs et al. 1982). */
export function splitGlobalRadiation(globalWm2: number, sunElevationDeg: number, dayOfYear?: number): RadiationSplit {
  if (!Number.isFinite(globalWm2) || !Number.isFinite(sunElevationDeg)) {
    throw new RangeError(`radiation and sun elevation must be finite, got ${globalWm2}, ${sunElevationDeg}`);
  }
  const g = Math.max(0, globalWm2);
  if (sunElevationDeg < MIN_DIRECT_ELEVATION_DEG) {
    return { clearnessIndex: null, diffuseWm2: g, directHorizontalWm2: 0, directNormalWm2: 0 };
  }
  const sinH = Math.sin(sunElevationDeg * DEG);
  const kt = Math.min(1, g / (extraterrestrialIrradianceWm2(dayOfYear) * sinH));
  const diffuse = erbsDiffuseFraction(kt) * g;
  const directNormal = Math.min(MAX_DIRECT_NORMAL_WM2, (g - diffuse) / sinH);
  return {
    clearnessIndex: kt,
    diffuseWm2: g - directNormal * sinH,
    directHorizontalWm2: directNormal * sinH,
    directNormalWm2: directNormal,
  };
}

/**
 * Projected area factor of a standing person for the direct solar beam, Jendritzky (1990):
 * fp = 0.308 · cos(h · (0.998 − h²/50000)), h in degrees. 0.308 for sun at the horizon (the
 * beam hits the whole front), ≈ 0.08 for the sun overhead (only head and shoulders).
 */
export function projectedAreaFactorStanding(sunElevationDeg: number): number {
  const h = Math.min(90, Math.max(0, sunElevationDeg));
  return 0.308 * Math.cos(h * (0.998 - (h * h) / 50000) * DEG);
}

/** Clear-sky atmospheric emissivity, Brutsaert (1975): 1.24 · (e/T)^(1/7), e in hPa, T in K. */
export function clearSkyEmissivity(airTempC: number, vapourPressureHpa: number): number {
  return Math.min(1, 1.24 * (Math.max(0, vapourPressureHpa) / (airTempC + KELVIN)) ** (1 / 7));
}

/** Emissivity of a partly clouded sky, Crawford & Duchon (1999): c + (1 − c)·ε_clear. */
export function cloudySkyEmissivity(clearSky: number, cloudFraction: number): number {
  const c = Math.min(1, Math.max(0, cloudFraction));
  return c + (1 - c) * clearSky;
}

/** Cloud fraction from the clearness index, with 0.75 as the clear-sky clearness (FAO-56). */
export function cloudFractionFromClearness(clearnessIndex: number): number {
  return Math.min(1, Math.max(0, 1 - clearnessIndex / 0.75));
}

export interface MeanRadiantTemperatureInput {
  /** air temperature, °C */
  airTempC: number;
  /** global horizontal radiation, W/m² */
  solarWm2: number;
  /** apparent sun elevation, degrees (negative below the horizon) — see sunElevationDeg() */
  sunElevationDeg: number;
  /** relative humidity, % (default 50) */
  relHumidityPct?: number;
  /** day of the year, for the Earth–Sun distance (default: mean distance) */
  dayOfYear?: number;
  /** known cloud fraction 0…1; by default inferred from the radiation in daylight, 0.5 at night */
  cloudFraction?: number;
  /** something over the person (a tree crown, a shade sail) or another ground; default: the open paved site */
  cover?: SiteCover;
}

/**
 * What a measure changes in the radiation budget (heat-measures.ts gives the values and their
 * sources). Without it the budget is that of the open, paved site described above.
 */
export interface SiteCover {
  /** share of the direct beam that reaches the person and the ground beneath, 0…1 (open: 1) */
  beamTransmissivity: number;
  /** share of the sky hemisphere still seen, 0…1 (open: 1); the rest is the cover's underside */
  skyViewFactor: number;
  /** the cover's underside against the air temperature, K (transpiring leaves ≈ 0, sunlit fabric more) */
  coverExcessK: number;
  /** the ground's surface warming per W/m² reaching it, K (default GROUND_WARMING_K_PER_WM2, paving) */
  groundWarmingKPerWm2?: number;
}

export interface RadiationBudget {
  /** mean radiant temperature, °C */
  tmrtC: number;
  split: RadiationSplit;
  /** cloud fraction used for the sky long-wave */
  cloudFraction: number;
  skyEmissivity: number;
  /** estimated ground surface temperature, °C */
  groundTempC: number;
  /** long-wave from sky and ground, W/m² */
  longwaveDownWm2: number;
  longwaveUpWm2: number;
  projectedAreaFactor: number;
}

/** Tmrt with the intermediate quantities, for tooltips and tests. See the module comment for the method. */
export function radiationBudget(input: MeanRadiantTemperatureInput): RadiationBudget {
  const { airTempC, solarWm2, sunElevationDeg: elevation } = input;
  const rh = input.relHumidityPct ?? DEFAULT_REL_HUMIDITY_PCT;
  for (const [name, v] of [['airTempC', airTempC], ['solarWm2', solarWm2], ['sunElevationDeg', elevation], ['relHumidityPct', rh]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${v}`);
  }
  if (input.cloudFraction !== undefined && !(input.cloudFraction >= 0 && input.cloudFraction <= 1)) {
    throw new RangeError(`cloudFraction must be within 0…1, got ${input.cloudFraction}`);
  }
  const g = Math.max(0, solarWm2);
  const split = splitGlobalRadiation(g, elevation, input.dayOfYear);

  // Clouds from the radiation only where the clear-sky reference means something: full weight
  // from 15° up, fading into the night-time assumption towards 5° (kt falls at low sun anyway).
  let cloudFraction = input.cloudFraction ?? DEFAULT_CLOUD_FRACTION;
  if (input.cloudFraction === undefined && split.clearnessIndex !== null) {
    const w = Math.min(1, Math.max(0, (elevation - 5) / 10));
    cloudFraction = w * cloudFractionFromClearness(split.clearnessIndex) + (1 - w) * DEFAULT_CLOUD_FRACTION;
  }

  const taK = airTempC + KELVIN;
  const vapourHpa = (saturationVapourPressureHpa(airTempC) * Math.min(100, Math.max(0, rh))) / 100;
  const skyEmissivity = cloudySkyEmissivity(clearSkyEmissivity(airTempC, vapourHpa), cloudFraction);
  // A cover replaces part of the sky by its underside (a black body at its own temperature) and
  // lets only part of the beam through, to the person and to the ground around them.
  const cover = input.cover;
  const svf = cover ? Math.min(1, Math.max(0, cover.skyViewFactor)) : 1;
  const beam = cover ? Math.min(1, Math.max(0, cover.beamTransmissivity)) : 1;
  const skyLongwave = skyEmissivity * STEFAN_BOLTZMANN * taK ** 4;
  const longwaveDown = cover ? svf * skyLongwave + (1 - svf) * STEFAN_BOLTZMANN * (taK + cover.coverExcessK) ** 4 : skyLongwave;

  const groundWm2 = cover ? beam * split.directHorizontalWm2 + svf * split.diffuseWm2 : g;
  const groundTempC = airTempC + (cover?.groundWarmingKPerWm2 ?? GROUND_WARMING_K_PER_WM2) * groundWm2;
  const longwaveUp =
    GROUND_EMISSIVITY * STEFAN_BOLTZMANN * (groundTempC + KELVIN) ** 4 + (1 - GROUND_EMISSIVITY) * longwaveDown;

  const fp = projectedAreaFactorStanding(elevation);
  const shortwave = 0.5 * (svf * split.diffuseWm2 + GROUND_ALBEDO * groundWm2) + fp * beam * split.directNormalWm2;
  const absorbed = 0.5 * (longwaveDown + longwaveUp) + (BODY_SHORTWAVE_ABSORPTION / BODY_EMISSIVITY) * shortwave;
  const tmrtC = (absorbed / STEFAN_BOLTZMANN) ** 0.25 - KELVIN;

  return {
    tmrtC,
    split,
    cloudFraction,
    skyEmissivity,
    groundTempC,
    longwaveDownWm2: longwaveDown,
    longwaveUpWm2: longwaveUp,
    projectedAreaFactor: fp,
  };
}

/** Mean radiant temperature of a standing person in the open, °C. Throws on non-finite input. */
export function meanRadiantTemperature(input: MeanRadiantTemperatureInput): number {
  return radiationBudget(input).tmrtC;
}
