import { BitmapLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { UTCI_CATEGORIES, utciCategory } from '../../../../common/models/heat.js';
import { ANOMALY_STOPS, NO_DATA_COLOR, rampColor, type Rgb } from '../colors.js';
import { insideRings } from '../../../../common/models/heat-anomaly.js';
import { WeightsCache } from '../../../../common/models/idw-weights.js';
import { lonLatToLocalKm } from '../../../../common/geo.js';
import type { CityModel } from '../city-model.js';
import { ringsBounds, type Bounds } from '../../../../common/geo-bounds.js';
import { planarPositions, renderHeatSurface } from '../heat-surface.js';
import { generatedClimateStations } from './generated-layers.js';
import { besideItsPoint, columnsOnlyVersion, freshEntry, LABEL_FONT, type LayerContext } from './layer-context.js';

type Station = CityModel['climate'][number];

const utciColor = (value: number): Rgb => utciCategory(value).color;

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
const heatAlpha = (value: number): number => Math.round(45 + 170 * Math.min(1, Math.max(0, (value - 22) / 12)));

function utciOf(ctx: LayerContext, id: string): number | null {
  const d = freshEntry(ctx, id)?.derived;
  return d?.kind === 'climate' ? d.utciC : null;
}


/** Cells of about 500 m inside the city, in the surface's planar frame (x, y pairs), for the area mean of the anomaly mode. */
let meanCells: { rings: CityModel['boundaryRings']; refLat: number; cells: Float64Array } | null = null;
function cityCells(ctx: LayerContext, refLat: number): Float64Array {
  if (meanCells?.rings === ctx.city.boundaryRings && meanCells.refLat === refLat) return meanCells.cells;
  const [w, s, e, n] = ringsBounds(ctx.city.boundaryRings);
  const cells: number[] = [];
  const cols = 48;
  const rows = Math.round((cols * (n - s) * 1.6) / (e - w));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const lon = w + ((c + 0.5) / cols) * (e - w);
      const lat = s + ((r + 0.5) / rows) * (n - s);
      if (!insideRings(ctx.city.boundaryRings, lon, lat)) continue;
      const p = lonLatToLocalKm(lon, lat, refLat);
      cells.push(p.x, p.y);
    }
  }
  meanCells = { rings: ctx.city.boundaryRings, refLat, cells: Float64Array.from(cells) };
  return meanCells.cells;
}

/** The mean cells' nearest stations, found once while the stations stay (heat-surface.ts does the same for its cells). */
const meanWeights = new WeightsCache();

/** The IDW field's mean over the city's cells (cityMeanOfField in heat-anomaly.ts, the same figure), NaN without stations. */
function cityMean(stations: ReadonlyArray<{ lon: number; lat: number; value: number }>, refLat: number, cells: Float64Array): number {
  const count = cells.length / 2;
  if (stations.length === 0 || count === 0) return NaN;
  const at = meanWeights.get(planarPositions(stations, refLat), cells);
  const values = Float64Array.from(stations, (st) => st.value);
  let sum = 0;
  for (let c = 0; c < count; c++) sum += at.at(values, c);
  return sum / count;
}

/** The city's area-mean UTCI at the displayed time (NaN without stations), as the anomaly mode subtracts it. */
export let shownCityMeanUtci = NaN;

/** The surface is redrawn only when climate readings or the mode changed (keyed by the climate version). */
let surfaceCache: { key: string; image: HTMLCanvasElement | null; bounds: Bounds; mean: number; built: number } | null = null;

/** With SCALE's thousands of nodes a surface costs tens of ms: at most one per this many ms while only readings change. */
const SCALED_SURFACE_EVERY_MS = 5000;
let surfaceBuiltAt = -Infinity;

function surface(ctx: LayerContext) {
  const anomaly = ctx.heatMode === 'anomaly';
  const key = `${columnsOnlyVersion(ctx, 'climate')}/${ctx.freshnessKey}/${anomaly}`;
  if (surfaceCache?.key === key) return surfaceCache;
  const scaled = (ctx.city.generated?.climate.ids.length ?? 0) > 0;
  const now = performance.now();
  if (scaled && surfaceCache && surfaceCache.key.endsWith(`/${anomaly}`) && now - surfaceBuiltAt < SCALED_SURFACE_EVERY_MS) return surfaceCache;
  surfaceBuiltAt = now;
  const stations = ctx.city.climate.flatMap((s) => {
    const value = utciOf(ctx, s.id);
    return value === null ? [] : [{ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], value }];
  });
  // generated environmental nodes feed the surface too (they are not drawn as stations)
  if (scaled) stations.push(...generatedClimateStations(ctx));
  const bounds = ringsBounds(ctx.city.boundaryRings);
  // the same planar frame as renderHeatSurface, so the mean is that of the field drawn
  const refLat = (bounds[1] + bounds[3]) / 2;
  const mean = cityMean(stations, refLat, cityCells(ctx, refLat));
  shownCityMeanUtci = mean;
  const image = anomaly
    ? renderHeatSurface(stations, bounds, ctx.city.boundaryRings, (v) => rampColor(ANOMALY_STOPS, v - mean), () => 200)
    : renderHeatSurface(stations, bounds, ctx.city.boundaryRings, utciSurfaceColor, heatAlpha);
  surfaceCache = { key, bounds, image, mean, built: (surfaceCache?.built ?? 0) + 1 };
  return surfaceCache;
}

/** Synthetic sites that a scenario does not feed (a replay of real benches) are left off the map. */
let shownCache: { version: number; stations: Station[] } | null = null;
function shownStations(ctx: LayerContext): Station[] {
  if (shownCache?.version !== ctx.versions.climate) {
    const stations = ctx.city.climate.filter((s) => !s.properties.synthetic || ctx.store.entries.has(s.id));
    // Keep the same array while the set is unchanged, so deck.gl does not rebuild the layer's attributes.
    const same = shownCache?.stations.length === stations.length && stations.every((s, i) => s === shownCache!.stations[i]);
    shownCache = { version: ctx.versions.climate, stations: same ? shownCache!.stations : stations };
  }
  return shownCache.stations;
}

export function heatLayers(ctx: LayerContext) {
  const { versions, wall } = ctx;
  const stations = shownStations(ctx);
  const { image, bounds, mean, built } = surface(ctx);
  const anomaly = ctx.heatMode === 'anomaly';
  // in the anomaly mode the stations are coloured against the city mean, which the generated nodes move too
  const stationKey = [versions.climate, ctx.freshnessKey, anomaly, anomaly ? mean : 0];
  return [
    image &&
      new BitmapLayer({
        id: 'heat-surface',
        image,
        bounds,
        opacity: 0.85,
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
        // a surface kept from the cache is not uploaded again (a 100,000-sensor city keeps it for seconds)
        updateTriggers: { image: built },
      }),
    new ScatterplotLayer<Station>({
      id: 'heat-stations',
      data: stations,
      getPosition: (s) => s.geometry.coordinates,
      getFillColor: (s) => {
        const v = utciOf(ctx, s.id);
        return v === null ? NO_DATA_COLOR : anomaly ? rampColor(ANOMALY_STOPS, v - mean) : utciColor(v);
      },
      // Real benches get a white ring, synthetic sites a grey one, so planners can tell them apart.
      getLineColor: (s) => (s.properties.synthetic ? [150, 150, 150] : [255, 255, 255]),
      getRadius: wall ? 11 : 8,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      updateTriggers: { getFillColor: stationKey },
    }),
    new TextLayer<Station, CollisionFilterExtensionProps<Station>>({
      id: 'heat-station-values',
      data: stations,
      // measured values win over every name that would overlap them (label-layers.ts)
      extensions: [new CollisionFilterExtension()],
      collisionGroup: 'labels',
      getCollisionPriority: 0,
      getPosition: (s) => s.geometry.coordinates,
      getText: (s) => {
        const v = utciOf(ctx, s.id);
        if (v === null) return '–';
        if (!anomaly) return `${Math.round(v)}°`;
        const d = Math.round((v - mean) * 10) / 10;
        return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(1)}`;
      },
      getSize: wall ? 20 : 14,
      ...besideItsPoint([0, wall ? -24 : -18]),
      getColor: [255, 255, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: stationKey },
    }),
  ];
}
