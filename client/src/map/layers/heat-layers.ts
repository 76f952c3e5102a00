import { BitmapLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { utciCategory } from '../../../../common/models/heat.js';
import { ANOMALY_STOPS, NO_DATA_COLOR, rampColor, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { ringsBounds } from '../../../../common/geo-bounds.js';
import { HeatSurfaceJob, type DrawnSurface } from '../heat-surface-job.js';
import type { SurfacePixels } from '../surface-raster.js';
import { generatedClimateValues } from './generated-layers.js';
import { aboveSpots, columnsOnlyVersion, freshEntry, labelPriority, placedLabel, textsTrigger, LABEL_FONT, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';

type Station = CityModel['climate'][number];

const utciColor = (value: number): Rgb => utciCategory(value).color;

/** Measured values win over every name that would overlap them (LABEL_TIER); over the station, else under it. One object per screen kind (layer-reuse.ts). */
const PLACEMENT = { desk: { priority: labelPriority('station'), spots: aboveSpots(18) }, wall: { priority: labelPriority('station'), spots: aboveSpots(24) } };
/** a station's dot and its ring, pixels at scale 1 */
const OBSTACLE = { desk: () => 10, wall: () => 13 };

function utciOf(ctx: LayerContext, id: string): number | null {
  const d = freshEntry(ctx, id)?.derived;
  return d?.kind === 'climate' ? d.utciC : null;
}

/** The city's area-mean UTCI at the displayed time (NaN without stations), as the anomaly mode subtracts it. */
export let shownCityMeanUtci = NaN;

/** The surface is drawn in a worker (heat-surface.worker.ts); the map shows the last one drawn until the next is ready. */
const job = new HeatSurfaceJob(() => new Worker(new URL('../heat-surface.worker.ts', import.meta.url), { type: 'module' }));
/** The map looks again when a new surface is ready, and counts it as new data (heatSurfacesDrawn, redraw-key.ts). */
export const onHeatSurfaceDrawn = (listener: () => void) => job.subscribe(listener);
export const heatSurfacesDrawn = (): number => job.drawn?.built ?? 0;

/** With SCALE's thousands of nodes a surface costs tens of ms (in the worker): at most one per this many ms while only readings change. */
const SCALED_SURFACE_EVERY_MS = 5000;
let surfaceAskedAt = -Infinity;

/** Every station's lon/lat pairs, real ones then (at SCALE) the generated environmental nodes: the same from surface to surface. */
const stationPositions = new WeakMap<CityModel, Float64Array>();
function positionsOf(ctx: LayerContext, generated: { lonLat: Float32Array } | null): Float64Array {
  let known = stationPositions.get(ctx.city);
  if (!known) {
    const { climate } = ctx.city;
    known = new Float64Array(2 * climate.length + (generated?.lonLat.length ?? 0));
    climate.forEach((s, i) => known!.set(s.geometry.coordinates.slice(0, 2), 2 * i));
    if (generated) known.set(generated.lonLat, 2 * climate.length);
    stationPositions.set(ctx.city, known);
  }
  return known;
}

/**
 * Every station for the worker, real ones and (at SCALE) the generated environmental nodes (they feed the
 * surface but are not drawn as stations), NaN for one without a current value. The same stations every
 * time, so the worker keeps each cell's nearest ones: a set that changed with every reading that came
 * or went stale made it search them again, 50-130 ms for 15,000 nodes (issue 13).
 */
function surfaceStations(ctx: LayerContext): { lonLat: Float64Array; values: Float64Array } {
  const generated = generatedClimateValues(ctx);
  const { climate } = ctx.city;
  const values = new Float64Array(climate.length + (generated?.values.length ?? 0));
  climate.forEach((s, i) => (values[i] = utciOf(ctx, s.id) ?? NaN));
  if (generated) values.set(generated.values, climate.length);
  // a copy: the arrays are handed over to the worker
  return { lonLat: positionsOf(ctx, generated).slice(), values };
}

/** The surface drawn last, after asking for the one the displayed state needs (keyed by the climate version, minute and mode). */
function surface(ctx: LayerContext): DrawnSurface | null {
  const mode = ctx.heatMode ?? 'absolute';
  const key = `${columnsOnlyVersion(ctx, 'climate')}/${ctx.freshnessKey}/${mode}`;
  if (!job.has(key)) {
    const scaled = (ctx.city.generated?.climate.ids.length ?? 0) > 0;
    const now = performance.now();
    const sameMode = job.drawn?.key.endsWith(`/${mode}`) ?? false;
    if (!(scaled && sameMode && now - surfaceAskedAt < SCALED_SURFACE_EVERY_MS)) {
      surfaceAskedAt = now;
      job.request(key, { ...surfaceStations(ctx), bounds: ringsBounds(ctx.city.boundaryRings), mode }, ctx.city.boundaryRings);
    }
  }
  shownCityMeanUtci = job.drawn?.mean ?? NaN;
  return job.drawn;
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

/** The drawn surface as an ImageData (its pixels not copied), which deck.gl uploads as it is; made once per surface. */
let surfaceData: { built: number; image: ImageData } | null = null;
function surfaceImageData(drawn: DrawnSurface, { data, width, height }: SurfacePixels): ImageData {
  if (surfaceData?.built !== drawn.built) surfaceData = { built: drawn.built, image: new ImageData(data, width, height) };
  return surfaceData.image;
}

/**
 * One clear pixel over the city: the surface's layer until the first surface is drawn, so its GPU program,
 * readied before the data (first-layers.ts), is kept and not linked again when the surface comes.
 */
const blankSurfaces = new WeakMap<CityModel, DrawnSurface>();
function blankSurface(city: CityModel): DrawnSurface {
  let blank = blankSurfaces.get(city);
  if (!blank) {
    blank = { key: '', image: { width: 1, height: 1, data: new Uint8ClampedArray(4) }, bounds: ringsBounds(city.boundaryRings), mean: NaN, built: -1 };
    blankSurfaces.set(city, blank);
  }
  return blank;
}

export function heatLayers(ctx: LayerContext) {
  const { versions, wall } = ctx;
  const stations = shownStations(ctx);
  // before the data no surface is asked for: the worker's throttle at SCALE would hold back the first real one
  const drawn = (ctx.beforeData ? null : surface(ctx)) ?? blankSurface(ctx.city);
  const mean = drawn?.mean ?? NaN;
  const anomaly = ctx.heatMode === 'anomaly';
  // in the anomaly mode the stations are coloured against the city mean, which the generated nodes move too
  const stationKey = [versions.climate, ctx.freshnessKey, anomaly, anomaly ? mean : 0];
  const valueText = (s: Station) => {
    const v = utciOf(ctx, s.id);
    if (v === null) return '–';
    if (!anomaly) return `${Math.round(v)}°`;
    const d = Math.round((v - mean) * 10) / 10;
    return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(1)}`;
  };
  return [
    drawn?.image &&
      new BitmapLayer({
        id: 'heat-surface',
        image: surfaceImageData(drawn, drawn.image),
        bounds: drawn.bounds,
        opacity: 0.85,
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
        // a surface kept from the cache is not uploaded again (a 100,000-sensor city keeps it for seconds)
        updateTriggers: { image: drawn.built },
      }),
    new ScatterplotLayer<Station, SymbolObstacleProps<Station>>({
      id: 'heat-stations',
      labelObstacle: OBSTACLE[wall ? 'wall' : 'desk'],
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
    new TextLayer<Station, PlacedLabelProps<Station>>({
      id: 'heat-station-values',
      data: stations,
      ...placedLabel<Station>(PLACEMENT[wall ? 'wall' : 'desk']),
      getPosition: (s) => s.geometry.coordinates,
      getText: valueText,
      getSize: wall ? 20 : 14,
      getColor: [255, 255, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: textsTrigger(stations, valueText), getPixelOffset: wall },
    }),
  ];
}
