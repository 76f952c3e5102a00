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
/**
 * Trips per hour on the modelled network at a demand level of 1 (the weekday evening peak).
 * Calibrated, with the morning peak's height, against the targets of issue 12 over a simulated
 * weekday (server/traffic/traffic-day.test.ts): no congestion at night or at 06:34, a little in the
 * morning peak, under 15 % of lane-km at LOS E/F in the evening peak, whose hour carries a little
 * more traffic than the morning's (as urban count profiles show: the morning peak is sharper).
 */
export const PEAK_VEH_H = 56_000;

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
        return 0.04 + 0.42 * bump(hour, 13, 4.5) + 0.6 * morningBias * bump(hour, 7.6, 1.0) + 0.55 * eveningBias * bump(hour, 16.9, 1.5);
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
  /** share of the zone's trips at each of `nodes` (same order); absent: spread evenly */
  nodeWeights?: number[];
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

/** Spreads a zone-to-zone demand over the access nodes of both zones, evenly or by their node weights. */
export function spread(from: Zone, to: Zone, vehH: number, out: OdFlow[]): void {
  if (!(vehH > 0)) return;
  const weight = (z: Zone, k: number) => z.nodeWeights?.[k] ?? 1;
  // a venue's nodes also belong to a district: a trip cannot start and end on the same node
  let total = 0;
  from.nodes.forEach((a, i) => to.nodes.forEach((b, j) => (total += a === b ? 0 : weight(from, i) * weight(to, j))));
  if (!(total > 0)) return;
  from.nodes.forEach((a, i) =>
    to.nodes.forEach((b, j) => {
      if (a !== b) out.push({ from: a, to: b, vehH: (vehH * weight(from, i) * weight(to, j)) / total });
    }),
  );
}

/**
 * Node-to-node background demand at a local hour of a day type, veh/h.
 *
 * Trips out to an activity (work, school, shops) go from where people live (production) to where
 * the activities are (attraction, Mitte above its residents); trips home go the other way. The
 * `inbound` level of the daily course scales the first, the `outbound` level the transposed matrix,
 * so the morning peak loads the roads into the centre and the evening peak the roads out of it.
 */
export function backgroundDemand(zones: readonly Zone[], hour: number, dayType: DayType, scale = 1): OdFlow[] {
  const level = demandProfile(hour, dayType);
  const attraction = (z: Zone) => z.weight * (z.id === 'mitte' ? MITTE_ATTRACTION : 1);
  const pairs: { a: Zone; b: Zone; out: number; home: number }[] = [];
  for (const a of zones) {
    for (const b of zones) {
      if (a === b && a.gateway) continue;
      const through = a.gateway && b.gateway;
      if (through && !(a.motorway && b.motorway)) continue;
      const factor = through ? THROUGH_FACTOR : 1;
      pairs.push({ a, b, out: a.weight * attraction(b) * factor, home: attraction(a) * b.weight * factor });
    }
  }
  // the pairs are symmetric, so both matrices have the same total
  const total = pairs.reduce((sum, p) => sum + p.out, 0);
  const out: OdFlow[] = [];
  for (const { a, b, out: w, home } of pairs) {
    spread(a, b, (PEAK_VEH_H * scale * (level.inbound * w + level.outbound * home)) / (2 * total), out);
  }
  return out;
}
