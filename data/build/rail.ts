import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { BochumSources } from './sources';
import { BOCHUM_REFERENCE_LAT, LocalProjection } from '../../common/geo.js';
import { lengthM, roundLine, type LonLat } from './geo-utils';
import { splitAtJumps } from './route-tracer';

export type RailMode = 'rail' | 'tram' | 'subway';

export interface RailProps {
  /** the lines running on this piece of track, e.g. "S1, RE1, RE6" */
  ref: string;
  mode: RailMode;
}

/** BOGESTRA tram lines that serve Bochum (303, 311 … are buses). */
const TRAM_LINES = new Set(['301', '302', '305', '306', '308', '309', '310', '316', '318']);

function modeOf(ref: string): RailMode | null {
  if (ref === 'U35') return 'subway';
  if (TRAM_LINES.has(ref)) return 'tram';
  if (/^(S\d|RE ?\d|RB ?\d|IC |ICE |EC |ES$|FLX )/.test(ref)) return 'rail';
  return null;
}

/**
 * Regional services first, so a piece of track shared by an S-Bahn and an ICE
 * is credited to the line a Bochum commuter would recognise.
 */
function priority(ref: string): number {
  if (/^S\d/.test(ref)) return 0;
  if (/^RE/.test(ref)) return 1;
  if (/^RB/.test(ref)) return 2;
  return 3;
}

function compareRefs(a: string, b: string): number {
  return priority(a) - priority(b) || a.localeCompare(b, 'de', { numeric: true });
}

/** Tracks in OSM relations of the same corridor lie a few metres apart; 20 m merges them. */
const SAME_TRACK_M = 20;
/** Leftover fragments shorter than this are switches and platform tracks, not lines. */
const MIN_PIECE_M = 150;
/** ~4 m: keeps curves smooth at city zoom. */
const SIMPLIFY_DEG = 0.00004;
/** Lines are kept this far beyond the city limit so they visibly lead somewhere. */
const CLIP_BUFFER_KM = 0.5;

class SegmentGrid {
  private cells = new Map<string, [number, number, number, number][]>();
  constructor(private cell = 50) {}
  private key(ix: number, iy: number) {
    return `${ix},${iy}`;
  }
  add(ax: number, ay: number, bx: number, by: number) {
    const x0 = Math.floor(Math.min(ax, bx) / this.cell), x1 = Math.floor(Math.max(ax, bx) / this.cell);
    const y0 = Math.floor(Math.min(ay, by) / this.cell), y1 = Math.floor(Math.max(ay, by) / this.cell);
    for (let ix = x0; ix <= x1; ix++)
      for (let iy = y0; iy <= y1; iy++) {
        const k = this.key(ix, iy);
        let list = this.cells.get(k);
        if (!list) this.cells.set(k, (list = []));
        list.push([ax, ay, bx, by]);
      }
  }
  near(x: number, y: number, r: number): boolean {
    const ix = Math.floor(x / this.cell), iy = Math.floor(y / this.cell);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        for (const [ax, ay, bx, by] of this.cells.get(this.key(ix + dx, iy + dy)) ?? []) {
          const vx = bx - ax, vy = by - ay;
          const l2 = vx * vx + vy * vy;
          let t = l2 > 0 ? ((x - ax) * vx + (y - ay) * vy) / l2 : 0;
          t = Math.max(0, Math.min(1, t));
          if (Math.hypot(ax + t * vx - x, ay + t * vy - y) <= r) return true;
        }
      }
    return false;
  }
}

interface Line {
  ref: string;
  mode: RailMode;
  parts: LonLat[][];
  grid: SegmentGrid;
}

function insideRuns(coords: LonLat[], area: Feature<Polygon | MultiPolygon>): LonLat[][] {
  const runs: LonLat[][] = [];
  let cur: LonLat[] = [];
  for (const p of coords) {
    if (turf.booleanPointInPolygon(p, area)) cur.push(p);
    else {
      if (cur.length >= 2) runs.push(cur);
      cur = [];
    }
  }
  if (cur.length >= 2) runs.push(cur);
  return runs;
}

export function buildRail(src: BochumSources): FeatureCollection<LineString, RailProps> {
  const proj = new LocalProjection(BOCHUM_REFERENCE_LAT);
  const area = turf.buffer(src.boundary, CLIP_BUFFER_KM, { units: 'kilometers' }) as Feature<Polygon | MultiPolygon>;
  const xy = (p: LonLat): [number, number] => [proj.x(p[0]), proj.y(p[1])];

  // one entry per line; both directions of a route end up in the same entry
  const byRef = new Map<string, Line>();
  for (const f of src.transitRoutes.features) {
    const ref = (f.properties.ref ?? '').trim();
    const mode = modeOf(ref);
    if (!mode) continue;
    let line = byRef.get(ref);
    if (!line) byRef.set(ref, (line = { ref, mode, parts: [], grid: new SegmentGrid() }));
    for (const part of f.geometry.coordinates) {
      for (const piece of splitAtJumps(part as LonLat[], proj)) {
        for (const run of insideRuns(piece, area)) {
          line.parts.push(run);
          for (let i = 1; i < run.length; i++) line.grid.add(...xy(run[i - 1]), ...xy(run[i]));
        }
      }
    }
  }

  const lines = [...byRef.values()].filter((l) => l.parts.length > 0).sort((a, b) => compareRefs(a.ref, b.ref));
  const features: Feature<LineString, RailProps>[] = [];
  for (const mode of ['subway', 'tram', 'rail'] as RailMode[]) {
    const sameMode = lines.filter((l) => l.mode === mode);
    const drawn = new SegmentGrid();
    for (const line of sameMode) {
      for (const part of line.parts) {
        // keep the stretches not yet drawn, plus one shared vertex at each end so pieces join up
        const covered = part.map((p) => drawn.near(...xy(p), SAME_TRACK_M));
        let start = -1;
        const pieces: LonLat[][] = [];
        for (let i = 0; i <= part.length; i++) {
          const free = i < part.length && !covered[i];
          if (free && start < 0) start = i;
          if (!free && start >= 0) {
            pieces.push(part.slice(Math.max(0, start - 1), Math.min(part.length, i + 1)));
            start = -1;
          }
        }
        for (const piece of pieces) {
          if (piece.length < 2 || lengthM(piece) < MIN_PIECE_M) continue;
          for (let i = 1; i < piece.length; i++) drawn.add(...xy(piece[i - 1]), ...xy(piece[i]));
          features.push(railFeature(piece, line, sameMode, xy));
        }
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

function railFeature(
  piece: LonLat[],
  owner: Line,
  sameMode: Line[],
  xy: (p: LonLat) => [number, number],
): Feature<LineString, RailProps> {
  // which other lines run along this piece; long-distance trains are left out of the label
  const samples = piece.filter((_, i) => i % 5 === 0);
  const refs = sameMode
      .filter((l) => l === owner || ((l.mode !== 'rail' || priority(l.ref) < 3) && samples.filter((p) => l.grid.near(...xy(p), SAME_TRACK_M + 5)).length >= 0.8 * samples.length))
    .map((l) => l.ref)
    .sort(compareRefs);
  const simple = turf.simplify(turf.lineString(piece), { tolerance: SIMPLIFY_DEG, highQuality: true });
  return {
    type: 'Feature',
    properties: { ref: refs.join(', '), mode: owner.mode },
    geometry: { type: 'LineString', coordinates: roundLine(simple.geometry.coordinates) },
  };
}
