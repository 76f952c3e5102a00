import type { DayType } from '../bochum-time.js';
import type { OdFlow } from './traffic-assignment.js';
import type { Network } from './traffic-network.js';

/**
 * Background demand on Bochum's main network between zones: the six Stadtbezirke and the gateways
 * where the motorways and radials leave the city. A production–attraction split (residents
 * produce trips, Mitte attracts more for its jobs and shops) scaled by a daily course per day
 * type, spread evenly over each zone's access nodes. The figures are modelling assumptions that
 * give plausible peaks, not counts.
 */

/** Relative trip production per Stadtbezirk: rounded resident numbers in thousands. */
const DISTRICT_WEIGHT: Record<string, number> = { mitte: 105, wattenscheid: 73, nord: 34, ost: 54, sued: 50, suedwest: 52 };
/** Mitte draws more trips than its residents make: the city centre, offices and the Hauptbahnhof. */
const MITTE_ATTRACTION = 1.8;
/** Relative weight of a gateway: motorway ends carry regional and through traffic, a radial's end less. */
const MOTORWAY_GATEWAY_WEIGHT = 45;
const STREET_GATEWAY_WEIGHT = 12;
/** Share of gateway-to-gateway (through) traffic among trips between two motorway gateways. */
const THROUGH_FACTOR = 1.6;
/** Trips per hour on the modelled network at a demand level of 1 (the weekday evening peak). */
export const PEAK_VEH_H = 60_000;

const bump = (hour: number, centre: number, width: number) => Math.exp(-0.5 * ((hour - centre) / width) ** 2);

/**
 * Demand level over the day, 1 ≈ the weekday evening peak, for trips towards the centre and away
 * from it: weekday double peak (sharp morning, broad evening), Saturday shopping hump, quiet
 * Sunday morning.
 */
export function demandProfile(hour: number, dayType: DayType): { inbound: number; outbound: number } {
  const at = (morningBias: number, eveningBias: number) => {
    switch (dayType) {
      case 'weekday':
        return 0.04 + 0.42 * bump(hour, 13, 4.5) + 0.5 * morningBias * bump(hour, 7.6, 1.0) + 0.55 * eveningBias * bump(hour, 16.9, 1.5);
      case 'saturday':
        return 0.05 + 0.62 * bump(hour, 13.5, 3.2) + 0.1 * bump(hour, 20, 2);
      case 'sunday':
        return 0.03 + 0.4 * bump(hour, 15, 3.5);
    }
  };
  return { inbound: at(1.25, 0.75), outbound: at(0.7, 1.25) };
}

export interface Zone {
  id: string;
  gateway: boolean;
  /** relative production weight */
  weight: number;
  /** access node indices */
  nodes: number[];
  motorway: boolean;
}

/** The demand zones of a network: one per Stadtbezirk and one per gateway node. */
export function zonesOf(net: Network): Zone[] {
  const zones = new Map<string, Zone>();
  net.nodes.forEach((n, i) => {
    if (!n.access) return;
    const gateway = n.id.startsWith('g-');
    const motorway = gateway && net.out[i].some((li) => net.links[li].roadClass === 'motorway');
    const zone = zones.get(n.zone) ?? {
      id: n.zone,
      gateway,
      weight: gateway ? (motorway ? MOTORWAY_GATEWAY_WEIGHT : STREET_GATEWAY_WEIGHT) : (DISTRICT_WEIGHT[n.zone] ?? 0),
      nodes: [],
      motorway,
    };
    zone.nodes.push(i);
    zones.set(n.zone, zone);
  });
  return [...zones.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Spreads a zone-to-zone demand evenly over the access nodes of both zones. */
export function spread(from: Zone, to: Zone, vehH: number, out: OdFlow[]): void {
  // a venue's nodes also belong to a district: a trip cannot start and end on the same node
  const shared = from.nodes.filter((n) => to.nodes.includes(n)).length;
  const pairs = from.nodes.length * to.nodes.length - shared;
  if (pairs <= 0 || !(vehH > 0)) return;
  const each = vehH / pairs;
  for (const a of from.nodes) for (const b of to.nodes) if (a !== b) out.push({ from: a, to: b, vehH: each });
}

/** Node-to-node background demand at a local hour of a day type, veh/h. */
export function backgroundDemand(zones: readonly Zone[], hour: number, dayType: DayType, scale = 1): OdFlow[] {
  const level = demandProfile(hour, dayType);
  const attraction = (z: Zone) => z.weight * (z.id === 'mitte' ? MITTE_ATTRACTION : 1);
  const pairs: { a: Zone; b: Zone; w: number }[] = [];
  for (const a of zones) {
    for (const b of zones) {
      if (a === b && a.gateway) continue;
      const through = a.gateway && b.gateway;
      if (through && !(a.motorway && b.motorway)) continue;
      pairs.push({ a, b, w: a.weight * attraction(b) * (through ? THROUGH_FACTOR : 1) });
    }
  }
  const total = pairs.reduce((s, p) => s + p.w, 0);
  const out: OdFlow[] = [];
  for (const { a, b, w } of pairs) {
    const towardsCentre = b.id === 'mitte' && a.id !== 'mitte';
    const fromCentre = a.id === 'mitte' && b.id !== 'mitte';
    const l = towardsCentre ? level.inbound : fromCentre ? level.outbound : (level.inbound + level.outbound) / 2;
    spread(a, b, (PEAK_VEH_H * scale * l * w) / total, out);
  }
  return out;
}
