import { isStale } from '../../../../common/freshness.js';
import type { LiveEntry } from '../../../../common/protocol.js';
import type { SensorKind } from '../../../../common/readings.js';
import type { KindVersions } from '../../live/live-store.js';
import type { CityView } from '../../time/city-view.js';
import type { CityModel } from '../city-model.js';
import type { LabelPlacement, LabelSpot } from './label-placement.js';

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
  /**
   * Built before any data, hidden, for deck.gl to ready the layers' GPU programs while the page waits for the
   * snapshot (first-layers.ts): ask for nothing that takes time or is throttled (the heat surface).
   */
  beforeData?: boolean;
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
 * Labels need the German letters and the degree sign; deck.gl's default atlas is ASCII only. Which labels are
 * drawn is decided on the CPU (label-declutter.ts), not by depth.
 */
export const LABEL_FONT = {
  fontFamily: '"DejaVu Sans", "Noto Sans", system-ui, sans-serif',
  characterSet: 'auto' as const,
  fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
  outlineWidth: 3,
  outlineColor: [8, 12, 18, 255] as [number, number, number, number],
};

/**
 * Names and counts beside sites (landmarks, car parks, charging sites) from this zoom on: at a phone's city
 * view (about 10) they pile up over the centre; the whole city on a 1920×1080 screen (about 11) keeps them.
 */
export const SITE_LABEL_MIN_ZOOM = 10.5;

/**
 * Which label keeps a contested place (label-placement.ts): live values over names. Within a tier a
 * larger car park, a larger charging site, the motorway over the ring over other streets.
 */
export const LABEL_TIER = { carPark: 5, station: 4, charging: 3, district: 2, landmark: 1, street: 0 } as const;
export const labelPriority = (tier: keyof typeof LABEL_TIER, within = 0) => LABEL_TIER[tier] * 10_000 + Math.max(0, Math.min(9_999, within));

/** A count beside its symbol: to the right, else to the left (a car park and a charging site on one spot take one side each). */
export function besideSpots(dx: number, dy = 0): LabelSpot[] {
  return [
    { offset: [dx, dy], anchor: 'start', baseline: 'center' },
    { offset: [-dx, dy], anchor: 'end', baseline: 'center' },
  ];
}

/** A value over its point, else under it. */
export function aboveSpots(dy: number): LabelSpot[] {
  return [
    { offset: [0, -dy], anchor: 'middle', baseline: 'center' },
    { offset: [0, dy], anchor: 'middle', baseline: 'center' },
  ];
}

/**
 * A text layer's props for a label placed with the others (label-declutter.ts): whole boxes tested against
 * whole boxes, the higher priority first, each label at the first of its spots that is free, or not drawn.
 * The layer alone (no placement, e.g. in a unit test) draws every label at its first spot.
 */
export function placedLabel<D>(placement: LabelPlacement<D>) {
  const first = (d: D) => (typeof placement.spots === 'function' ? placement.spots(d) : placement.spots)[0];
  return {
    labelPlacement: placement,
    getPixelOffset: (d: D) => first(d).offset as [number, number],
    getTextAnchor: (d: D) => first(d).anchor,
    getAlignmentBaseline: (d: D) => first(d).baseline,
  };
}

export type PlacedLabelProps<D> = { labelPlacement: LabelPlacement<D> };

/**
 * A symbol layer whose symbols labels would rather not cover (label-declutter.ts): half the symbol's size
 * in pixels at scale 1. A label takes the first of its spots clear of labels and symbols, else the first
 * clear of labels only: a count over a neighbour's symbol is still read, two counts over each other are not.
 * Keep the function the same from frame to frame (a module constant), or the layer is never reused (layer-reuse.ts).
 */
export type SymbolObstacleProps<D> = { labelObstacle: (d: D) => number };

/**
 * A label layer's getText trigger: the texts themselves. A label layer is then rebuilt when a text it
 * shows changes, not with every reading of its kind; an unchanged one keeps its instance (layer-reuse.ts)
 * and spares the collision map its redraw, which any new label instance causes.
 */
export function textsTrigger<D>(data: readonly D[], getText: (d: D) => string): string {
  return data.map(getText).join('\u0000');
}
