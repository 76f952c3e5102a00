import { distanceM } from '../../../../common/geo.js';

/** A link's line and length, as the chevrons need it (the city's traffic features). */
export interface ChevronLink {
  geometry: { coordinates: ReadonlyArray<readonly number[]> };
  properties: { lengthM: number };
}

/** What a link's chevrons show: how full it is (their number), how fast it moves, how far beside the line. */
export interface ChevronFlow {
  volumeCapacityRatio: number;
  speedKmh: number;
  /** pixels from the centre line to the right-hand side the direction is drawn on */
  offsetPx: number;
}

/**
 * Every chevron as deck.gl binary attributes (one row per chevron): written in one pass into typed arrays,
 * no object per chevron. At 30 frames a second on the wall, a text layer of arrow glyphs rebuilt its
 * characters for every frame, the map's largest layer update (bench/browser-scale, BENCH_LAYERS=1).
 */
export interface ChevronColumns {
  length: number;
  attributes: {
    /** lon, lat, 0: deck.gl's own layout of positions, taken as it is (two values per row went through its per-row normaliser) */
    getPosition: { value: Float64Array; size: 3 };
    /** degrees, counter-clockwise from east on screen */
    getAngle: { value: Float32Array; size: 1 };
    getPixelOffset: { value: Float32Array; size: 2 };
  };
}

/** On screen, chevrons travel this many metres per second per km/h of measured speed: fast enough to see. */
const DISPLAY_METRES_PER_KMH = 5;

/** Cumulative length of each link in metres, computed once per link. */
const cumulativeCache = new WeakMap<ChevronLink, Float64Array>();
function cumulative(link: ChevronLink): Float64Array {
  let cum = cumulativeCache.get(link);
  if (!cum) {
    const c = link.geometry.coordinates;
    cum = new Float64Array(c.length);
    for (let i = 1; i < c.length; i++) cum[i] = cum[i - 1] + distanceM(c[i - 1] as [number, number], c[i] as [number, number]);
    cumulativeCache.set(link, cum);
  }
  return cum;
}

/**
 * Chevrons on a link: more on a fuller and a longer link (one at least), so their density reads as volume.
 * `density` (0–1) thins them all alike where the map shows the city small (a phone), keeping the proportions.
 */
export function chevronCount(link: ChevronLink, flow: ChevronFlow, density = 1): number {
  return 1 + Math.round(Math.min(1.2, flow.volumeCapacityRatio) * 3 * Math.max(1, link.properties.lengthM / 1200) * density);
}

/** At this zoom (the whole city on a 1920×1080 screen) and closer the chevrons keep their full number; each level further out halves it. */
const FULL_DENSITY_ZOOM = 11;
export const chevronDensity = (zoom: number): number => Math.min(1, 2 ** (zoom - FULL_DENSITY_ZOOM));

/**
 * Chevrons moving along each link in its direction of travel, at `clockS` seconds: their number shows the
 * volume, their speed the measured speed. `flows` holds one entry per link shown (null: no current reading,
 * no chevrons); `density` as in `chevronCount`.
 */
export function chevronColumns(links: readonly ChevronLink[], flows: ReadonlyArray<ChevronFlow | null>, clockS: number, density = 1): ChevronColumns {
  let n = 0;
  for (let l = 0; l < links.length; l++) {
    const flow = flows[l];
    if (flow) n += chevronCount(links[l], flow, density);
  }
  const position = new Float64Array(3 * n);
  const angle = new Float32Array(n);
  const offset = new Float32Array(2 * n);
  let row = 0;
  for (let l = 0; l < links.length; l++) {
    const flow = flows[l];
    if (!flow) continue;
    const link = links[l];
    const c = link.geometry.coordinates;
    const cum = cumulative(link);
    const length = link.properties.lengthM;
    const count = chevronCount(link, flow, density);
    const travelled = clockS * flow.speedKmh * DISPLAY_METRES_PER_KMH;
    for (let k = 0; k < count; k++, row++) {
      const d = (travelled + (k * length) / count) % length;
      let i = 1;
      while (i < cum.length - 1 && cum[i] < d) i++;
      const f = cum[i] === cum[i - 1] ? 0 : (d - cum[i - 1]) / (cum[i] - cum[i - 1]);
      const [x0, y0] = c[i - 1];
      const [x1, y1] = c[i];
      const dx = (x1 - x0) * Math.cos((y0 * Math.PI) / 180);
      const dy = y1 - y0;
      const norm = Math.hypot(dx, dy) || 1;
      position[3 * row] = x0 + (x1 - x0) * f;
      position[3 * row + 1] = y0 + (y1 - y0) * f;
      angle[row] = (Math.atan2(dy, dx) * 180) / Math.PI;
      // Screen y grows downwards; the right-hand normal of (dx, dy) on screen is (-dy, -dx) in that frame.
      offset[2 * row] = (dy / norm) * flow.offsetPx;
      offset[2 * row + 1] = (dx / norm) * flow.offsetPx;
    }
  }
  return { length: n, attributes: { getPosition: { value: position, size: 3 }, getAngle: { value: angle, size: 1 }, getPixelOffset: { value: offset, size: 2 } } };
}
