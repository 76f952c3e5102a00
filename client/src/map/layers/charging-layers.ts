import { IconLayer, TextLayer } from '@deck.gl/layers';
import { SHAPE_ICONS, SYMBOL_OUTLINE, type ShapeIcon } from './shape-icons.js';
import { availableShare } from '../../../../common/models/charging.js';
import type { ChargingDerived } from '../../../../common/derived.js';
import { CHARGING_COLORS, NO_DATA_COLOR, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { freshEntry, textsTrigger, LABEL_FONT, besideSpots, labelPriority, placedLabel, SITE_LABEL_MIN_ZOOM, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';
import type { LabelPlacement } from './label-placement.js';

type Site = CityModel['charging'][number];

/** Beside the diamond, a larger site first; a car park's count on the same spot takes the other side. One object per screen kind (layer-reuse.ts). */
const placement = (wall: boolean): LabelPlacement<Site> => ({ priority: (s) => labelPriority('charging', s.properties.points.length), spots: besideSpots(wall ? 16 : 12) });
const PLACEMENT = { desk: placement(false), wall: placement(true) };
const OBSTACLE = { desk: () => 9, wall: () => 12 };
type Rgba = readonly [number, number, number, number];
/** Under every site with current data, so the greys read on the dark map (the legend draws it too). */
export const CHARGING_RIM: Rgba = [255, 255, 255, 230];

/**
 * How a site is drawn: a filled diamond in its free points' grey on a white rim, or, without current data,
 * hatched on a dark rim: its grey must not read as "< 1/3 free".
 */
export function chargingSymbol(d: ChargingDerived | undefined): { icon: ShapeIcon; color: Rgb; rim: Rgba } {
  return d ? { icon: SHAPE_ICONS.diamond, color: chargingColor(d), rim: CHARGING_RIM } : { icon: SHAPE_ICONS.diamondHatched, color: NO_DATA_COLOR, rim: SYMBOL_OUTLINE };
}

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
  const symbol = (s: Site) => chargingSymbol(derived(s));
  const symbolTrigger = [versions.charging, ctx.freshnessKey];
  return [
    // Charging sites are diamonds (car parks rounded squares): shape says the kind, colour the free points.
    new IconLayer<Site>({
      id: 'charging-sites-outline',
      data: city.charging,
      getPosition: (s) => s.geometry.coordinates,
      getIcon: () => SHAPE_ICONS.diamond,
      getSize: wall ? 24 : 18,
      sizeUnits: 'pixels',
      getColor: (s) => symbol(s).rim,
      updateTriggers: { getColor: symbolTrigger },
    }),
    new IconLayer<Site, SymbolObstacleProps<Site>>({
      id: 'charging-sites',
      labelObstacle: OBSTACLE[wall ? 'wall' : 'desk'],
      data: city.charging,
      getPosition: (s) => s.geometry.coordinates,
      getIcon: (s) => symbol(s).icon,
      getSize: wall ? 20 : 15,
      sizeUnits: 'pixels',
      getColor: (s) => symbol(s).color,
      pickable: true,
      updateTriggers: { getColor: symbolTrigger, getIcon: symbolTrigger },
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
