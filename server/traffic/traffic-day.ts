import { runModel, type CapacityCut } from '../../common/models/traffic-model.js';
import { zonesOf, type Zone } from '../../common/models/traffic-demand.js';
import type { TrafficEvent } from '../../common/models/traffic-events.js';
import type { Network } from '../../common/models/traffic-network.js';
import { isCongested } from '../../common/models/traffic.js';
import type { DayType } from '../../common/bochum-time.js';
import { distanceM } from '../../common/geo.js';
import { bochumLocalTime } from '../simulator/local-time.js';
import type { ScheduledClosure } from '../simulator/scenario.js';

/**
 * The traffic model's figures at one instant, as a traffic engineer reads a day: where it is worst,
 * how much of the network is congested, how slow it is on average. Used by the calibration tests
 * (traffic-day.test.ts) and bench/scenario-realism.bench.ts.
 */
export interface TrafficInstant {
  at: string;
  hour: number;
  demandVehH: number;
  /** the link with the highest travel-time index (free-flow time / travel time), as the "worst links" panel ranks */
  worstLink: { id: string; street: string; travelTimeIndex: number; volumeCapacity: number; los: string };
  /** the five worst link ids, in order */
  worstFive: string[];
  /** lane-km at LOS E or F, and their share of the network's lane-km */
  congestedLaneKm: number;
  congestedShare: number;
  /** lane-km weighted mean travel-time index */
  meanTravelTimeIndex: number;
  /** the highest volume/capacity ratio of any link */
  maxVolumeCapacity: number;
  relativeGap: number;
  /** with `focus`: lane-km at LOS E/F and the summed volume on the links ending near the place */
  focus?: { congestedLaneKm: number; volumeVehH: number };
}

export interface TrafficDayInput {
  dayType?: DayType;
  events?: readonly TrafficEvent[];
  closures?: readonly ScheduledClosure[];
  /** also report the congestion on the links that end within `radiusM` of a place (an event venue) */
  focus?: { at: readonly [number, number]; radiusM: number };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function trafficAt(net: Network, nowMs: number, input: TrafficDayInput = {}, zones: readonly Zone[] = zonesOf(net)): TrafficInstant {
  const local = bochumLocalTime(nowMs, input.dayType);
  const cuts: CapacityCut[] = (input.closures ?? [])
    .filter((c) => nowMs >= Date.parse(c.from) && nowMs < Date.parse(c.until))
    .map((c) => ({ linkId: c.linkId, capacityFactor: c.kind === 'closure' ? 0 : (c.capacityFactor ?? 0.5) }));
  const state = runModel(net, { hour: local.hour, dayType: local.dayType, nowMs, events: input.events, cuts }, zones);
  let laneKm = 0;
  let congested = 0;
  let ttiSum = 0;
  let maxVc = 0;
  const focus = input.focus ? { congestedLaneKm: 0, volumeVehH: 0 } : undefined;
  const ranked = state.links.map((r, i) => {
    const link = net.links[i];
    const w = link.lengthKm * link.lanes;
    // a closed link has no travel time to rank; it is not a delay on the road
    const tti = r.capacityVehH > 0 ? Math.min(10, link.freeFlowKmh / Math.max(r.speedKmh, 0.1)) : 1;
    const vc = r.capacityVehH > 0 ? r.volumeVehH / r.capacityVehH : 0;
    laneKm += w;
    ttiSum += w * tti;
    if (r.capacityVehH > 0 && isCongested(r.los)) congested += w;
    maxVc = Math.max(maxVc, vc);
    if (focus && input.focus && distanceM(net.nodes[link.to].at, input.focus.at) <= input.focus.radiusM) {
      focus.volumeVehH += r.volumeVehH;
      if (r.capacityVehH > 0 && isCongested(r.los)) focus.congestedLaneKm += w;
    }
    return { i, tti, vc };
  });
  ranked.sort((a, b) => b.tti - a.tti || b.vc - a.vc || net.links[a.i].id.localeCompare(net.links[b.i].id));
  const worst = ranked[0];
  return {
    at: new Date(nowMs).toISOString(),
    hour: round(local.hour, 2),
    demandVehH: Math.round(state.demandVehH),
    worstLink: {
      id: net.links[worst.i].id,
      street: net.links[worst.i].street,
      travelTimeIndex: round(worst.tti, 3),
      volumeCapacity: round(worst.vc, 2),
      los: state.links[worst.i].los,
    },
    worstFive: ranked.slice(0, 5).map((r) => net.links[r.i].id),
    congestedLaneKm: round(congested, 1),
    congestedShare: round(congested / laneKm, 4),
    meanTravelTimeIndex: round(ttiSum / laneKm, 3),
    maxVolumeCapacity: round(maxVc, 2),
    relativeGap: state.assignment.relativeGap,
    ...(focus ? { focus: { congestedLaneKm: round(focus.congestedLaneKm, 1), volumeVehH: Math.round(focus.volumeVehH) } } : {}),
  };
}

/** The instants of a day at the given local hours (the day starts at local midnight, `dayStartMs`). */
export function hourlyInstants(dayStartMs: number, hours: readonly number[]): number[] {
  return hours.map((h) => dayStartMs + h * 3_600_000);
}
