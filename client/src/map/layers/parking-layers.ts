import { IconLayer, TextLayer } from '@deck.gl/layers';
import { SHAPE_ICONS, SYMBOL_OUTLINE } from './shape-icons.js';
import { NO_DATA_COLOR, OCCUPANCY_STOPS, rampColor } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { freshEntry, textsTrigger, LABEL_FONT, besideSpots, labelPriority, placedLabel, SITE_LABEL_MIN_ZOOM, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';
import type { LabelPlacement } from './label-placement.js';

type CarPark = CityModel['parking'][number];

/** A car park's square, in pixels at scale 1: area proportional to capacity (the 2000-space Stadionring garage stands out from a 240-space one). */
const squareSize = (p: CarPark, wall: boolean) => Math.max(14, Math.sqrt(p.properties.capacity) * (wall ? 1.5 : 1.1));

/**
 * Below the whole city on a desk screen (zoom 11) the squares shrink to 0.7 of their size per zoom level: on a phone's city view
 * (about 10) the centre's car parks covered each other and the stations beside them. In half levels, so zooming
 * does not resize them every frame.
 */
export const carParkScale = (zoom: number): number => Math.min(1, 2 ** (Math.round((zoom - 11) * 2) / 4));

/**
 * In the crowded centre, bigger car parks keep their label and smaller ones give way; the count clears
 * its own square. One object per screen kind, so an unchanged layer stays the same layer (layer-reuse.ts).
 */
const placement = (wall: boolean): LabelPlacement<CarPark> => ({
  priority: (p) => labelPriority('carPark', p.properties.capacity),
  spots: (p) => besideSpots(squareSize(p, wall) / 2 + (wall ? 6 : 4)),
});
const PLACEMENT = { desk: placement(false), wall: placement(true) };
const OBSTACLE = { desk: (p: CarPark) => squareSize(p, false) / 2 + 2, wall: (p: CarPark) => squareSize(p, true) / 2 + 2 };

export function parkingLayers(ctx: LayerContext) {
  const { city, versions, wall } = ctx;
  const live = (p: CarPark) => freshEntry(ctx, p.id);
  const freeText = (p: CarPark) => {
    const r = live(p)?.reading;
    return r?.kind === 'parking' ? `P ${r.values.freeSpaces}` : 'P';
  };
  const size = (p: CarPark) => squareSize(p, wall);
  const sizeScale = carParkScale(ctx.zoom ?? 14);
  return [
    // Car parks are rounded squares (charging sites diamonds): shape says the kind, colour the occupancy.
    new IconLayer<CarPark>({
      id: 'parking-sites-outline',
      data: city.parking,
      getPosition: (p) => p.geometry.coordinates,
      getIcon: () => SHAPE_ICONS.roundedSquare,
      getSize: (p) => size(p) + 4,
      sizeUnits: 'pixels',
      sizeScale,
      getColor: SYMBOL_OUTLINE,
      updateTriggers: { getSize: wall },
    }),
    new IconLayer<CarPark, SymbolObstacleProps<CarPark>>({
      id: 'parking-sites',
      labelObstacle: OBSTACLE[wall ? 'wall' : 'desk'],
      data: city.parking,
      getPosition: (p) => p.geometry.coordinates,
      getIcon: () => SHAPE_ICONS.roundedSquare,
      getSize: size,
      sizeUnits: 'pixels',
      sizeScale,
      getColor: (p) => {
        const d = live(p)?.derived;
        return d?.kind === 'parking' ? rampColor(OCCUPANCY_STOPS, d.occupancyPct) : NO_DATA_COLOR;
      },
      pickable: true,
      updateTriggers: { getColor: [versions.parking, ctx.freshnessKey], getSize: wall },
    }),
    new TextLayer<CarPark, PlacedLabelProps<CarPark>>({
      id: 'parking-free',
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      ...placedLabel(PLACEMENT[wall ? 'wall' : 'desk']),
      data: city.parking,
      getPosition: (p) => p.geometry.coordinates,
      getText: freeText,
      getSize: wall ? 18 : 12,
      getColor: [255, 255, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: textsTrigger(city.parking, freeText), getPixelOffset: wall },
    }),
  ];
}
