import type { RoadNetworkCollection } from '../roads.js';

/**
 * The road graph compiled for the traffic model: nodes and links by index, outgoing links per node,
 * and free-flow times. Built once from data/roads.geojson; the assignment only reads it.
 */

export interface NetworkNode {
  id: string;
  zone: string;
  access: boolean;
  at: [number, number];
}

export interface NetworkLink {
  id: string;
  street: string;
  roadClass: string;
  from: number;
  to: number;
  lengthKm: number;
  lanes: number;
  capacityVehH: number;
  freeFlowKmh: number;
  /** free-flow travel time, hours */
  t0H: number;
}

export interface Network {
  nodes: NetworkNode[];
  links: NetworkLink[];
  nodeIndex: ReadonlyMap<string, number>;
  linkIndex: ReadonlyMap<string, number>;
  /** outgoing link indices per node */
  out: number[][];
}

export function compileNetwork(fc: RoadNetworkCollection): Network {
  const nodes: NetworkNode[] = [];
  const nodeIndex = new Map<string, number>();
  for (const f of fc.features) {
    if (f.properties.kind !== 'node' || f.geometry.type !== 'Point') continue;
    nodeIndex.set(f.properties.id, nodes.length);
    nodes.push({ id: f.properties.id, zone: f.properties.zone, access: f.properties.access, at: f.geometry.coordinates });
  }
  const links: NetworkLink[] = [];
  const linkIndex = new Map<string, number>();
  const out: number[][] = nodes.map(() => []);
  for (const f of fc.features) {
    const p = f.properties;
    if (p.kind !== 'link') continue;
    const from = nodeIndex.get(p.from);
    const to = nodeIndex.get(p.to);
    if (from === undefined || to === undefined) throw new Error(`link ${p.id} joins an unknown node`);
    const lengthKm = p.lengthM / 1000;
    linkIndex.set(p.id, links.length);
    out[from].push(links.length);
    links.push({
      id: p.id,
      street: p.street,
      roadClass: p.roadClass,
      from,
      to,
      lengthKm,
      lanes: p.lanes,
      capacityVehH: p.capacityVehH,
      freeFlowKmh: p.freeFlowKmh,
      t0H: lengthKm / p.freeFlowKmh,
    });
  }
  return { nodes, links, nodeIndex, linkIndex, out };
}
