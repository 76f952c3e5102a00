import { isStale } from '../../../../common/freshness.js';
import type { LiveEntry } from '../../../../common/protocol.js';
import type { SensorKind } from '../../../../common/readings.js';
import type { KindVersions } from '../../live/live-store.js';
import type { CityView } from '../../time/city-view.js';
import type { CityModel } from '../city-model.js';

/** What every layer builder reads: the static city model, the displayed city (live or past) and its per-kind versions. */
export interface LayerContext {
  city: CityModel;
  store: CityView;
  versions: KindVersions;
  /** seconds, for animations */
  clock: number;
  /** wall display: everything drawn larger to be legible from a distance */
  wall: boolean;
  /** the city time shown (the present, or the instant looked back at), epoch ms */
  cityNow: number;
  /** changes once per city minute: re-evaluates staleness in updateTriggers */
  freshnessKey: number;
  /** the heat surface as absolute UTCI (default) or as the difference from the city mean */
  heatMode?: HeatMode;
  /** the map's zoom (absent: street zoom), for what only reads when zoomed in */
  zoom?: number;
}

export type HeatMode = 'absolute' | 'anomaly';

/**
 * The version of a kind's sensors kept only in the live columns (SCALE's generated ones) as shown: they
 * move with the columns' own count, and with the kind's displayed version when the view switches.
 */
export function columnsOnlyVersion(ctx: LayerContext, kind: SensorKind): string {
  return `${ctx.versions[kind]}.${ctx.store.columns?.onlyHereVersions[kind] ?? '-'}`;
}

/** The sensor's latest entry if it is current; stale readings are drawn as "no data", not as the present. */
export function freshEntry(ctx: LayerContext, sensorId: string): LiveEntry | undefined {
  const entry = ctx.store.entries.get(sensorId);
  return entry && !isStale(entry.reading, ctx.cityNow) ? entry : undefined;
}

/**
 * Labels need the German letters and the degree sign; deck.gl's default atlas is ASCII only.
 * Text is painted in layer order, without the depth test: deck.gl draws a label upright at its anchor's
 * depth, and under a tilted camera (the demo tour's 20–50° pitch) the ground below the anchor on screen
 * is nearer than that, so the surfaces drawn before it (heat surface, districts) hid every glyph's lower
 * part: names beside their point showed only the tops of their letters. deck.gl's collision pass sets its
 * own depth test, so label priorities are unchanged.
 */
export const LABEL_FONT = {
  fontFamily: '"DejaVu Sans", "Noto Sans", system-ui, sans-serif',
  characterSet: 'auto' as const,
  fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
  outlineWidth: 3,
  outlineColor: [8, 12, 18, 255] as [number, number, number, number],
  parameters: { depthCompare: 'always' as const },
};

/**
 * How far (pixels) a label's collision box reaches past its anchor: deck.gl's CollisionFilterExtension
 * looks at the 5×5 device pixels around the anchor in its half-resolution collision map and draws the label
 * with opacity (share of them that are its own)^2.2, so an anchor on the box's edge (about 3 of 5 columns
 * its own) gave a label drawn at a third to a half of its opacity, or none.
 */
export const ANCHOR_MARGIN = 4;

/**
 * A label's berth: it claims a box larger than its text in the collision map. deck.gl's filter only asks
 * whether a label's own anchor is covered, so a car-park count whose anchor lay just outside a landmark's
 * box was drawn across its text (seen in the wall's centre once labels were drawn at full opacity).
 */
export const LABEL_BERTH = { collisionTestProps: { sizeScale: 1.8 } };

/**
 * Names and counts beside sites (landmarks, car parks, charging sites) from this zoom on: at a phone's city
 * view (about 10) they pile up over the centre; the whole city on a 1920×1080 screen (about 11) keeps them.
 */
export const SITE_LABEL_MIN_ZOOM = 10.5;

/**
 * A label drawn beside its point (offset in pixels, +y down) that can take part in collision filtering.
 * deck.gl 9's CollisionFilterExtension decides a label's visibility by looking for it at its anchor
 * point, and an offset label does not cover its anchor, so it hid itself everywhere (car-park and
 * charging counts, the wall's station values). A transparent background padded back to the anchor
 * covers it, reaching ANCHOR_MARGIN past it so that the label is drawn whole, not faded; on screen it draws nothing.
 */
export function besideItsPoint([dx, dy]: [number, number]) {
  const pad = (d: number) => (d > 0 ? d + ANCHOR_MARGIN : 0);
  return {
    getPixelOffset: [dx, dy] as [number, number],
    background: true,
    getBackgroundColor: [0, 0, 0, 0] as [number, number, number, number],
    backgroundPadding: [pad(dx), pad(dy), pad(-dx), pad(-dy)] as [number, number, number, number],
  };
}

/**
 * A label layer's getText trigger: the texts themselves. A label layer is then rebuilt when a text it
 * shows changes, not with every reading of its kind; an unchanged one keeps its instance (layer-reuse.ts)
 * and spares the collision map its redraw, which any new label instance causes.
 */
export function textsTrigger<D>(data: readonly D[], getText: (d: D) => string): string {
  return data.map(getText).join('\u0000');
}
