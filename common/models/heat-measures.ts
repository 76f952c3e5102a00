import { clampWindForUtci, utci } from './heat.js';
import { GROUND_WARMING_K_PER_WM2, radiationBudget, type SiteCover } from './solar.js';

/**
 * What a heat-adaptation measure changes at a point: mean radiant temperature (Tmrt) through shade
 * and a cooler ground, air temperature (Ta) through evaporation, and with them UTCI — recomputed by
 * the one UTCI polynomial (heat.ts) from the changed Tmrt and Ta, never by a formula of its own.
 *
 * Radiation is the strong lever: under a crown on a clear summer afternoon the direct beam is gone
 * and Tmrt drops by 20–40 K, so UTCI drops by several kelvin; air temperature changes by about
 * one kelvin at most. The shade effect therefore follows the sun (solar.ts): at night a crown
 * hides nothing and even keeps a little long-wave warmth in (Knight et al. 2021: treed areas can be
 * warmer at night), so a night what-if shows almost nothing — which is the honest answer.
 *
 * Coefficients and their sources (docs/heat-what-if.md says where the evidence is thin):
 *  - Tree crown: beam transmissivity 0.08 — Konarska et al. 2014 (Theor Appl Climatol 117:363–376)
 *    measured 2–13 % for in-leaf crowns of single urban trees in Gothenburg. Sky view under a
 *    street-tree crown 0.3 (the crown fills the middle of the hemisphere). Leaves transpire and
 *    stay within about a kelvin of the air: underside = Ta. Air 0.8 K cooler beneath, in daylight
 *    (Knight et al. 2021, Environ Evid 10:12, meta-analysis update of Bowler et al. 2010).
 *  - Shade sail, pergola: beam transmissivity 0.15 (knitted shade cloth blocks 70–95 %), sky view
 *    0.3, the sunlit fabric's underside 8 K above the air (an assumption: no field study of sails
 *    in a Central European city was found), no effect on air temperature.
 *  - Green area (park, unsealing): Ta 0.94 K lower inside (Bowler et al. 2010, Landsc Urban Plan
 *    97:147–155: mean of the park cool islands in their meta-analysis), fading linearly to nothing
 *    at one park width beyond the edge (Upmanis et al. 1998, Int J Climatol 18:681–700: the
 *    cooling reached about one park width into the built-up area). Grass instead of paving warms
 *    less in the sun: 0.21/0.37 of the paving's warming (SOLWEIG's ground-temperature slopes for
 *    grass and paving, Lindberg et al. 2016 after Bogren et al. 2000). Lee et al. 2016 (Freiburg,
 *    ENVI-met) found grassland lowers Tmrt by up to 7.5 K.
 *  - Water feature: Ta 2.5 K lower at the water (Völker et al. 2013, Erdkunde 67:355–371: urban
 *    blue spaces about 2.5 K cooler than their surroundings), fading to nothing 30 m beyond its
 *    edge (their reviewed studies rarely found an effect further out). Thin evidence: measured at
 *    ponds and rivers rather than fountains.
 */

export type CoverKind = 'tree' | 'sail';

export const TREE_COVER: SiteCover = { beamTransmissivity: 0.08, skyViewFactor: 0.3, coverExcessK: 0 };
export const SAIL_COVER: SiteCover = { beamTransmissivity: 0.15, skyViewFactor: 0.3, coverExcessK: 8 };
/** Global radiation at which the sail's underside reaches SAIL_COVER.coverExcessK; it scales with the sun below that, W/m². */
const SAIL_FULL_SUN_WM2 = 800;
/** Air cooling under a crown in daylight, K (Knight et al. 2021). */
export const TREE_AIR_COOLING_K = 0.8;
/** Air cooling inside a green area, K (Bowler et al. 2010). */
export const GREEN_AIR_COOLING_K = 0.94;
/** Cool-island reach beyond a green area's edge, in park widths (Upmanis et al. 1998). */
export const GREEN_REACH_WIDTHS = 1;
/** Grass against paving: surface warming per W/m², from SOLWEIG's slopes 0.21 and 0.37 K per degree of sun. */
export const GRASS_GROUND_WARMING_RATIO = 0.21 / 0.37;
/** Air cooling at a water feature, K, and its reach beyond the edge, m (Völker et al. 2013). */
export const WATER_AIR_COOLING_K = 2.5;
export const WATER_REACH_M = 30;
/** Height of a shade sail, m: its shadow moves with the sun like a crown's. */
export const SAIL_HEIGHT_M = 3.5;
/** Longest shadow offset taken into account, m (low sun; below 2° there is no beam anyway). */
const MAX_SHADOW_OFFSET_M = 60;

/** Crown centre height of a street tree: about 3 m of clear trunk plus the crown's radius. */
export function crownCentreHeightM(crownDiameterM: number): number {
  return 3 + crownDiameterM / 2;
}

/** The sun as shade needs it: elevation and azimuth (degrees, clockwise from north). */
export interface Sun {
  elevationDeg: number;
  azimuthDeg: number;
}

/** Share of daylight for the evaporative cooling of trees: none at night, full from 10° of sun. */
export function daylightWeight(sun: Sun): number {
  return Math.min(1, Math.max(0, sun.elevationDeg / 10));
}

/**
 * Where the shadow of something `heightM` above a point falls, as an offset in metres (east, north):
 * away from the sun, heightM / tan(elevation) long. At night (sun below 2°) there is no shadow
 * and the offset is zero: what remains is the crown straight above.
 */
export function shadowOffsetM(heightM: number, sun: Sun): { dx: number; dy: number } {
  if (sun.elevationDeg < 2) return { dx: 0, dy: 0 };
  const length = Math.min(MAX_SHADOW_OFFSET_M, heightM / Math.tan((sun.elevationDeg * Math.PI) / 180));
  const away = ((sun.azimuthDeg + 180) * Math.PI) / 180;
  return { dx: length * Math.sin(away), dy: length * Math.cos(away) };
}

/** Air cooling of a green area at `outsideM` metres beyond its edge (0 or less: inside), K (≤ 0). */
export function greenAirCoolingK(outsideM: number, parkWidthM: number): number {
  const reach = GREEN_REACH_WIDTHS * parkWidthM;
  if (outsideM <= 0) return -GREEN_AIR_COOLING_K;
  if (outsideM >= reach) return 0;
  return -GREEN_AIR_COOLING_K * (1 - outsideM / reach);
}

/** Air cooling of a water feature at `outsideM` metres beyond its edge (0 or less: at the water), K (≤ 0). */
export function waterAirCoolingK(outsideM: number): number {
  if (outsideM <= 0) return -WATER_AIR_COOLING_K;
  if (outsideM >= WATER_REACH_M) return 0;
  return -WATER_AIR_COOLING_K * (1 - outsideM / WATER_REACH_M);
}

/** The weather at a point as the heat surface knows it (interpolated from the stations). */
export interface PointClimate {
  airTempC: number;
  relHumidityPct: number;
  /** wind at 10 m, m/s (before the calm-wind clamp) */
  wind10mMs: number;
  /** global horizontal radiation, W/m² */
  solarWm2: number;
  sunElevationDeg: number;
  dayOfYear: number;
}

/** What the measures together do at one point. */
export interface PointChange {
  /** shade overhead (the better one wins where a tree and a sail overlap) */
  cover: CoverKind | null;
  /** unsealed, grassed ground */
  grass: boolean;
  /** air temperature change, K (≤ 0) */
  dAirK: number;
}

export const NO_CHANGE: PointChange = Object.freeze({ cover: null, grass: false, dAirK: 0 });

export interface PointEffect {
  /** Tmrt change, K */
  dTmrtK: number;
  dAirK: number;
  utciBefore: number;
  utciAfter: number;
  /** UTCI change, K */
  dUtciK: number;
}

/**
 * UTCI before and after at a point: Tmrt of the open paved site and with the change (both from
 * radiationBudget, so only the measure differs), air temperature lowered by dAirK, UTCI from both
 * by the polynomial. Null where UTCI itself is undefined (outside its range).
 */
export function pointEffect(climate: PointClimate, change: PointChange): PointEffect | null {
  const { airTempC, relHumidityPct, solarWm2, sunElevationDeg, dayOfYear } = climate;
  const va = clampWindForUtci(climate.wind10mMs);
  const open = radiationBudget({ airTempC, solarWm2, sunElevationDeg, relHumidityPct, dayOfYear }).tmrtC;
  const before = utci(airTempC, open, va, relHumidityPct);
  if (before === null) return null;
  if (change.cover === null && !change.grass && change.dAirK === 0) return { dTmrtK: 0, dAirK: 0, utciBefore: before, utciAfter: before, dUtciK: 0 };
  const taAfter = airTempC + change.dAirK;
  const groundWarming = change.grass ? GRASS_GROUND_WARMING_RATIO : 1;
  const base =
    change.cover === 'tree'
      ? TREE_COVER
      : change.cover === 'sail'
        ? { ...SAIL_COVER, coverExcessK: SAIL_COVER.coverExcessK * Math.min(1, Math.max(0, solarWm2) / SAIL_FULL_SUN_WM2) }
        : { beamTransmissivity: 1, skyViewFactor: 1, coverExcessK: 0 };
  const cover: SiteCover = { ...base, groundWarmingKPerWm2: groundWarming * GROUND_WARMING_K_PER_WM2 };
  const tmrtAfter = radiationBudget({ airTempC: taAfter, solarWm2, sunElevationDeg, relHumidityPct, dayOfYear, cover }).tmrtC;
  const after = utci(taAfter, tmrtAfter, va, relHumidityPct);
  if (after === null) return null;
  return { dTmrtK: tmrtAfter - open, dAirK: change.dAirK, utciBefore: before, utciAfter: after, dUtciK: after - before };
}

/**
 * Two measures at the same point: the better shade (a crown shades more than a sail), grass if
 * either unseals, the stronger air cooling (cool islands do not add up: the air mixes).
 */
export function combineChanges(a: PointChange, b: PointChange): PointChange {
  const cover = a.cover === 'tree' || b.cover === 'tree' ? 'tree' : (a.cover ?? b.cover);
  return { cover, grass: a.grass || b.grass, dAirK: Math.min(a.dAirK, b.dAirK) };
}
