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

/**
 * Share of visitors who come by car, and people per car. Assumptions, not a survey of the
 * Ruhrstadion: German stadium mobility surveys usually find 40–60 % of spectators arriving by car;
 * Bochum's stadium lies on the U35 and tram lines 308/318 and the match ticket includes VRR travel
 * (Kombiticket), so the lower half of that range. Match-goers travel in groups: 2.2 per car, above
 * the 1.3–1.5 of everyday car trips (Mobilität in Deutschland 2017). 26,000 spectators
 * (the stadium's capacity for league matches) thus bring about 5,300 cars.
 */
const CAR_SHARE = 0.45;
const PERSONS_PER_CAR = 2.2;
/** Kick-off to final whistle: two halves, half-time and stoppage time, minutes. */
const MATCH_MINUTES = 110;
/** Share of visitors from outside the city (away fans, the region), entering at the gateways. */
const FROM_OUTSIDE = 0.35;
/** Event traffic ends at the access nodes this close to the venue (its car parks and side streets). */
const VENUE_RADIUS_M = 1600;
/**
 * The nearer an access node to the venue, the more of its visitors park (and start home) there:
 * the stadium's own car parks lie on Castroper Straße, the side streets farther out take fewer.
 * Weight 1/distance, with distances below this floor counted as the floor.
 */
const VENUE_WEIGHT_FLOOR_M = 200;

const normalPdf = (x: number, mean: number, sd: number) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number, mean: number, sd: number): number {
  const z = (x - mean) / (sd * Math.SQRT2);
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return 0.5 * (1 + Math.sign(z) * erf);
}

/** Wave shapes (hours relative to the start or end, spread in hours), shared by the rates and their running totals. */
function waves(event: TrafficEvent): { arrive: [number, number]; leave: [number, number] } {
  const h = (ms: number) => ms / 3_600_000;
  if (event.type === 'football') {
    const kickoff = h(Date.parse(event.kickoff));
    // most arrive in the last hour, the first about two hours before kick-off (fans come early for the atmosphere);
    // after the final whistle the stands empty within half an hour
    return { arrive: [kickoff - 0.8, 0.55], leave: [kickoff + MATCH_MINUTES / 60 + 0.35, 0.3] };
  }
  return { arrive: [h(Date.parse(event.start)) - 0.5, 0.4], leave: [h(Date.parse(event.end)) + 0.25, 0.25] };
}

/** Shares 0…1 of an event's cars that have arrived and that have left by a time. */
export function eventCarProgress(event: TrafficEvent, nowMs: number): { arrived: number; left: number } {
  const { arrive, leave } = waves(event);
  const h = nowMs / 3_600_000;
  return { arrived: normalCdf(h, ...arrive), left: normalCdf(h, ...leave) };
}

/** What an event is doing at a time, for the marker on the map and the header (Anreise / Spiel / Abreise). */
export type EventPhase = 'arrival' | 'under-way' | 'departure';

/** Start and end of the event itself (kick-off to final whistle for a match), epoch ms. */
export function eventSpan(event: TrafficEvent): { start: number; end: number } {
  if (event.type === 'football') {
    const start = Date.parse(event.kickoff);
    return { start, end: start + MATCH_MINUTES * 60_000 };
  }
  return { start: Date.parse(event.start), end: Date.parse(event.end) };
}

/**
 * The phase of an event at a time, or null when it has no visible effect: the arrival from when 1 % of
 * its cars have arrived until the start, the event itself, the departure until 99 % have left.
 */
export function eventPhase(event: TrafficEvent, nowMs: number): EventPhase | null {
  const { start, end } = eventSpan(event);
  const { arrived, left } = eventCarProgress(event, nowMs);
  if (nowMs < start) return arrived >= 0.01 ? 'arrival' : null;
  if (nowMs < end) return 'under-way';
  return left < 0.99 ? 'departure' : null;
}

/** Arrival and departure rates of one event at a time, vehicles per hour. */
export function eventCarRates(event: TrafficEvent, nowMs: number): { arriving: number; leaving: number } {
  const cars = ((event.type === 'football' ? event.spectators : event.visitors) * CAR_SHARE) / PERSONS_PER_CAR;
  const { arrive, leave } = waves(event);
  const h = nowMs / 3_600_000;
  return { arriving: cars * normalPdf(h, ...arrive), leaving: cars * normalPdf(h, ...leave) };
}

/** Access nodes around a venue, as a pseudo-zone. */
export function venueZone(net: Network, venue: VenueId): Zone {
  const at = VENUES[venue].at;
  const near = net.nodes
    .map((n, i) => ({ i, d: distanceM(n.at, at), access: n.access && !n.id.startsWith('g-') }))
    .filter((n) => n.access)
    .sort((a, b) => a.d - b.d);
  const within = near.filter((n) => n.d <= VENUE_RADIUS_M);
  const chosen = within.length > 0 ? within : [near[0]];
  return {
    id: venue,
    gateway: false,
    weight: 0,
    nodes: chosen.map((n) => n.i),
    nodeWeights: chosen.map((n) => 1 / Math.max(VENUE_WEIGHT_FLOOR_M, n.d)),
    motorway: false,
  };
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
