import { IconLayer, TextLayer } from '@deck.gl/layers';
import { MOISTURE_STOPS, NO_DATA_COLOR, rampColor } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { freshEntry, LABEL_FONT, type LayerContext } from './layer-context.js';
import { SHAPE_ICONS, SYMBOL_OUTLINE } from './shape-icons.js';

type TreeSite = NonNullable<CityModel['tree']>[number];

const TREE_RIM: [number, number, number, number] = [236, 240, 232, 230];

/** The street trees' soil-moisture sensors: a tree symbol coloured by moisture, the figure beside it. */
export function treeLayers(ctx: LayerContext) {
  const { versions, wall } = ctx;
  const trees = ctx.city.tree ?? [];
  const moisture = (f: TreeSite) => {
    const r = freshEntry(ctx, f.id)?.reading;
    return r?.kind === 'tree' ? r.values.soilMoisturePct : null;
  };
  const size = wall ? 38 : 28;
  const icon = () => SHAPE_ICONS.tree;
  const at = (f: TreeSite) => f.geometry.coordinates;
  return [
    // A light rim outside the dark outline: on the dark basemap and on the heat surface alike the tree stands out.
    new IconLayer<TreeSite>({ id: 'tree-sites-rim', data: trees, getPosition: at, getIcon: icon, getSize: size + 9, sizeUnits: 'pixels', getColor: TREE_RIM }),
    new IconLayer<TreeSite>({ id: 'tree-sites-outline', data: trees, getPosition: at, getIcon: icon, getSize: size + 5, sizeUnits: 'pixels', getColor: SYMBOL_OUTLINE }),
    new IconLayer<TreeSite>({
      id: 'tree-sites',
      data: trees,
      getPosition: at,
      getIcon: icon,
      getSize: size,
      sizeUnits: 'pixels',
      getColor: (f) => {
        const m = moisture(f);
        return m === null ? NO_DATA_COLOR : rampColor(MOISTURE_STOPS, m);
      },
      pickable: true,
      updateTriggers: { getColor: [versions.tree, ctx.freshnessKey] },
    }),
    new TextLayer<TreeSite>({
      id: 'tree-moisture',
      data: trees,
      getPosition: at,
      getText: (f) => {
        const m = moisture(f);
        return m === null ? '' : `${Math.round(m)} %`;
      },
      getSize: wall ? 18 : 12,
      getColor: [255, 255, 255],
      getTextAnchor: 'start',
      getPixelOffset: [wall ? 22 : 17, 0],
      ...LABEL_FONT,
      updateTriggers: { getText: [versions.tree, ctx.freshnessKey] },
    }),
  ];
}
