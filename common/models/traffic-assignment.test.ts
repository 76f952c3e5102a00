import { describe, expect, it } from 'vitest';
import type { RoadNetworkCollection } from '../roads.js';
import { assign, linkCapacities, type OdFlow } from './traffic-assignment.js';
import { compileNetwork } from './traffic-network.js';
import { bprTravelTime } from './traffic.js';

/** A small graph: two routes from a to d (via b: 2 km, via c: 3 km), a link b→c between them, and back links. */
function toyNetwork() {
  const node = (id: string, lon: number) => ({
    type: 'Feature' as const,
    id,
    properties: { kind: 'node' as const, id, nodeKind: 'junction' as const, zone: 'mitte', access: true },
    geometry: { type: 'Point' as const, coordinates: [lon, 51.48] as [number, number] },
  });
  const link = (id: string, from: string, to: string, lengthM: number, capacityVehH = 1000) => ({
    type: 'Feature' as const,
    id,
    properties: { kind: 'link' as const, id, street: id, roadClass: 'arterial' as const, from, to, lengthM, lanes: 1, capacityVehH, freeFlowKmh: 50, approximate: false },
    geometry: { type: 'LineString' as const, coordinates: [[7.2, 51.48], [7.21, 51.48]] as [number, number][] },
  });
  const fc: RoadNetworkCollection = {
    type: 'FeatureCollection',
    features: [
      node('a', 7.2), node('b', 7.21), node('c', 7.22), node('d', 7.23),
      link('ab', 'a', 'b', 1000), link('bd', 'b', 'd', 1000),
      link('ac', 'a', 'c', 1500), link('cd', 'c', 'd', 1500),
      link('bc', 'b', 'c', 500),
      link('da', 'd', 'a', 2000, 2000),
    ],
  };
  return compileNetwork(fc);
}

const net = toyNetwork();
const n = (id: string) => net.nodeIndex.get(id)!;
const l = (id: string) => net.linkIndex.get(id)!;

/** Inflow minus outflow at every node must equal what ends there minus what starts there. */
function imbalance(volume: Float64Array, demand: OdFlow[]): number {
  const balance = new Float64Array(net.nodes.length);
  net.links.forEach((link, i) => {
    balance[link.to] += volume[i];
    balance[link.from] -= volume[i];
  });
  for (const f of demand) {
    balance[f.to] -= f.vehH;
    balance[f.from] += f.vehH;
  }
  return Math.max(...balance.map(Math.abs));
}

describe('Frank–Wolfe user-equilibrium assignment', () => {
  it.each([
    ['one demand below capacity', [{ from: n('a'), to: n('d'), vehH: 400 }]],
    ['one demand above capacity', [{ from: n('a'), to: n('d'), vehH: 2500 }]],
    ['demands both ways', [{ from: n('a'), to: n('d'), vehH: 1200 }, { from: n('d'), to: n('b'), vehH: 700 }, { from: n('b'), to: n('c'), vehH: 300 }]],
  ])('conserves the demand it is given: %s', (_name, demand) => {
    const a = assign(net, demand);
    expect(a.unassignedVehH).toBe(0);
    expect(imbalance(a.volume, demand)).toBeLessThan(1e-6);
  });

  it('equalises the travel times of the routes in use (Wardrop), within the gap', () => {
    const a = assign(net, [{ from: n('a'), to: n('d'), vehH: 2500 }], { relativeGap: 1e-6 });
    const t = (...ids: string[]) => ids.reduce((s, id) => s + a.timeH[l(id)], 0);
    const used = [t('ab', 'bd'), t('ac', 'cd'), t('ab', 'bc', 'cd')].filter((_, k) => [a.volume[l('bd')], a.volume[l('ac')], a.volume[l('bc')]][k] > 1);
    expect(used.length).toBeGreaterThan(1);
    for (const x of used) expect(x / Math.min(...used)).toBeCloseTo(1, 3);
    expect(a.relativeGap).toBeLessThan(1e-6);
  });

  it('times each link by BPR at its volume', () => {
    const a = assign(net, [{ from: n('a'), to: n('d'), vehH: 1800 }]);
    for (const [i, link] of net.links.entries()) expect(a.timeH[i]).toBeCloseTo(bprTravelTime(link.t0H, a.volume[i], link.capacityVehH), 12);
  });

  it('closing a link moves its flow onto the alternatives and raises their travel times', () => {
    const demand = [{ from: n('a'), to: n('d'), vehH: 1500 }];
    const open = assign(net, demand);
    const capacity = linkCapacities(net);
    capacity[l('ab')] = 0;
    const closed = assign(net, demand, { capacity });
    expect(open.volume[l('ab')]).toBeGreaterThan(100);
    expect(closed.volume[l('ab')]).toBe(0);
    expect(closed.timeH[l('ab')]).toBe(Infinity);
    expect(closed.volume[l('ac')]).toBeCloseTo(1500, 6);
    expect(closed.timeH[l('ac')]).toBeGreaterThan(open.timeH[l('ac')]);
    expect(closed.timeH[l('cd')]).toBeGreaterThan(open.timeH[l('cd')]);
  });

  it('reports demand that no open path can serve instead of losing it silently', () => {
    const capacity = linkCapacities(net);
    capacity[l('da')] = 0;
    const a = assign(net, [{ from: n('d'), to: n('a'), vehH: 300 }, { from: n('a'), to: n('d'), vehH: 100 }], { capacity });
    expect(a.unassignedVehH).toBe(300);
    expect(a.volume[l('da')]).toBe(0);
  });
});
