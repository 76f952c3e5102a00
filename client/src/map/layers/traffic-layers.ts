import { IconLayer, PathLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { LiveEntry } from '../../../../common/protocol.js';
import { isCongested } from '../../../../common/models/traffic.js';
import { LOS_COLORS, NO_DATA_COLOR, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { freshEntry, type LayerContext } from './layer-context.js';
import { SHAPE_ICONS } from './shape-icons.js';
import { chevronColumns, chevronDensity, type ChevronColumns, type ChevronFlow } from './traffic-chevrons.js';

type Link = CityModel['traffic'][number];

/** Links are drawn beside their centre line, right-hand traffic: each direction on its own side. */
const OFFSET_IN_WIDTHS = 0.65;

/** Congested links (LOS E/F) are drawn wider, so hotspots stand out from across the control room. */
function widthPx(link: Link, wall: boolean, entry: LiveEntry | undefined): number {
  const base = (wall ? 3 : 2) + link.properties.lanes * (wall ? 2 : 1.3);
  return entry?.derived.kind === 'traffic' && isCongested(entry.derived.los) ? base * 1.7 : base;
}

/** The chevrons' input per link (null: no current reading), read again only when the readings, their freshness or the screen change, not every frame. */
let flowCache: { city: CityModel; store: LayerContext['store']; key: string; flows: Array<ChevronFlow | null> } | null = null;
function flowsOf(ctx: LayerContext): Array<ChevronFlow | null> {
  const key = `${ctx.versions.traffic}/${ctx.freshnessKey}/${ctx.wall}`;
  if (flowCache?.city === ctx.city && flowCache.store === ctx.store && flowCache.key === key) return flowCache.flows;
  const flows = ctx.city.traffic.map((link) => {
    const entry = freshEntry(ctx, link.id);
    if (!entry || entry.reading.kind !== 'traffic' || entry.derived.kind !== 'traffic') return null;
    return { volumeCapacityRatio: entry.derived.volumeCapacityRatio, speedKmh: entry.reading.values.speedKmh, offsetPx: widthPx(link, ctx.wall, entry) * OFFSET_IN_WIDTHS };
  });
  flowCache = { city: ctx.city, store: ctx.store, key, flows };
  return flows;
}

function losColor(entry: LiveEntry | undefined): Rgb {
  return entry?.derived.kind === 'traffic' ? LOS_COLORS[entry.derived.los] : NO_DATA_COLOR;
}

export function trafficLayers(ctx: LayerContext) {
  const { city, versions, wall } = ctx;
  return [
    new PathLayer<Link, PathStyleExtensionProps<Link>>({
      id: 'traffic-links',
      data: city.traffic,
      getPath: (f) => f.geometry.coordinates,
      getColor: (f) => losColor(freshEntry(ctx, f.id)),
      getWidth: (f) => widthPx(f, wall, freshEntry(ctx, f.id)),
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      extensions: [new PathStyleExtension({ offset: true })],
      getOffset: OFFSET_IN_WIDTHS,
      updateTriggers: { getColor: [versions.traffic, ctx.freshnessKey], getWidth: [versions.traffic, ctx.freshnessKey, wall] },
    }),
    new IconLayer<ChevronColumns>({
      id: 'traffic-flow',
      data: chevronColumns(city.traffic, flowsOf(ctx), ctx.clock, chevronDensity(ctx.zoom ?? 14)),
      getIcon: () => SHAPE_ICONS.flowArrow,
      getSize: wall ? 11 : 8,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 220],
    }),
  ];
}
