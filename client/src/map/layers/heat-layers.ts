import { BitmapLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { utciCategory } from '../../../../common/models/heat.js';
import { NO_DATA_COLOR, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { renderHeatSurface, type Bounds } from '../heat-surface.js';
import { LABEL_FONT, type LayerContext } from './layer-context.js';

type Station = CityModel['climate'][number];

const utciColor = (value: number): Rgb => utciCategory(value).color;

/**
 * Comfortable areas stay faint and heat stress stands out: the surface is about where people
 * suffer, and a faint green keeps the traffic colours on top readable.
 */
const heatAlpha = (value: number): number => Math.round(45 + 170 * Math.min(1, Math.max(0, (value - 22) / 12)));

function utciOf(ctx: LayerContext, id: string): number | null {
  const d = ctx.store.entries.get(id)?.derived;
  return d?.kind === 'climate' ? d.utciC : null;
}

function boundsOf(rings: ReadonlyArray<ReadonlyArray<[number, number]>>): Bounds {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  return [w, s, e, n];
}

/** The surface is redrawn only when climate readings changed (keyed by the climate version). */
let surfaceCache: { version: number; image: HTMLCanvasElement | null; bounds: Bounds } | null = null;

function surface(ctx: LayerContext) {
  if (surfaceCache?.version === ctx.versions.climate) return surfaceCache;
  const stations = ctx.city.climate.flatMap((s) => {
    const value = utciOf(ctx, s.id);
    return value === null ? [] : [{ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], value }];
  });
  const bounds = boundsOf(ctx.city.boundaryRings);
  surfaceCache = { version: ctx.versions.climate, bounds, image: renderHeatSurface(stations, bounds, ctx.city.boundaryRings, utciColor, heatAlpha) };
  return surfaceCache;
}

export function heatLayers(ctx: LayerContext) {
  const { city, versions, wall } = ctx;
  const { image, bounds } = surface(ctx);
  return [
    image &&
      new BitmapLayer({
        id: 'heat-surface',
        image,
        bounds,
        opacity: 0.85,
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
        updateTriggers: { image: versions.climate },
      }),
    new ScatterplotLayer<Station>({
      id: 'heat-stations',
      data: city.climate,
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
      updateTriggers: { getFillColor: versions.climate },
    }),
    new TextLayer<Station>({
      id: 'heat-station-values',
      data: city.climate,
      getPosition: (s) => s.geometry.coordinates,
      getText: (s) => {
        const v = utciOf(ctx, s.id);
        return v === null ? '–' : `${Math.round(v)}°`;
      },
      getSize: wall ? 20 : 14,
      getPixelOffset: [0, wall ? -24 : -18],
      getColor: [255, 255, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: versions.climate },
    }),
  ];
}
