import { LocalProjection, type LonLat } from '../geo.js';
import { treePositions, type Measure } from '../measures.js';
import { STRONG_HEAT_STRESS_C, type Place } from '../places.js';
import { insideRings } from './heat-anomaly.js';
import {
  combineChanges,
  crownCentreHeightM,
  daylightWeight,
  greenAirCoolingK,
  NO_CHANGE,
  pointEffect,
  SAIL_HEIGHT_M,
  shadowOffsetM,
  TREE_AIR_COOLING_K,
  WATER_REACH_M,
  waterAirCoolingK,
  type PointChange,
  type Sun,
} from './heat-measures.js';
import { idw, type Sample } from './idw.js';

/**
 * A plan applied to the heat surface at one instant: where its measures act (a sparse raster of
 * small cells), the UTCI change there, the district figures before and after and the vulnerable
 * places that leave a stress category. Pure and synchronous, so the client recomputes it while a
 * measure is drawn (bench/heat-plan.ts measures how long that takes).
 *
 * "Before" is the surface the map shows: the IDW of station UTCI (heat-surface.ts, district-heat.ts,
 * place-exposure.ts). The change at a cell comes from pointEffect with the weather interpolated from
 * the stations at that cell, so a measure changes the surface only where it acts.
 */

/** Side of a raster cell, m: a street tree's crown covers a few cells. */
export const PLAN_CELL_M = 4;
/** Side of the cells over which the weather is interpolated once, m (the stations are kilometres apart). */
const WEATHER_CELL_M = 100;
/** Side of the cells that sample each district's area for the "before" figures, m. */
const DISTRICT_CELL_M = 200;
/** UTCI category bounds: strong and very strong heat stress (Błażejczyk et al. 2013). */
export const VERY_STRONG_HEAT_STRESS_C = 38;

export interface StationClimate {
  lon: number;
  lat: number;
  airTempC: number;
  relHumidityPct: number;
  wind10mMs: number;
  solarWm2: number;
  /** the station's UTCI, as the surface interpolates it */
  utciC: number;
}

export interface DistrictShape {
  name: string;
  rings: ReadonlyArray<ReadonlyArray<LonLat>>;
}

/** What does not change between evaluations: the planar frame, the districts and their sample cells. */
export interface PlanFrame {
  proj: LocalProjection;
  districts: ReadonlyArray<{ name: string; rings: ReadonlyArray<ReadonlyArray<LonLat>>; cells: Array<{ x: number; y: number }> }>;
  places: ReadonlyArray<Place>;
}

/** `refLat`: the heat surface's (the middle of the city's bounds), so interpolated values match the map exactly. */
export function planFrame(refLat: number, districts: ReadonlyArray<DistrictShape>, places: ReadonlyArray<Place>): PlanFrame {
  const proj = new LocalProjection(refLat);
  const out = districts.map((d) => {
    const all = d.rings.flat();
    const [w, e] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
    const [s, n] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
    const cells: Array<{ x: number; y: number }> = [];
    for (let x = Math.floor(proj.x(w) / DISTRICT_CELL_M) * DISTRICT_CELL_M + DISTRICT_CELL_M / 2; x < proj.x(e); x += DISTRICT_CELL_M) {
      for (let y = Math.floor(proj.y(s) / DISTRICT_CELL_M) * DISTRICT_CELL_M + DISTRICT_CELL_M / 2; y < proj.y(n); y += DISTRICT_CELL_M) {
        if (insideRings(d.rings, x / proj.kx, y / proj.ky)) cells.push({ x, y });
      }
    }
    return { name: d.name, rings: d.rings, cells };
  });
  return { proj, districts: out, places };
}

export interface DistrictChange {
  district: string;
  meanBefore: number;
  meanAfter: number;
  /**
   * the hottest point, over the district's sample cells and the plan's cells in it, without and with
   * the plan (the same points both times, so a measure that warms at night shows too)
   */
  maxBefore: number;
  maxAfter: number;
  /** area shares at UTCI ≥ 32 and ≥ 38 °C, 0 … 1 */
  shareStrongBefore: number;
  shareStrongAfter: number;
  shareVeryStrongBefore: number;
  shareVeryStrongAfter: number;
  /** area the plan changes in the district, m² */
  affectedM2: number;
}

export interface PlaceChange {
  id: string;
  before: number;
  after: number;
}

export interface PlanCell {
  /** centre, lon/lat */
  lon: number;
  lat: number;
  before: number;
  after: number;
}

export interface PlanResult {
  sun: Sun;
  cellM: number;
  /** every cell a measure acts on (where UTCI is defined) */
  cells: PlanCell[];
  districts: DistrictChange[];
  /** places whose UTCI the plan changes */
  places: PlaceChange[];
  /** the largest cooling anywhere, K (≤ 0), and the largest change at a place */
  strongestK: number;
}

/** Cells by index: ix · 2²² + iy (positive indices: Bochum lies east of Greenwich and north of the equator). */
type Cells = Map<number, PointChange>;
const KEY_SPAN = 1 << 22;
const keyOf = (ix: number, iy: number) => ix * KEY_SPAN + (iy & (KEY_SPAN - 1));

function mark(cells: Cells, ix: number, iy: number, change: PointChange) {
  const k = keyOf(ix, iy);
  const had = cells.get(k);
  cells.set(k, had ? combineChanges(had, change) : change);
}

function polygonXY(proj: LocalProjection, ring: ReadonlyArray<LonLat>, dx = 0, dy = 0): Array<[number, number]> {
  return ring.map(([lon, lat]) => [proj.x(lon) + dx, proj.y(lat) + dy]);
}

function insidePolygon(poly: ReadonlyArray<readonly [number, number]>, x: number, y: number): boolean {
  return insideRings([poly], x, y);
}

function distanceToEdge(poly: ReadonlyArray<readonly [number, number]>, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j];
    const [bx, by] = poly[i];
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
    best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
  }
  return best;
}

function areaM2(poly: ReadonlyArray<readonly [number, number]>): number {
  let a = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) a += poly[j][0] * poly[i][1] - poly[i][0] * poly[j][1];
  return Math.abs(a) / 2;
}

function forCellsInBox(x0: number, y0: number, x1: number, y1: number, fn: (ix: number, iy: number, cx: number, cy: number) => void) {
  const c = PLAN_CELL_M;
  for (let ix = Math.floor(x0 / c); ix <= Math.floor(x1 / c); ix++) {
    for (let iy = Math.floor(y0 / c); iy <= Math.floor(y1 / c); iy++) fn(ix, iy, (ix + 0.5) * c, (iy + 0.5) * c);
  }
}

function boxOf(poly: ReadonlyArray<readonly [number, number]>) {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
}

/** Rasterises the measures into what they change per cell (in the frame's metres). */
export function rasterisePlan(proj: LocalProjection, plan: ReadonlyArray<Measure>, sun: Sun): Cells {
  const cells: Cells = new Map();
  const day = daylightWeight(sun);
  for (const m of plan) {
    if (m.type === 'trees') {
      const r = m.crownDiameterM / 2;
      const { dx, dy } = shadowOffsetM(crownCentreHeightM(m.crownDiameterM), sun);
      const change: PointChange = { cover: 'tree', grass: false, dAirK: -TREE_AIR_COOLING_K * day };
      for (const [lon, lat] of treePositions(m)) {
        const sx = proj.x(lon) + dx;
        const sy = proj.y(lat) + dy;
        let any = false;
        forCellsInBox(sx - r, sy - r, sx + r, sy + r, (ix, iy, cx, cy) => {
          if (Math.hypot(cx - sx, cy - sy) <= r) {
            mark(cells, ix, iy, change);
            any = true;
          }
        });
        // a crown smaller than a cell still shades the cell it falls in
        if (!any) mark(cells, Math.floor(sx / PLAN_CELL_M), Math.floor(sy / PLAN_CELL_M), change);
      }
    } else if (m.type === 'shade') {
      const { dx, dy } = shadowOffsetM(SAIL_HEIGHT_M, sun);
      const poly = polygonXY(proj, m.polygon, dx, dy);
      const [x0, y0, x1, y1] = boxOf(poly);
      forCellsInBox(x0, y0, x1, y1, (ix, iy, cx, cy) => {
        if (insidePolygon(poly, cx, cy)) mark(cells, ix, iy, { cover: 'sail', grass: false, dAirK: 0 });
      });
    } else if (m.type === 'green') {
      const poly = polygonXY(proj, m.polygon);
      // the park width of the cool-island rule: the diameter of a circle of the same area
      const width = 2 * Math.sqrt(areaM2(poly) / Math.PI);
      const [x0, y0, x1, y1] = boxOf(poly);
      forCellsInBox(x0 - width, y0 - width, x1 + width, y1 + width, (ix, iy, cx, cy) => {
        const inside = insidePolygon(poly, cx, cy);
        const dAirK = greenAirCoolingK(inside ? 0 : distanceToEdge(poly, cx, cy), width);
        if (inside || dAirK < 0) mark(cells, ix, iy, { cover: null, grass: inside, dAirK });
      });
    } else {
      const cx0 = proj.x(m.at[0]);
      const cy0 = proj.y(m.at[1]);
      const reach = m.radiusM + WATER_REACH_M;
      forCellsInBox(cx0 - reach, cy0 - reach, cx0 + reach, cy0 + reach, (ix, iy, cx, cy) => {
        const dAirK = waterAirCoolingK(Math.hypot(cx - cx0, cy - cy0) - m.radiusM);
        if (dAirK < 0) mark(cells, ix, iy, { cover: null, grass: false, dAirK });
      });
    }
  }
  return cells;
}

/**
 * The plan at one instant. `stations`: the displayed stations with their readings; `sun`: its
 * position at that instant over the city; `dayOfYear` for the radiation budget.
 */
export function evaluatePlan(frame: PlanFrame, stations: ReadonlyArray<StationClimate>, plan: ReadonlyArray<Measure>, sun: Sun, dayOfYear: number): PlanResult {
  const { proj } = frame;
  const km = (s: StationClimate) => ({ x: proj.x(s.lon) / 1000, y: proj.y(s.lat) / 1000 });
  const sample = (pick: (s: StationClimate) => number): Sample[] => stations.map((s) => ({ ...km(s), value: pick(s) }));
  const utciS = sample((s) => s.utciC);
  const fields = {
    ta: sample((s) => s.airTempC),
    rh: sample((s) => s.relHumidityPct),
    va: sample((s) => s.wind10mMs),
    g: sample((s) => s.solarWm2),
  };
  const surfaceAt = (x: number, y: number) => idw(utciS, x / 1000, y / 1000);

  // before: each district's sample cells
  const districts = frame.districts.map((d) => {
    let sum = 0;
    let strong = 0;
    let veryStrong = 0;
    const values = d.cells.map((c) => surfaceAt(c.x, c.y));
    for (const v of values) {
      sum += v;
      if (v >= STRONG_HEAT_STRESS_C) strong++;
      if (v >= VERY_STRONG_HEAT_STRESS_C) veryStrong++;
    }
    const n = Math.max(1, d.cells.length);
    const max = values.length ? Math.max(...values) : NaN;
    return { d, values, areaM2: n * DISTRICT_CELL_M ** 2, mean: sum / n, max, maxAfter: -Infinity, strong: strong / n, veryStrong: veryStrong / n, dSum: 0, dStrong: 0, dVeryStrong: 0, affected: 0 };
  });

  if (stations.length === 0 || plan.length === 0) {
    return {
      sun,
      cellM: PLAN_CELL_M,
      cells: [],
      places: [],
      strongestK: 0,
      districts: districts.map((a) => ({
        district: a.d.name,
        meanBefore: a.mean,
        meanAfter: a.mean,
        maxBefore: a.max,
        maxAfter: a.max,
        shareStrongBefore: a.strong,
        shareStrongAfter: a.strong,
        shareVeryStrongBefore: a.veryStrong,
        shareVeryStrongAfter: a.veryStrong,
        affectedM2: 0,
      })),
    };
  }

  const raster = rasterisePlan(proj, plan, sun);
  // the weather, the surface and the district per weather cell; the effect per weather cell and change
  const weather = new Map<number, { before: number; district: number; climate: Parameters<typeof pointEffect>[0] }>();
  const effects = new Map<string, number | null>();
  const weatherAt = (x: number, y: number) => {
    const wx = Math.floor(x / WEATHER_CELL_M);
    const wy = Math.floor(y / WEATHER_CELL_M);
    const k = keyOf(wx, wy);
    let w = weather.get(k);
    if (!w) {
      const cx = ((wx + 0.5) * WEATHER_CELL_M) / 1000;
      const cy = ((wy + 0.5) * WEATHER_CELL_M) / 1000;
      const lon = (cx * 1000) / proj.kx;
      const lat = (cy * 1000) / proj.ky;
      w = {
        before: idw(utciS, cx, cy),
        district: districts.findIndex((a) => insideRings(a.d.rings, lon, lat)),
        climate: {
          airTempC: idw(fields.ta, cx, cy),
          relHumidityPct: idw(fields.rh, cx, cy),
          wind10mMs: idw(fields.va, cx, cy),
          solarWm2: idw(fields.g, cx, cy),
          sunElevationDeg: sun.elevationDeg,
          dayOfYear,
        },
      };
      weather.set(k, w);
    }
    return { w, k };
  };
  const changeK = (x: number, y: number, change: PointChange): { dUtci: number | null; before: number; district: number } => {
    const { w, k } = weatherAt(x, y);
    const ek = `${k}|${change.cover}|${change.grass}|${Math.round(change.dAirK * 50)}`;
    let d = effects.get(ek);
    if (d === undefined) {
      d = pointEffect(w.climate, { ...change, dAirK: Math.round(change.dAirK * 50) / 50 })?.dUtciK ?? null;
      effects.set(ek, d);
    }
    return { dUtci: d, before: w.before, district: w.district };
  };

  const cells: PlanCell[] = [];
  let strongestK = 0;
  const cellArea = PLAN_CELL_M ** 2;
  for (const [key, change] of raster) {
    const ix = Math.floor(key / KEY_SPAN);
    const iy = key - ix * KEY_SPAN;
    const x = (ix + 0.5) * PLAN_CELL_M;
    const y = (iy + 0.5) * PLAN_CELL_M;
    const { dUtci } = changeK(x, y, change);
    if (dUtci === null) continue;
    const before = surfaceAt(x, y);
    const after = before + dUtci;
    strongestK = Math.min(strongestK, dUtci);
    cells.push({ lon: x / proj.kx, lat: y / proj.ky, before, after });
    const { w } = weatherAt(x, y);
    const a = w.district >= 0 ? districts[w.district] : null;
    if (!a) continue;
    a.max = Math.max(a.max, before);
    a.maxAfter = Math.max(a.maxAfter, after);
    a.dSum += dUtci * cellArea;
    a.affected += cellArea;
    a.dStrong += (Number(after >= STRONG_HEAT_STRESS_C) - Number(before >= STRONG_HEAT_STRESS_C)) * cellArea;
    a.dVeryStrong += (Number(after >= VERY_STRONG_HEAT_STRESS_C) - Number(before >= VERY_STRONG_HEAT_STRESS_C)) * cellArea;
  }

  // the hottest sample cell with the plan: a sample cell under a measure takes its changed value
  for (const a of districts) {
    let maxAfter = -Infinity;
    a.d.cells.forEach((c, i) => {
      const change = raster.get(keyOf(Math.floor(c.x / PLAN_CELL_M), Math.floor(c.y / PLAN_CELL_M)));
      const dUtci = change ? (changeK(c.x, c.y, change).dUtci ?? 0) : 0;
      maxAfter = Math.max(maxAfter, a.values[i] + dUtci);
    });
    // with the plan's own cells in the district, counted as they were summed up
    a.maxAfter = Math.max(a.maxAfter, maxAfter);
  }

  const places: PlaceChange[] = [];
  for (const p of frame.places) {
    const x = proj.x(p.lon);
    const y = proj.y(p.lat);
    const change = raster.get(keyOf(Math.floor(x / PLAN_CELL_M), Math.floor(y / PLAN_CELL_M))) ?? NO_CHANGE;
    if (change === NO_CHANGE) continue;
    const { dUtci } = changeK(x, y, change);
    if (dUtci === null || dUtci === 0) continue;
    const before = surfaceAt(x, y);
    places.push({ id: p.id, before, after: before + dUtci });
  }

  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return {
    sun,
    cellM: PLAN_CELL_M,
    cells,
    places,
    strongestK,
    districts: districts.map((a) => ({
      district: a.d.name,
      meanBefore: a.mean,
      meanAfter: a.mean + a.dSum / a.areaM2,
      maxBefore: a.max,
      maxAfter: a.maxAfter,
      shareStrongBefore: a.strong,
      shareStrongAfter: clamp(a.strong + a.dStrong / a.areaM2),
      shareVeryStrongBefore: a.veryStrong,
      shareVeryStrongAfter: clamp(a.veryStrong + a.dVeryStrong / a.areaM2),
      affectedM2: a.affected,
    })),
  };
}

/** Places that leave a stress category with the plan (UTCI before ≥ bound > after). */
export function placesLeaving(changes: ReadonlyArray<PlaceChange>, boundC: number): PlaceChange[] {
  return changes.filter((c) => c.before >= boundC && c.after < boundC);
}
