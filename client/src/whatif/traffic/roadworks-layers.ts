import { PathLayer } from '@deck.gl/layers';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { LinkComparisonWire, RoadLinkShape } from '../../../../common/whatif-traffic.js';
import { rampColor, type Rgb } from '../../map/colors.js';
import type { RoadworksStore } from './roadworks-store.js';

/**
 * Travel time with the roadworks against without (after / before − 1). Every hue on the map already
 * has a meaning — UTCI green/yellow/orange/red (and its cold blues), LOS slate blue to magenta, RdBu
 * for the heat differences — and under deuteranopia the map keeps only a blue–yellow axis and
 * lightness, on which heat reads yellow-brown and LOS blue. What is left to both is lightness without
 * hue, so slower is darker: light grey (no change) to near black (four times the time), on a white
 * casing that keeps the dark lines off the dark basemap. Faster (a relieved link) is the one
 * hue-led side, a light-to-deep teal, kept to the few links that gain.
 */
export const ROADWORKS_DIFF_STOPS: ReadonlyArray<readonly [number, Rgb]> = [
  [-0.5, [0, 128, 138]],
  [-0.1, [128, 196, 196]],
  [0, [214, 214, 214]],
  [0.25, [150, 150, 150]],
  [1, [72, 72, 72]],
  [3, [16, 16, 16]],
];

/** The casing of the changed links: white, as their colours run from light grey to black. */
export const ROADWORKS_CASING: Rgb = [250, 250, 250];

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
    // a white casing lifts the changed links (grey to black) off the basemap and the heat surface beneath them
    new PathLayer<Drawn, PathStyleExtensionProps<Drawn>>({
      id: 'roadworks-affected-casing',
      data: affected,
      getPath: (d) => d.link.path as Array<[number, number]>,
      getColor: [...ROADWORKS_CASING, 235],
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
