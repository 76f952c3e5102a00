import { eventCarProgress, VENUES, type TrafficEvent } from '../../common/models/traffic-events.js';
import { distanceM } from '../../common/geo.js';

/** Car parks this close to a venue fill with its visitors (PH Stadionring serves the Ruhrstadion). */
const VENUE_CATCHMENT_M = 1200;
/**
 * The car parks at a venue take the first arrivals: PH Stadionring's 2,000 places are about 40 % of
 * the ~5,300 cars a sold-out match brings (common/models/traffic-events.ts), so it is full once that
 * share has arrived, about 50 minutes before kick-off, and the later cars search the side streets.
 */
const FIRST_ARRIVALS_SHARE = 0.4;
const FULL = 0.98;

/** Occupancy 0…1 a car park is driven to by an event at time `now`: 0 far from venues or outside events. */
function fillOf(event: TrafficEvent, now: number): number {
  const { arrived, left } = eventCarProgress(event, now);
  // it empties as the crowd leaves: its cars leave at the same pace as everyone else's
  const fill = FULL * Math.min(1, arrived / FIRST_ARRIVALS_SHARE) * (1 - left);
  return fill < 0.01 ? 0 : fill;
}

export function eventParkingTarget(events: readonly TrafficEvent[], position: [number, number], now: number): number {
  let target = 0;
  for (const e of events) if (distanceM(position, VENUES[e.venue].at) <= VENUE_CATCHMENT_M) target = Math.max(target, fillOf(e, now));
  return target;
}
