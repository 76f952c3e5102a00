import { BitmapLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { UTCI_CATEGORIES, utciCategory } from '../../../../common/models/heat.js';
import { NO_DATA_COLOR, rampColor, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { ringsBounds, type Bounds } from '../../../../common/geo-bounds.js';
import { renderHeatSurface } from '../heat-surface.js';
import { freshEntry, LABEL_FONT, type LayerContext } from './layer-context.js';

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
const utciSurfaceColor = (value: number): Rgb => rampColor(UTCI_RAMP, value);

/**
 * Comfortable areas stay faint and heat stress stands out: the surface is about where people
 * suffer, and a faint green keeps the traffic colours on top readable.
 */
const heatAlpha = (value: number): number => Math.round(45 + 170 * Math.min(1, Math.max(0, (value - 22) / 12)));

function utciOf(ctx: LayerContext, id: string): number | null {
  const d = freshEntry(ctx, id)?.derived;
  return d?.kind === 'climate' ? d.utciC : null;
}


/** The surface is redrawn only when climate readings changed (keyed by the climate version). */
let surfaceCache: { key: string; image: HTMLCanvasElement | null; bounds: Bounds } | null = null;

function surface(ctx: LayerContext) {
  const key = `${ctx.versions.climate}/${ctx.freshnessKey}`;
  if (surfaceCache?.key === key) return surfaceCache;
  const stations = ctx.city.climate.flatMap((s) => {
    const value = utciOf(ctx, s.id);
    return value === null ? [] : [{ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], value }];
  });
  const bounds = ringsBounds(ctx.city.boundaryRings);
  surfaceCache = { key, bounds, image: renderHeatSurface(stations, bounds, ctx.city.boundaryRings, utciSurfaceColor, heatAlpha) };
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
  const { image, bounds } = surface(ctx);
  return [
    image &&
      new BitmapLayer({
        id: 'heat-surface',
        image,
        bounds,
        opacity: 0.85,
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
        updateTriggers: { image: [versions.climate, ctx.freshnessKey] },
      }),
    new ScatterplotLayer<Station>({
      id: 'heat-stations',
      data: stations,
      getPosition: (s) => s.geometry.coordinates,
      getFillColor: (s) => {
        const v = utciOf(ctx, s.id);
        return v === null ? NO_DATA_COLOR : utciColor(v);
      },
      // Real benches get a white ring, synthetic sites a grey one, so planners can tell them apart.
      getLineColor: (s) => (s.properties.synthetic ? [150, 150, 150] : [255, 255, 255]),
      getRadius: wall ? 11 : 8,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      updateTriggers: { getFillColor: [versions.climate, ctx.freshnessKey] },
    }),
    new TextLayer<Station>({
      id: 'heat-station-values',
      data: stations,
      getPosition: (s) => s.geometry.coordinates,
      getText: (s) => {
        const v = utciOf(ctx, s.id);
        return v === null ? '–' : `${Math.round(v)}°`;
      },
      getSize: wall ? 20 : 14,
      getPixelOffset: [0, wall ? -24 : -18],
      getColor: [255, 255, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: [versions.climate, ctx.freshnessKey] },
    }),
  ];
}
