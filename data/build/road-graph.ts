import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { RoadLinkProperties, RoadNodeProperties } from '../../common/roads';
import type { DistrictLocator } from './districts';
import { distanceM, roundPoint, slugify, type LonLat } from './geo-utils';
import { JUNCTIONS, SNAP_M, type JunctionDef } from './junctions';
import { CAPACITY_PER_LANE, cutLine, detectorCuts, lanesAt, type BuiltStreet } from './traffic-links';

/**
 * Builds the directed road graph from the traced streets: each street is cut at its junctions
 * (junctions.ts) and, between them, where its detector links are cut, so every detector lies on
 * one graph link of about its own extent. Both directions of a street share the cut geometry,
 * reversed, like the detectors.
 */

/** A detector cut this close to a junction is dropped rather than leave a sliver link. */
const MIN_SPLIT_GAP_M = 100;
/** A street end this close to the city boundary (or beyond it) is where traffic enters and leaves. */
const GATEWAY_BOUNDARY_M = 1000;

const RAMP = { lanes: 1, capacityVehH: 1500, freeFlowKmh: 50 };
const MOTORWAY_RAMP = { lanes: 2, capacityVehH: 3600, freeFlowKmh: 80 };

type Node = { id: string; at: LonLat; kind: RoadNodeProperties['nodeKind']; name?: string; motorwayOnly: boolean };
type Cut = { s: number; nodeId: string };

export interface RoadGraph {
  collection: FeatureCollection<LineString | Point, RoadLinkProperties | RoadNodeProperties>;
  /** detector id → graph link id */
  detectorLinks: Map<string, string>;
  counts: { nodes: number; links: number; laneKm: number };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function project(street: BuiltStreet, at: LonLat): { s: number; point: LonLat; offM: number } {
  const p = turf.nearestPointOnLine(turf.lineString(street.coords), turf.point(at), { units: 'meters' });
  const s = Math.min(street.lengthM, Math.max(0, p.properties.location));
  return { s, point: roundPoint(p.geometry.coordinates), offM: p.properties.dist };
}

export function buildRoadGraph(streets: BuiltStreet[], districtOf: DistrictLocator, boundary: Feature<Polygon>): RoadGraph {
  const byId = new Map(streets.map((s) => [s.def.id, s]));
  const nodes = new Map<string, Node>();
  const cuts = new Map<string, Cut[]>(streets.map((s) => [s.def.id, []]));
  const ramps: { junction: JunctionDef; from: string; to: string; motorway: boolean }[] = [];
  const isMotorway = (id: string) => byId.get(id)!.def.roadClass === 'motorway';

  for (const j of JUNCTIONS) {
    const [main, ...others] = j.streets.map((id) => {
      const street = byId.get(id);
      if (!street) throw new Error(`junction ${j.id}: unknown street ${id}`);
      return street;
    });
    const m = project(main, j.at);
    const nodeId = `n-${j.id}`;
    // a motorway-to-motorway interchange has no local access; an exit has
    const motorwayOnly = j.kind !== 'exit' && j.streets.every(isMotorway);
    nodes.set(nodeId, { id: nodeId, at: m.point, kind: j.kind, name: j.name, motorwayOnly });
    cuts.get(main.def.id)!.push({ s: m.s, nodeId });
    for (const other of others) {
      const o = project(other, m.point);
      if (o.offM <= SNAP_M) {
        cuts.get(other.def.id)!.push({ s: o.s, nodeId });
        continue;
      }
      // too far to snap: the other street gets its own node, joined to the junction by a ramp
      const rampNode = `n-${j.id}-${other.def.id}`;
      nodes.set(rampNode, { id: rampNode, at: o.point, kind: 'interchange', name: j.name, motorwayOnly: isMotorway(other.def.id) });
      cuts.get(other.def.id)!.push({ s: o.s, nodeId: rampNode });
      ramps.push({ junction: j, from: rampNode, to: nodeId, motorway: isMotorway(main.def.id) && isMotorway(other.def.id) });
    }
  }

  const features: Feature<LineString | Point, RoadLinkProperties | RoadNodeProperties>[] = [];
  const detectorLinks = new Map<string, string>();
  let laneKm = 0;

  for (const street of streets) {
    const id = street.def.id;
    const motorway = street.def.roadClass === 'motorway';
    const own = cuts.get(id)!.map((c) => ({ ...c, s: c.s < SNAP_M ? 0 : c.s > street.lengthM - SNAP_M ? street.lengthM : c.s }));
    for (const [end, s] of [['start', 0], ['end', street.lengthM]] as const) {
      if (own.some((c) => c.s === s)) continue;
      const at = end === 'start' ? street.coords[0] : street.coords[street.coords.length - 1];
      const pt = turf.point(at);
      const outside = !turf.booleanPointInPolygon(pt, boundary);
      const gateway = outside || Math.abs(turf.pointToPolygonDistance(pt, boundary, { units: 'meters' })) < GATEWAY_BOUNDARY_M;
      const label = end === 'start' ? street.def.backward.label : street.def.forward.label;
      const nodeId = `${gateway ? 'g' : 'n'}-${id}-${end}`;
      nodes.set(nodeId, {
        id: nodeId,
        at,
        kind: gateway ? 'gateway' : 'end',
        name: gateway ? `Stadtgrenze ${street.def.street} ${label}` : `${street.def.street} (Ende)`,
        motorwayOnly: false,
      });
      own.push({ s, nodeId });
    }
    const junctionCuts = own.map((c) => c.s);
    for (const s of detectorCuts(street).slice(1, -1)) {
      if (junctionCuts.some((j) => Math.abs(j - s) < MIN_SPLIT_GAP_M)) continue;
      const nodeId = `n-${id}-km${(s / 1000).toFixed(2)}`;
      const cut = street.coords.length > 1 ? cutLine(street.coords, [0, s, street.lengthM])[0].at(-1)! : street.coords[0];
      nodes.set(nodeId, { id: nodeId, at: cut, kind: 'cut', motorwayOnly: motorway });
      own.push({ s, nodeId });
    }
    own.sort((a, b) => a.s - b.s || a.nodeId.localeCompare(b.nodeId));
    for (let i = 1; i < own.length; i++) {
      if (own[i].s === own[i - 1].s && own[i].nodeId !== own[i - 1].nodeId) {
        throw new Error(`${id}: nodes ${own[i - 1].nodeId} and ${own[i].nodeId} fall on the same point`);
      }
    }
    const distinct = own.filter((c, i) => i === 0 || c.s > own[i - 1].s);
    const pieces = cutLine(street.coords, distinct.map((c) => c.s));

    pieces.forEach((piece, k) => {
      const from = nodes.get(distinct[k].nodeId)!;
      const to = nodes.get(distinct[k + 1].nodeId)!;
      // extend the piece to nodes that sit a few metres off this street (snapped junctions)
      const coords = [...piece];
      if (distanceM(coords[0], from.at) > 0) coords.unshift(from.at);
      if (distanceM(coords[coords.length - 1], to.at) > 0) coords.push(to.at);
      const approxOverlap = street.approximateRanges.reduce(
        (sum, [a, b]) => sum + Math.max(0, Math.min(b, distinct[k + 1].s) - Math.max(a, distinct[k].s)),
        0,
      );
      const approximate = approxOverlap > Math.min(50, (distinct[k + 1].s - distinct[k].s) / 2);
      const lanes = lanesAt(street, (distinct[k].s + distinct[k + 1].s) / 2);
      for (const [dir, geometry, a, b] of [
        [street.def.forward, coords, from, to],
        [street.def.backward, [...coords].reverse(), to, from],
      ] as const) {
        const linkId = `${id}-${k + 1}-${dir.code}`;
        const lengthM = round1(turf.length(turf.lineString(geometry), { units: 'kilometers' }) * 1000);
        laneKm += (lengthM / 1000) * lanes;
        features.push({
          type: 'Feature',
          id: linkId,
          properties: {
            kind: 'link',
            id: linkId,
            street: street.def.street,
            roadClass: street.def.roadClass,
            from: a.id,
            to: b.id,
            lengthM,
            lanes,
            capacityVehH: lanes * CAPACITY_PER_LANE[street.def.roadClass],
            freeFlowKmh: street.def.freeFlowKmh,
            approximate,
          },
          geometry: { type: 'LineString', coordinates: [...geometry] },
        });
      }
    });

    // each detector sits on the graph link that holds its midpoint
    const det = detectorCuts(street);
    for (let k = 1; k < det.length; k++) {
      const mid = (det[k - 1] + det[k]) / 2;
      const piece = distinct.findIndex((c, i) => i < distinct.length - 1 && mid >= c.s && mid <= distinct[i + 1].s);
      if (piece < 0) throw new Error(`${id}: detector ${k} lies on no graph link`);
      for (const dir of [street.def.forward, street.def.backward]) {
        detectorLinks.set(`traffic-${id}-${k}-${dir.code}`, `${id}-${piece + 1}-${dir.code}`);
      }
    }
  }

  for (const r of ramps) {
    const a = nodes.get(r.from)!;
    const b = nodes.get(r.to)!;
    const spec = r.motorway ? MOTORWAY_RAMP : RAMP;
    for (const [suffix, p, q] of [['on', a, b], ['off', b, a]] as const) {
      const linkId = `ramp-${r.junction.id}-${r.from.replace(`n-${r.junction.id}-`, '')}-${suffix}`;
      const geometry = [p.at, q.at];
      const lengthM = round1(distanceM(p.at, q.at));
      laneKm += (lengthM / 1000) * spec.lanes;
      features.push({
        type: 'Feature',
        id: linkId,
        properties: {
          kind: 'link',
          id: linkId,
          street: r.junction.name,
          roadClass: 'ramp',
          from: p.id,
          to: q.id,
          lengthM,
          ...spec,
          // the ramp's course is not in the data: a straight connector standing in for it
          approximate: true,
        },
        geometry: { type: 'LineString', coordinates: geometry },
      });
    }
  }

  const used = new Set(features.flatMap((f) => (f.properties.kind === 'link' ? [f.properties.from, f.properties.to] : [])));
  for (const n of [...nodes.values()].filter((n) => used.has(n.id))) {
    const zone = n.kind === 'gateway' ? n.id : slugify(districtOf(n.at));
    features.push({
      type: 'Feature',
      id: n.id,
      properties: {
        kind: 'node',
        id: n.id,
        nodeKind: n.kind,
        ...(n.name ? { name: n.name } : {}),
        zone,
        // trips cannot start on the open motorway, only at exits and on city streets
        access: !n.motorwayOnly,
      },
      geometry: { type: 'Point', coordinates: n.at },
    });
  }

  const linkCount = features.filter((f) => f.properties.kind === 'link').length;
  return { collection: { type: 'FeatureCollection', features }, detectorLinks, counts: { nodes: used.size, links: linkCount, laneKm: round1(laneKm) } };
}
