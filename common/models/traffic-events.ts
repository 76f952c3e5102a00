import { z } from 'zod';
import type { OdFlow } from './traffic-assignment.js';
import { spread, type Zone } from './traffic-demand.js';
import { distanceM } from '../geo.js';
import type { Network } from './traffic-network.js';

/**
 * Extra demand of big events: a VfL Bochum home match at the Vonovia Ruhrstadion, concerts and
 * fairs at the Jahrhunderthalle. Visitors arrive in a wave before the start and leave in a
 * sharper wave after the end; the share arriving by car and the car occupancy are assumptions.
 */

export const VENUES = {
  // positions as in data/city/landmarks.geojson
  ruhrstadion: { name: 'Vonovia Ruhrstadion', at: [7.23639, 51.4908] as [number, number] },
  jahrhunderthalle: { name: 'Jahrhunderthalle', at: [7.19805, 51.48126] as [number, number] },
};
export type VenueId = keyof typeof VENUES;
const venueSchema = z.enum(['ruhrstadion', 'jahrhunderthalle']);
const isoTime = z.iso.datetime({ offset: true });

export const trafficEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('football'), venue: venueSchema, kickoff: isoTime, spectators: z.number().int().positive().max(100_000) }),
  z.strictObject({ type: z.literal('event'), venue: venueSchema, start: isoTime, end: isoTime, visitors: z.number().int().positive().max(100_000) }),
]);
export type TrafficEvent = z.infer<typeof trafficEventSchema>;

/** Share of visitors who come by car, and people per car (match days fill cars). */
const CAR_SHARE = 0.45;
const PERSONS_PER_CAR = 2.2;
/** Kick-off to final whistle: two halves, half-time and stoppage time, minutes. */
const MATCH_MINUTES = 110;
/** Share of visitors from outside the city (away fans, the region), entering at the gateways. */
const FROM_OUTSIDE = 0.35;
/** Event traffic ends at the access nodes this close to the venue (its car parks and side streets). */
const VENUE_RADIUS_M = 1600;

const normalPdf = (x: number, mean: number, sd: number) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));

/** Arrival and departure rates of one event at a time, vehicles per hour. */
export function eventCarRates(event: TrafficEvent, nowMs: number): { arriving: number; leaving: number } {
  const h = (ms: number) => ms / 3_600_000;
  if (event.type === 'football') {
    const cars = (event.spectators * CAR_SHARE) / PERSONS_PER_CAR;
    const kickoff = Date.parse(event.kickoff);
    const whistle = kickoff + MATCH_MINUTES * 60_000;
    return {
      // most arrive in the last hour; fans come early for the atmosphere
      arriving: cars * normalPdf(h(nowMs), h(kickoff) - 0.8, 0.55),
      leaving: cars * normalPdf(h(nowMs), h(whistle) + 0.35, 0.3),
    };
  }
  const cars = (event.visitors * CAR_SHARE) / PERSONS_PER_CAR;
  return {
    arriving: cars * normalPdf(h(nowMs), h(Date.parse(event.start)) - 0.5, 0.4),
    leaving: cars * normalPdf(h(nowMs), h(Date.parse(event.end)) + 0.25, 0.25),
  };
}

/** Access nodes around a venue, as a pseudo-zone. */
export function venueZone(net: Network, venue: VenueId): Zone {
  const at = VENUES[venue].at;
  const near = net.nodes
    .map((n, i) => ({ i, d: distanceM(n.at, at), access: n.access && !n.id.startsWith('g-') }))
    .filter((n) => n.access)
    .sort((a, b) => a.d - b.d);
  const nodes = near.filter((n) => n.d <= VENUE_RADIUS_M).map((n) => n.i);
  return { id: venue, gateway: false, weight: 0, nodes: nodes.length > 0 ? nodes : [near[0].i], motorway: false };
}

/** Node-to-node demand of all events at a time, veh/h. */
export function eventDemand(net: Network, zones: readonly Zone[], events: readonly TrafficEvent[], nowMs: number): OdFlow[] {
  const out: OdFlow[] = [];
  const inner = zones.filter((z) => !z.gateway);
  const outer = zones.filter((z) => z.gateway);
  const share = (list: Zone[], total: number) => {
    const sum = list.reduce((s, z) => s + z.weight, 0);
    return list.map((z) => ({ z, part: (total * z.weight) / sum }));
  };
  for (const event of events) {
    const { arriving, leaving } = eventCarRates(event, nowMs);
    if (arriving + leaving < 1) continue;
    const venue = venueZone(net, event.venue);
    const origins = [...share(inner, 1 - FROM_OUTSIDE), ...share(outer, FROM_OUTSIDE)];
    for (const { z, part } of origins) {
      spread(z, venue, arriving * part, out);
      spread(venue, z, leaving * part, out);
    }
  }
  return out;
}
