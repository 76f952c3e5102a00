import { PathLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { distanceM } from '../../../../common/geo.js';
import type { LiveEntry } from '../../../../common/protocol.js';
import { isCongested } from '../../../../common/models/traffic.js';
import { LOS_COLORS, NO_DATA_COLOR, type Rgb } from '../colors.js';
import type { CityModel } from '../city-model.js';
import { freshEntry, LABEL_FONT, type LayerContext } from './layer-context.js';

type Link = CityModel['traffic'][number];

/** Links are drawn beside their centre line, right-hand traffic: each direction on its own side. */
const OFFSET_IN_WIDTHS = 0.65;
/** On screen, chevrons travel this many metres per second per km/h of measured speed: fast enough to see. */
const DISPLAY_METRES_PER_KMH = 5;

/** Congested links (LOS E/F) are drawn wider, so hotspots stand out from across the control room. */
function widthPx(link: Link, wall: boolean, entry: LiveEntry | undefined): number {
  const base = (wall ? 3 : 2) + link.properties.lanes * (wall ? 2 : 1.3);
  return entry?.derived.kind === 'traffic' && isCongested(entry.derived.los) ? base * 1.7 : base;
}

interface Chevron {
  id: string;
  position: [number, number];
  angle: number;
  offset: [number, number];
}

/** Cumulative length of each link in metres, computed once per link. */
const cumulativeCache = new WeakMap<Link, number[]>();
function cumulative(link: Link): number[] {
  let cum = cumulativeCache.get(link);
  if (!cum) {
    const c = link.geometry.coordinates;
    cum = [0];
    for (let i = 1; i < c.length; i++) cum.push(cum[i - 1] + distanceM(c[i - 1], c[i]));
    cumulativeCache.set(link, cum);
  }
  return cum;
}

/** Position and screen direction at distance d along a link. */
function along(link: Link, d: number): { position: [number, number]; dx: number; dy: number } {
  const c = link.geometry.coordinates;
  const cum = cumulative(link);
  let i = 1;
  while (i < cum.length - 1 && cum[i] < d) i++;
  const f = cum[i] === cum[i - 1] ? 0 : (d - cum[i - 1]) / (cum[i] - cum[i - 1]);
  const [x0, y0] = c[i - 1];
  const [x1, y1] = c[i];
  const kx = Math.cos((y0 * Math.PI) / 180);
  return { position: [x0 + (x1 - x0) * f, y0 + (y1 - y0) * f], dx: (x1 - x0) * kx, dy: y1 - y0 };
}

/**
 * Chevrons moving along each link in its direction of travel: their number shows the volume,
 * their speed the measured speed. Recomputed per animation frame (a few hundred points).
 */
function chevrons(ctx: LayerContext): Chevron[] {
  const out: Chevron[] = [];
  for (const link of ctx.city.traffic) {
    const entry = freshEntry(ctx, link.id);
    if (!entry || entry.reading.kind !== 'traffic' || entry.derived.kind !== 'traffic') continue;
    const length = link.properties.lengthM;
    const count = 1 + Math.round(Math.min(1.2, entry.derived.volumeCapacityRatio) * 3 * Math.max(1, length / 1200));
    const travelled = ctx.clock * entry.reading.values.speedKmh * DISPLAY_METRES_PER_KMH;
    const offsetPx = widthPx(link, ctx.wall, entry) * OFFSET_IN_WIDTHS;
    for (let k = 0; k < count; k++) {
      const d = (travelled + (k * length) / count) % length;
      const { position, dx, dy } = along(link, d);
      const norm = Math.hypot(dx, dy) || 1;
      // Screen y grows downwards; the right-hand normal of (dx, dy) on screen is (-dy, -dx) in that frame.
      out.push({
        id: `${link.id}#${k}`,
        position,
        angle: (Math.atan2(dy, dx) * 180) / Math.PI,
        offset: [(dy / norm) * offsetPx, (dx / norm) * offsetPx],
      });
    }
  }
  return out;
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
    new TextLayer<Chevron>({
      id: 'traffic-flow',
      data: chevrons(ctx),
      getText: () => '▶',
      getPosition: (c) => c.position,
      getAngle: (c) => c.angle,
      getPixelOffset: (c) => c.offset,
      getSize: wall ? 13 : 9,
      getColor: [255, 255, 255, 220],
      ...LABEL_FONT,
      outlineWidth: 0,
      characterSet: ['▶'],
    }),
  ];
}
