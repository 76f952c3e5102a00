import path from 'node:path';
import { roadNetworkSchema, type RoadNetworkCollection } from '../../common/roads.js';
import type { RoadLinkShape } from '../../common/whatif-traffic.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';

/**
 * The road graph's links with their course, for the planner's roadworks tool: the client draws only
 * the links that carry a detector, but any link of the graph can be closed in the what-if.
 */
export function roadLinkShapes(fc: RoadNetworkCollection): RoadLinkShape[] {
  const links = fc.features.flatMap((f) => (f.properties.kind === 'link' && f.geometry.type === 'LineString' ? [{ p: f.properties, path: f.geometry.coordinates }] : []));
  const byEnds = new Map(links.map(({ p }) => [`${p.from}>${p.to}|${p.street}`, p.id]));
  return links.map(({ p, path }) => ({
    id: p.id,
    street: p.street,
    roadClass: p.roadClass,
    lanes: p.lanes,
    lengthM: p.lengthM,
    reverseId: byEnds.get(`${p.to}>${p.from}|${p.street}`) ?? null,
    path,
  }));
}

export function loadRoadLinkShapes(file = path.join(DATA_DIR, 'roads.geojson')): RoadLinkShape[] {
  return roadLinkShapes(readJsonFile(file, roadNetworkSchema, 'road graph'));
}
