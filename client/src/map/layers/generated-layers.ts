import { ColumnLayer, ScatterplotLayer } from '@deck.gl/layers';
import { STALE_AFTER_MS } from '../../../../common/freshness.js';
import { levelOfService } from '../../../../common/models/traffic.js';
import { LOS_COLORS, NO_DATA_COLOR, OCCUPANCY_STOPS, rampColor, type Rgb } from '../colors.js';
import type { GeneratedKind } from '../generated-sensors.js';
import { CellMeans, TrackedValues, follow } from '../generated-values.js';
import { utciSurfaceColor } from '../heat-colors.js';
import { columnsOnlyVersion, type LayerContext } from './layer-context.js';

/** From this zoom on (a few streets across) each generated sensor is drawn; below it they are aggregated. */
export const GENERATED_DOTS_MIN_ZOOM = 15;

/**
 * Grid cell edge of the parking-bay aggregation, metres, by zoom: about 10 px across on screen. 250 m (a few
 * blocks, streets told apart) from a whole-city view on a desk (zoom 11); a phone's whole-city view (zoom ~10)
 * drew those cells 5 px across, a speckle over the centre, and takes 500 m cells.
 */
export function streetBayCellM(zoom: number): 250 | 500 {
  return zoom >= 10.5 ? 250 : 500;
}

type GenKind = 'parking' | 'climate' | 'traffic';
/** The column each kind is coloured by (names as in common/wire/kind-fields.ts). */
const VALUE_COLUMN: Record<GenKind, { col: string; read: (d: Record<string, unknown>) => number | null | undefined }> = {
  parking: { col: 'derived.occupancyPct', read: (d) => d.occupancyPct as number | undefined },
  climate: { col: 'derived.utciC', read: (d) => d.utciC as number | null | undefined },
  traffic: { col: 'derived.speedRatio', read: (d) => d.speedRatio as number | undefined },
};

/**
 * The current value of every generated sensor of a kind (NaN: none or stale), read straight from the
 * live columns when the stream is columnar (generated sensors have no entries there), else (a past
 * state, the JSON form) from the entries.
 */
function currentValues(ctx: LayerContext, kind: GenKind, g: GeneratedKind, into: TrackedValues): void {
  const oldest = ctx.cityNow - STALE_AFTER_MS[kind];
  const columns = ctx.store.columns;
  const arrays = columns?.kinds[kind];
  const col = arrays?.num[VALUE_COLUMN[kind].col];
  const at = g.registryIndex;
  if (columns && arrays && col) {
    const { ts } = arrays;
    const { slotOf } = columns;
    into.update((i) => {
      const slot = slotOf[at[i]];
      return ts[slot] >= oldest ? col[slot] : NaN;
    });
    return;
  }
  into.update((i) => {
    const e = ctx.store.entries.get(g.ids[i]);
    return (e && e.reading.ts >= oldest ? VALUE_COLUMN[kind].read(e.derived as unknown as Record<string, unknown>) : null) ?? NaN;
  });
}

/** Current UTCI of the generated environmental nodes (NaN: none or stale), with their lon/lat pairs, for the heat surface. */
export function generatedClimateValues(ctx: LayerContext): { lonLat: Float32Array; values: Float32Array } | null {
  const g = ctx.city.generated?.climate;
  if (!g || g.ids.length === 0) return null;
  return { lonLat: g.lonLat, values: valuesOf(ctx, 'climate', g).tracked.values };
}

/** Values read once per kind version and city minute, whatever the frame rate; kept between versions. */
const valueCache = new Map<GenKind, { key: string; tracked: TrackedValues }>();
function valuesOf(ctx: LayerContext, kind: GenKind, g: GeneratedKind): { key: string; tracked: TrackedValues } {
  const key = `${columnsOnlyVersion(ctx, kind)}/${ctx.freshnessKey}`;
  let hit = valueCache.get(kind);
  if (hit?.key === key && hit.tracked.length === g.ids.length) return hit;
  const tracked = hit && hit.tracked.length === g.ids.length ? hit.tracked : new TrackedValues(g.ids.length);
  currentValues(ctx, kind, g, tracked);
  hit = { key, tracked };
  valueCache.set(kind, hit);
  return hit;
}

type Grid = { cellOf: Int32Array; centres: Float32Array; cells: number };
/** The aggregation grid of one kind's sensors per cell size: the cell of each sensor and each cell's centre (lon, lat), computed once. */
const grids = new WeakMap<GeneratedKind, Map<number, Grid>>();
function gridOf(g: GeneratedKind, cellM: number): Grid {
  let bySize = grids.get(g);
  if (!bySize) grids.set(g, (bySize = new Map()));
  const known = bySize.get(cellM);
  if (known) return known;
  const n = g.ids.length;
  let lat0 = Infinity;
  let lon0 = Infinity;
  for (let i = 0; i < n; i++) {
    lon0 = Math.min(lon0, g.lonLat[2 * i]);
    lat0 = Math.min(lat0, g.lonLat[2 * i + 1]);
  }
  const dLat = cellM / 111_320;
  const dLon = dLat / Math.cos(((lat0 + 0.1) * Math.PI) / 180);
  const byKey = new Map<number, number>();
  const centres: number[] = [];
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((g.lonLat[2 * i] - lon0) / dLon);
    const cy = Math.floor((g.lonLat[2 * i + 1] - lat0) / dLat);
    const key = cy * 100_000 + cx;
    let c = byKey.get(key);
    if (c === undefined) {
      c = byKey.size;
      byKey.set(key, c);
      centres.push(lon0 + (cx + 0.5) * dLon, lat0 + (cy + 0.5) * dLat);
    }
    cellOf[i] = c;
  }
  const grid = { cellOf, centres: Float32Array.from(centres), cells: byKey.size };
  bySize.set(cellM, grid);
  return grid;
}

/**
 * The grid's cells as deck.gl binary attributes: centres once, colours (RGBA, clear for a cell without a current
 * reading) written in place for the cells whose mean moved. A new data object per version tells deck.gl to upload them:
 * the grid of 2,000 and more cells cost the page an accessor call and a colour array per cell at every redraw.
 */
interface GridData {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 }; getFillColor: { value: Uint8Array; size: 4; normalized: true } };
}
/** per cell size: each follows the bays' values on its own (its own `seen`), so a zoom across sizes rebuilds nothing */
const gridCache = new WeakMap<Grid, { key: string; means: CellMeans; seen: { generation: number }; rgba: Uint8Array; data: GridData | null }>();
function gridData(ctx: LayerContext, g: GeneratedKind, cellM: number): GridData {
  const { key, tracked } = valuesOf(ctx, 'parking', g);
  const grid = gridOf(g, cellM);
  const { cellOf, centres, cells } = grid;
  let hit = gridCache.get(grid);
  if (!hit) {
    hit = { key: '', means: new CellMeans(cellOf, cells), seen: { generation: 0 }, rgba: new Uint8Array(cells * 4), data: null };
    gridCache.set(grid, hit);
  }
  if (hit.key === key && hit.data) return hit.data;
  const { means, rgba } = hit;
  const paint = (c: number) => {
    const mean = means.mean(c);
    const [r, gr, b] = mean === mean ? rampColor(OCCUPANCY_STOPS, mean) : [0, 0, 0];
    rgba.set([r, gr, b, mean === mean ? 170 : 0], 4 * c);
  };
  // a cell is painted once however many of its bays moved
  const dirty: number[] = [];
  const moved = follow(
    tracked,
    hit.seen,
    () => {
      means.reset(tracked.values);
      for (let c = 0; c < cells; c++) dirty.push(c);
    },
    (i) => {
      means.set(i, tracked.values[i]);
      dirty.push(cellOf[i]);
    },
  );
  for (const c of new Set(dirty)) paint(c);
  hit.key = key;
  if (moved || !hit.data) hit.data = { length: cells, attributes: { getPosition: { value: centres, size: 2 }, getFillColor: { value: rgba, size: 4, normalized: true } } };
  return hit.data;
}

const dotColor: Record<GenKind, (v: number) => Rgb> = {
  parking: (v) => rampColor(OCCUPANCY_STOPS, v),
  climate: (v) => utciSurfaceColor(v),
  traffic: (r) => LOS_COLORS[levelOfService(r)],
};

/**
 * Every sensor of a kind as deck.gl binary attributes: positions once, colours (RGBA) written in place
 * for the sensors whose value changed. A new data object per version tells deck.gl to upload them.
 */
interface DotData {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 }; getFillColor: { value: Uint8Array; size: 4; normalized: true } };
}
const colorCache = new Map<GenKind, { key: string; rgba: Uint8Array; seen: { generation: number }; data: DotData | null }>();
function dotData(ctx: LayerContext, kind: GenKind, g: GeneratedKind): DotData {
  const { key, tracked } = valuesOf(ctx, kind, g);
  let hit = colorCache.get(kind);
  if (!hit || hit.rgba.length !== tracked.length * 4) {
    hit = { key: '', rgba: new Uint8Array(tracked.length * 4), seen: { generation: 0 }, data: null };
    colorCache.set(kind, hit);
  }
  if (hit.key === key && hit.data) return hit.data;
  const { rgba } = hit;
  const paint = (i: number) => {
    const v = tracked.values[i];
    const c = v === v ? dotColor[kind](v) : NO_DATA_COLOR;
    rgba[4 * i] = c[0];
    rgba[4 * i + 1] = c[1];
    rgba[4 * i + 2] = c[2];
    rgba[4 * i + 3] = 235;
  };
  const changed = follow(tracked, hit.seen, () => {
    for (let i = 0; i < tracked.length; i++) paint(i);
  }, paint);
  hit.key = key;
  if (changed || !hit.data) {
    hit.data = { length: tracked.length, attributes: { getPosition: hit.data?.attributes.getPosition ?? { value: g.lonLat, size: 2 }, getFillColor: { value: rgba, size: 4, normalized: true } } };
  }
  return hit.data;
}

/**
 * SCALE's generated sensors: at city zoom the parking bays as a grid of share occupied (environmental
 * nodes feed the heat surface, counters are left to the real links); from street zoom on every
 * sensor as a small dot, colours written into a binary attribute straight from the live columns.
 */
export function generatedLayers(ctx: LayerContext, show: Record<GenKind, boolean>) {
  const gen = ctx.city.generated;
  if (!gen) return [];
  const zoomedIn = (ctx.zoom ?? 0) >= GENERATED_DOTS_MIN_ZOOM;
  if (!zoomedIn) {
    if (!show.parking || gen.parking.ids.length === 0) return [];
    const cellM = streetBayCellM(ctx.zoom ?? 0);
    return [
      // a flat square per cell: four corners at the radius, turned to the axes (GridCellLayer draws a flattened cube,
      // its faces blended over each other)
      new ColumnLayer<GridData>({
        id: 'generated-parking-grid',
        data: gridData(ctx, gen.parking, cellM),
        diskResolution: 4,
        angle: 45,
        radius: cellM / Math.SQRT2,
        // a hair smaller than the cell, so neighbouring cells read as a grid
        coverage: 0.94,
        extruded: false,
      }),
    ];
  }
  return (['parking', 'climate', 'traffic'] as const)
    .filter((k) => show[k] && gen[k].ids.length > 0)
    .map(
      (k) =>
        new ScatterplotLayer<DotData>({
          id: `generated-${k}-dots`,
          data: dotData(ctx, k, gen[k]),
          radiusUnits: 'pixels',
          getRadius: k === 'parking' ? 3 : 4,
          stroked: k !== 'parking',
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          getLineColor: [20, 24, 30],
        }),
    );
}
