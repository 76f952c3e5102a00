import { IconLayer, TextLayer } from '@deck.gl/layers';
import { SHAPE_ICONS } from './shape-icons.js';
import { availableShare } from '../../../../common/models/charging.js';
import type { ChargingDerived } from '../../../../common/derived.js';
import { CHARGING_COLORS, NO_DATA_COLOR, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { DRAWN_IN_ORDER, freshEntry, textsTrigger, LABEL_FONT, besideSpots, labelPriority, placedLabel, SITE_LABEL_MIN_ZOOM, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';
import type { LabelPlacement } from './label-placement.js';

type Site = CityModel['charging'][number];

/** Beside the diamond, a larger site first; a car park's count on the same spot takes the other side. One object per screen kind (layer-reuse.ts). */
const placement = (wall: boolean): LabelPlacement<Site> => ({ priority: (s) => labelPriority('charging', s.properties.points.length), spots: besideSpots(wall ? 16 : 12) });
const PLACEMENT = { desk: placement(false), wall: placement(true) };
const OBSTACLE = { desk: () => 9, wall: () => 12 };

export function chargingColor(d: ChargingDerived): Rgb {
  if (d.counts.out_of_order === d.total) return CHARGING_COLORS.broken;
  if (d.counts.available === 0) return CHARGING_COLORS.noneFree;
  return availableShare(d.counts) < 0.34 ? CHARGING_COLORS.fewFree : CHARGING_COLORS.someFree;
}

export function chargingLayers(ctx: LayerContext) {
  const { city, versions, wall } = ctx;
  const derived = (s: Site) => {
    const d = freshEntry(ctx, s.id)?.derived;
    return d?.kind === 'charging' ? d : undefined;
  };
  const countText = (s: Site) => {
    const d = derived(s);
    return d ? `${d.counts.available}/${d.total}` : '';
  };
  return [
    // Charging sites are diamonds (car parks rounded squares): shape says the kind, colour the free points.
    new IconLayer<Site>({
      ...DRAWN_IN_ORDER,
      id: 'charging-sites-outline',
      data: city.charging,
      getPosition: (s) => s.geometry.coordinates,
      getIcon: () => SHAPE_ICONS.diamond,
      getSize: wall ? 24 : 18,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 230],
    }),
    new IconLayer<Site, SymbolObstacleProps<Site>>({
      ...DRAWN_IN_ORDER,
      id: 'charging-sites',
      labelObstacle: OBSTACLE[wall ? 'wall' : 'desk'],
      data: city.charging,
      getPosition: (s) => s.geometry.coordinates,
      getIcon: () => SHAPE_ICONS.diamond,
      getSize: wall ? 20 : 15,
      sizeUnits: 'pixels',
      getColor: (s) => {
        const d = derived(s);
        return d ? chargingColor(d) : NO_DATA_COLOR;
      },
      pickable: true,
      updateTriggers: { getColor: [versions.charging, ctx.freshnessKey] },
    }),
    new TextLayer<Site, PlacedLabelProps<Site>>({
      id: 'charging-counts',
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      ...placedLabel(PLACEMENT[wall ? 'wall' : 'desk']),
      data: city.charging,
      getPosition: (s) => s.geometry.coordinates,
      getText: countText,
      getSize: wall ? 16 : 11,
      getColor: [200, 240, 255],
      ...LABEL_FONT,
      updateTriggers: { getText: textsTrigger(city.charging, countText) },
    }),
  ];
}
