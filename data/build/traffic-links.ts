import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { TrafficSensor } from '../../common/sensors';
import { distanceM, roundLine, roundPoint, type LonLat } from './geo-utils';
import type { DistrictLocator } from './districts';
import { traceStreet, type RouteIndex } from './route-tracer';
import { STREETS, type StreetDef } from './street-defs';

export interface BuiltStreet {
  def: StreetDef;
  coords: LonLat[];
  lengthM: number;
  /** metres along `coords` that are drawn from public facts rather than traced */
  approximateRanges: [number, number][];
  /** metres along `coords` up to which the street has `def.widerUntil.lanes` */
  widerUntilM?: number;
}

/** Lanes of a street at a place along it (metres): a link takes the lanes at its middle. */
export function lanesAt(s: BuiltStreet, atM: number): number {
  return s.def.widerUntil && s.widerUntilM !== undefined && atM < s.widerUntilM ? s.def.widerUntil.lanes : s.def.lanes;
}

/** ~2 m: removes the dense vertices of the OSM routes without moving the street. */
const STREET_SIMPLIFY_DEG = 0.00002;

export function cumulative(coords: LonLat[]): number[] {
  const cum = [0];
  for (let i = 1; i < coords.length; i++) cum.push(cum[i - 1] + distanceM(coords[i - 1], coords[i]));
  return cum;
}

export function buildStreets(index: RouteIndex): BuiltStreet[] {
  return STREETS.map((def) => {
    const traced = traceStreet(index, def.waypoints, { refs: def.refs, label: def.id });
    const rawLength = cumulative(traced.coords).at(-1)!;
    const simple = turf.simplify(turf.lineString(traced.coords), { tolerance: STREET_SIMPLIFY_DEG, highQuality: true });
    const coords = roundLine(simple.geometry.coordinates);
    const length = cumulative(coords).at(-1)!;
    // simplification shortens the line a little; ranges are carried over proportionally
    const scale = length / rawLength;
    const wider = def.widerUntil
      ? turf.nearestPointOnLine(turf.lineString(coords), turf.point(def.widerUntil.at), { units: 'meters' }).properties.location
      : undefined;
    return {
      def,
      coords,
      lengthM: length,
      approximateRanges: traced.approximateRanges.map(([a, b]) => [a * scale, b * scale] as [number, number]),
      ...(wider !== undefined ? { widerUntilM: wider } : {}),
    };
  });
}

export function streetsCollection(streets: BuiltStreet[]): FeatureCollection<LineString, { name: string; roadClass: string }> {
  return {
    type: 'FeatureCollection',
    features: streets.map((s) => ({
      type: 'Feature',
      id: s.def.id,
      properties: { name: s.def.street, roadClass: s.def.roadClass },
      geometry: { type: 'LineString', coordinates: s.coords },
    })),
  };
}

/** Link length limits per road class, metres. */
const LINK_LIMITS: Record<StreetDef['roadClass'], [number, number]> = {
  motorway: [1500, 3000],
  trunk: [1000, 2500],
  ring: [300, 2000],
  arterial: [600, 2000],
};

function linkCount(s: BuiltStreet): number {
  const [min, max] = LINK_LIMITS[s.def.roadClass];
  let n = Math.max(1, Math.round(s.lengthM / s.def.targetLinkM));
  n = Math.max(n, Math.ceil(s.lengthM / max));
  n = Math.min(n, Math.max(1, Math.floor(s.lengthM / min)));
  return n;
}

/** Where a street is cut into detector links: metres along it, from 0 to its length. */
export function detectorCuts(s: BuiltStreet): number[] {
  const n = linkCount(s);
  return Array.from({ length: n + 1 }, (_, k) => (s.lengthM * k) / n);
}

/**
 * Cuts a line at the given distances. Neighbouring links share their cut
 * point exactly, so the network has no gaps or overlaps.
 */
export function cutLine(coords: LonLat[], cuts: number[]): LonLat[][] {
  const cum = cumulative(coords);
  const pointAt = (s: number): LonLat => {
    let i = 1;
    while (i < cum.length - 1 && cum[i] < s) i++;
    const seg = cum[i] - cum[i - 1];
    const t = seg > 0 ? Math.min(1, Math.max(0, (s - cum[i - 1]) / seg)) : 0;
    const a = coords[i - 1], b = coords[i];
    return roundPoint([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
  };
  const out: LonLat[][] = [];
  for (let k = 0; k < cuts.length - 1; k++) {
    const s0 = cuts[k], s1 = cuts[k + 1];
    const first = k === 0 ? coords[0] : pointAt(s0);
    const last = k === cuts.length - 2 ? coords[coords.length - 1] : pointAt(s1);
    const inner = coords.filter((_, i) => cum[i] > s0 + 1 && cum[i] < s1 - 1);
    out.push(roundLine([first, ...inner, last]));
  }
  return out;
}

export const CAPACITY_PER_LANE: Record<StreetDef['roadClass'], number> = {
  motorway: 1800,
  trunk: 1500,
  ring: 900,
  arterial: 900,
};

/** A link counts as approximate when more than this much of it is not traced. */
const APPROXIMATE_OVERLAP_M = 50;

export function trafficSensors(streets: BuiltStreet[], districtOf: DistrictLocator): Feature<LineString, TrafficSensor>[] {
  const features: Feature<LineString, TrafficSensor>[] = [];
  for (const s of streets) {
    const cuts = detectorCuts(s);
    const n = cuts.length - 1;
    const links = cutLine(s.coords, cuts);
    links.forEach((coords, k) => {
      const [s0, s1] = [cuts[k], cuts[k + 1]];
      const approxOverlap = s.approximateRanges.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, s1) - Math.max(a, s0)), 0);
      const approximate = approxOverlap > Math.min(APPROXIMATE_OVERLAP_M, (s1 - s0) / 2);
      const section = n > 1 ? ` (Abschnitt ${k + 1})` : '';
      for (const [dir, geometry] of [
        [s.def.forward, coords],
        [s.def.backward, [...coords].reverse()],
      ] as const) {
        const id = `traffic-${s.def.id}-${k + 1}-${dir.code}`;
        const line = turf.lineString(geometry);
        const lengthM = Math.round(turf.length(line, { units: 'kilometers' }) * 1000);
        const mid = turf.along(line, lengthM / 2000, { units: 'kilometers' }).geometry.coordinates as LonLat;
        features.push({
          type: 'Feature',
          id,
          properties: {
            id,
            kind: 'traffic',
            name: `${s.def.street} ${dir.label}${section}`,
            district: districtOf(mid),
            // the streets are real, the detectors on them are not: there is no open traffic-count feed
            synthetic: true,
            source: approximate
              ? 'Stadtpuls, Verlauf angenähert nach öffentlichen Angaben'
              : '© OpenStreetMap-Mitwirkende (ODbL), Verlauf nach ÖPNV-Linienwegen',
            street: s.def.street,
            roadClass: s.def.roadClass,
            lanes: lanesAt(s, (s0 + s1) / 2),
            capacityVehH: lanesAt(s, (s0 + s1) / 2) * CAPACITY_PER_LANE[s.def.roadClass],
            freeFlowKmh: s.def.freeFlowKmh,
            lengthM,
            approximate,
          },
          geometry: { type: 'LineString', coordinates: [...geometry] },
        });
      }
    });
  }
  return features;
}
