import { PathLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { LinkComparisonWire, RoadLinkShape } from '../../../../common/whatif-traffic.js';
import { rampColor, type Rgb } from '../../map/colors.js';
import type { RoadworksStore } from './roadworks-store.js';

/**
 * Travel time with the roadworks against without (after / before − 1): ColorBrewer PuOr's orange
 * arm for slower, its purple-free blue end swapped for RdBu's blue for faster, through a light grey.
 * Orange-brown on the what-if's links only, so it does not read as heat (the UTCI scale is drawn
 * as a surface, never as lines) or as LOS (slate to magenta).
 */
export const ROADWORKS_DIFF_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [-0.5, [33, 102, 172]],
  [-0.1, [146, 197, 222]],
  [0, [225, 225, 225]],
  [0.25, [253, 184, 99]],
  [1, [230, 97, 1]],
  [3, [127, 39, 4]],
];

/** Each direction beside the course, as the traffic layer draws them (right-hand traffic). */
const OFFSET_IN_WIDTHS = 0.65;

interface Drawn {
  link: RoadLinkShape;
  c: LinkComparisonWire | null;
}

export function timeChange(c: LinkComparisonWire): number | null {
  return c.travelTimeAfterS !== null && c.travelTimeBeforeS !== null && c.travelTimeBeforeS > 0 ? c.travelTimeAfterS / c.travelTimeBeforeS - 1 : null;
}

let cache: { version: number; all: RoadLinkShape[]; affected: Drawn[]; closed: RoadLinkShape[] } | null = null;

/** The layer data, the same arrays until the store changes (deck.gl then keeps its attributes). */
function data(store: RoadworksStore) {
  if (cache?.version !== store.version) {
    const instant = store.result?.instants[store.shownInstant];
    const affected = (instant?.links ?? []).flatMap((c) => {
      const link = store.byId.get(c.linkId);
      return link && !c.planned ? [{ link, c }] : [];
    });
    const closed = store.picked.flatMap((id) => store.byId.get(id) ?? []);
    cache = { version: store.version, all: store.links, affected, closed };
  }
  return cache;
}

const widthPx = (lanes: number, wall: boolean) => (wall ? 3 : 2) + lanes * (wall ? 2 : 1.4);

/** The roadworks on the map: while picking every link faintly, the picked links dashed, the changed links by their travel-time change. */
export function roadworksLayers(store: RoadworksStore, wall: boolean) {
  if (store.links.length === 0 || (store.picked.length === 0 && !store.picking)) return [];
  const { all, affected, closed } = data(store);
  const key = store.version;
  const offset = new PathStyleExtension({ offset: true });
  return [
    store.picking &&
      new PathLayer<RoadLinkShape, PathStyleExtensionProps<RoadLinkShape>>({
        id: 'roadworks-pickable',
        data: all,
        getPath: (l) => l.path as Array<[number, number]>,
        getColor: [255, 255, 255, 90],
        getWidth: (l) => widthPx(l.lanes, wall),
        widthUnits: 'pixels',
        extensions: [offset],
        getOffset: OFFSET_IN_WIDTHS,
      }),
    // a dark casing lifts the changed links off the heat surface beneath them
    new PathLayer<Drawn, PathStyleExtensionProps<Drawn>>({
      id: 'roadworks-affected-casing',
      data: affected,
      getPath: (d) => d.link.path as Array<[number, number]>,
      getColor: [15, 15, 15, 230],
      getWidth: (d) => widthPx(d.link.lanes, wall) * 1.3 + 3,
      widthUnits: 'pixels',
      capRounded: true,
      extensions: [offset],
      // the offset is in widths: centred under the coloured line, which is 3 px narrower
      getOffset: (d) => (OFFSET_IN_WIDTHS * widthPx(d.link.lanes, wall) * 1.3) / (widthPx(d.link.lanes, wall) * 1.3 + 3),
      updateTriggers: { getWidth: [key], getOffset: [key] },
    }),
    new PathLayer<Drawn, PathStyleExtensionProps<Drawn>>({
      id: 'roadworks-affected',
      data: affected,
      getPath: (d) => d.link.path as Array<[number, number]>,
      getColor: (d) => [...rampColor(ROADWORKS_DIFF_STOPS, timeChange(d.c!) ?? 0), 255] as [number, number, number, number],
      getWidth: (d) => widthPx(d.link.lanes, wall) * 1.3,
      widthUnits: 'pixels',
      capRounded: true,
      extensions: [offset],
      getOffset: OFFSET_IN_WIDTHS,
      updateTriggers: { getColor: [key], getWidth: [key] },
    }),
    // the closed links: a dark casing with white dashes, a shape rather than one more colour
    new PathLayer<RoadLinkShape, PathStyleExtensionProps<RoadLinkShape>>({
      id: 'roadworks-closed-casing',
      data: closed,
      getPath: (l) => l.path as Array<[number, number]>,
      getColor: [20, 20, 20, 255],
      getWidth: (l) => widthPx(l.lanes, wall) * 1.6,
      widthUnits: 'pixels',
      extensions: [offset],
      getOffset: OFFSET_IN_WIDTHS,
      updateTriggers: { getPath: [key] },
    }),
    new PathLayer<RoadLinkShape, PathStyleExtensionProps<RoadLinkShape>>({
      id: 'roadworks-closed',
      data: closed,
      getPath: (l) => l.path as Array<[number, number]>,
      getColor: [255, 255, 255, 255],
      getWidth: (l) => widthPx(l.lanes, wall) * 0.8,
      widthUnits: 'pixels',
      getDashArray: [3, 2],
      dashJustified: true,
      extensions: [new PathStyleExtension({ offset: true, dash: true })],
      getOffset: OFFSET_IN_WIDTHS * 2,
      updateTriggers: { getPath: [key] },
    }),
  ];
}
