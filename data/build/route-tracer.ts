import * as turf from '@turf/turf';
import type { FeatureCollection, MultiLineString } from 'geojson';
import { BOCHUM_REFERENCE_LAT, LocalProjection } from '../../common/geo.js';
import type { LonLat } from './geo-utils';

/**
 * There is no road network in the reference data, but bus, tram and coach
 * routes are drawn along the real carriageways. A street is therefore traced
 * by following whichever route runs between consecutive waypoints.
 */

export interface RoutePiece {
  ref: string;
  relationId: number;
  coords: LonLat[];
  xs: Float64Array;
  ys: Float64Array;
  /** cumulative planar length in metres at each vertex */
  cum: Float64Array;
  bbox: [number, number, number, number];
}

export interface RouteIndex {
  pieces: RoutePiece[];
  proj: LocalProjection;
}

/** Segments longer than this are chaining artefacts of the source (see SOURCES.md), not street. */
export const MAX_REAL_SEGMENT_M = 500;

export function splitAtJumps(coords: LonLat[], proj: LocalProjection, maxSegM = MAX_REAL_SEGMENT_M): LonLat[][] {
  const parts: LonLat[][] = [];
  let cur: LonLat[] = [];
  for (const p of coords) {
    const prev = cur[cur.length - 1];
    if (prev && Math.hypot(proj.x(p[0]) - proj.x(prev[0]), proj.y(p[1]) - proj.y(prev[1])) > maxSegM) {
      if (cur.length >= 2) parts.push(cur);
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length >= 2) parts.push(cur);
  return parts;
}

export function buildRouteIndex(
  routes: FeatureCollection<MultiLineString, { osm_relation_id: number; ref: string | null }>,
): RouteIndex {
  const proj = new LocalProjection(BOCHUM_REFERENCE_LAT);
  const pieces: RoutePiece[] = [];
  for (const f of routes.features) {
    for (const part of f.geometry.coordinates) {
      for (const coords of splitAtJumps(part as LonLat[], proj)) {
        const n = coords.length;
        const xs = new Float64Array(n);
        const ys = new Float64Array(n);
        const cum = new Float64Array(n);
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (let i = 0; i < n; i++) {
          xs[i] = proj.x(coords[i][0]);
          ys[i] = proj.y(coords[i][1]);
          if (i > 0) cum[i] = cum[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
          minX = Math.min(minX, xs[i]);
          maxX = Math.max(maxX, xs[i]);
          minY = Math.min(minY, ys[i]);
          maxY = Math.max(maxY, ys[i]);
        }
        pieces.push({
          ref: f.properties.ref ?? '',
          relationId: f.properties.osm_relation_id,
          coords,
          xs,
          ys,
          cum,
          bbox: [minX, minY, maxX, maxY],
        });
      }
    }
  }
  return { pieces, proj };
}

interface Pass {
  /** distance along the piece, metres */
  s: number;
  /** distance of the waypoint from the route, metres */
  d: number;
}

/**
 * Every separate pass of a piece near a point: loop routes and out-and-back
 * routes go by the same place twice, and only one pass may lead on to the
 * next waypoint.
 */
function passesNear(piece: RoutePiece, x: number, y: number, radius: number): Pass[] {
  const [minX, minY, maxX, maxY] = piece.bbox;
  if (x < minX - radius || x > maxX + radius || y < minY - radius || y > maxY + radius) return [];
  const passes: Pass[] = [];
  let best: Pass | null = null;
  for (let i = 1; i < piece.xs.length; i++) {
    const ax = piece.xs[i - 1], ay = piece.ys[i - 1];
    const dx = piece.xs[i] - ax, dy = piece.ys[i] - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const d = Math.hypot(ax + t * dx - x, ay + t * dy - y);
    if (d <= radius) {
      const s = piece.cum[i - 1] + t * Math.sqrt(len2);
      if (!best || d < best.d) best = { s, d };
    } else if (best) {
      passes.push(best);
      best = null;
    }
  }
  if (best) passes.push(best);
  return passes;
}

/** The part of a piece between two distances along it, in the order given. */
function extract(piece: RoutePiece, s0: number, s1: number): LonLat[] {
  const forward = s1 >= s0;
  const lo = Math.min(s0, s1);
  const hi = Math.max(s0, s1);
  const at = (s: number): LonLat => {
    let i = 1;
    while (i < piece.cum.length - 1 && piece.cum[i] < s) i++;
    const seg = piece.cum[i] - piece.cum[i - 1];
    const t = seg > 0 ? (s - piece.cum[i - 1]) / seg : 0;
    const a = piece.coords[i - 1], b = piece.coords[i];
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  };
  const out: LonLat[] = [at(lo)];
  for (let i = 0; i < piece.coords.length; i++) {
    if (piece.cum[i] > lo && piece.cum[i] < hi) out.push(piece.coords[i]);
  }
  out.push(at(hi));
  return forward ? out : out.reverse();
}

export interface TraceWaypoint {
  at: LonLat;
  /** how far the followed route may pass from this point, metres */
  radiusM?: number;
  /**
   * The leg arriving at this waypoint is not traced but drawn from public
   * knowledge (straight, or smoothed when several such legs follow each other).
   */
  approximate?: boolean;
}

export interface TraceOptions {
  /** only routes whose ref matches may be followed, e.g. coaches on a motorway */
  refs?: RegExp;
  /** a route leg may be at most this much longer than the straight line (plus 150 m) */
  maxDetour?: number;
  label?: string;
}

export interface TracedLine {
  coords: LonLat[];
  /** [from, to] metres along `coords` that were not traced from a route */
  approximateRanges: [number, number][];
  /** refs of the routes that were followed, for the record */
  followed: string[];
}

function followLeg(index: RouteIndex, a: TraceWaypoint, b: TraceWaypoint, opts: TraceOptions): { coords: LonLat[]; ref: string } | null {
  const { proj } = index;
  const ax = proj.x(a.at[0]), ay = proj.y(a.at[1]);
  const bx = proj.x(b.at[0]), by = proj.y(b.at[1]);
  const straight = Math.hypot(bx - ax, by - ay);
  const maxLen = straight * (opts.maxDetour ?? 1.5) + 150;
  const ra = a.radiusM ?? 45;
  const rb = b.radiusM ?? 45;
  let best: { score: number; piece: RoutePiece; s0: number; s1: number } | null = null;
  for (const piece of index.pieces) {
    if (opts.refs && !opts.refs.test(piece.ref)) continue;
    const pa = passesNear(piece, ax, ay, ra);
    if (pa.length === 0) continue;
    const pb = passesNear(piece, bx, by, rb);
    for (const p of pa) {
      for (const q of pb) {
        const len = Math.abs(q.s - p.s);
        if (len > maxLen || len < straight * 0.7) continue;
        // closeness to the waypoints matters more than a few metres of length
        const score = len + 4 * (p.d + q.d);
        // ties between identical parallel relations resolve by relation id, not by file order
        if (!best || score < best.score - 1e-6 || (Math.abs(score - best.score) <= 1e-6 && piece.relationId < (best.piece.relationId))) {
          best = { score, piece, s0: p.s, s1: q.s };
        }
      }
    }
  }
  if (!best) return null;
  return { coords: extract(best.piece, best.s0, best.s1), ref: best.piece.ref };
}

/** Joins legs; where two routes meet a few metres apart the seam is averaged rather than zig-zagged. */
function appendLeg(line: LonLat[], leg: LonLat[]): void {
  if (line.length === 0) {
    line.push(...leg);
    return;
  }
  const last = line[line.length - 1];
  const first = leg[0];
  line[line.length - 1] = [(last[0] + first[0]) / 2, (last[1] + first[1]) / 2];
  line.push(...leg.slice(1));
}

function smoothApproximate(points: LonLat[]): LonLat[] {
  if (points.length < 3) return points;
  const curve = turf.bezierSpline(turf.lineString(points), { resolution: 1000 * points.length, sharpness: 0.6 });
  return curve.geometry.coordinates as LonLat[];
}

export function traceStreet(index: RouteIndex, waypoints: TraceWaypoint[], opts: TraceOptions = {}): TracedLine {
  if (waypoints.length < 2) throw new Error(`${opts.label}: need at least two waypoints`);
  const line: LonLat[] = [];
  const approximateRanges: [number, number][] = [];
  const followed = new Set<string>();
  const cumLength = () => {
    let s = 0;
    for (let i = 1; i < line.length; i++) s += turf.distance(line[i - 1], line[i], { units: 'kilometers' }) * 1000;
    return s;
  };
  let i = 0;
  while (i < waypoints.length - 1) {
    const next = waypoints[i + 1];
    if (next.approximate) {
      // gather consecutive approximate legs so they are smoothed as one curve
      let j = i + 1;
      while (j + 1 < waypoints.length && waypoints[j + 1].approximate) j++;
      const start = cumLength();
      const curve = smoothApproximate(waypoints.slice(i, j + 1).map((w) => w.at));
      if (line.length === 0) line.push(...curve);
      else line.push(...curve.slice(1));
      approximateRanges.push([start, cumLength()]);
      i = j;
      continue;
    }
    const leg = followLeg(index, waypoints[i], next, opts);
    if (!leg) {
      throw new Error(
        `${opts.label ?? 'street'}: no route runs from waypoint ${i} ${JSON.stringify(waypoints[i].at)} to ${JSON.stringify(next.at)}`,
      );
    }
    followed.add(leg.ref);
    appendLeg(line, leg.coords);
    i++;
  }
  return { coords: line, approximateRanges, followed: [...followed].sort() };
}
