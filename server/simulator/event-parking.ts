import { VENUES, type TrafficEvent } from '../../common/models/traffic-events.js';
import { distanceM } from '../../common/geo.js';

/** Car parks this close to a venue fill with its visitors (PH Stadionring serves the Ruhrstadion). */
const VENUE_CATCHMENT_M = 1200;
const HOUR = 3_600_000;

/** Occupancy 0…1 a car park is driven to by an event at time `now`: 0 far from venues or outside events. */
function fillOf(event: TrafficEvent, now: number): number {
  const [start, end] =
    event.type === 'football'
      ? [Date.parse(event.kickoff), Date.parse(event.kickoff) + 110 * 60_000]
      : [Date.parse(event.start), Date.parse(event.end)];
  // Fills over the two hours before the start, stays full, empties within 45 minutes after the end.
  if (now < start - 2 * HOUR || now > end + 0.75 * HOUR) return 0;
  if (now < start - 0.25 * HOUR) return 0.98 * ((now - (start - 2 * HOUR)) / (1.75 * HOUR));
  if (now <= end) return 0.98;
  return 0.98 * (1 - (now - end) / (0.75 * HOUR));
}

export function eventParkingTarget(events: readonly TrafficEvent[], position: [number, number], now: number): number {
  let target = 0;
  for (const e of events) if (distanceM(position, VENUES[e.venue].at) <= VENUE_CATCHMENT_M) target = Math.max(target, fillOf(e, now));
  return target;
}
