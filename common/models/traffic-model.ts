import { assign, linkCapacities, type Assignment } from './traffic-assignment.js';
import type { DayType } from '../bochum-time.js';
import { backgroundDemand, zonesOf, type Zone } from './traffic-demand.js';
import { eventDemand, type TrafficEvent } from './traffic-events.js';
import { detectorState, type DetectorState } from './traffic-flow.js';
import type { Network } from './traffic-network.js';
import { levelOfService } from './traffic.js';
import type { LosClass } from '../derived.js';

/**
 * One state of the traffic model: background demand at a local time plus event demand, assigned to
 * the network with the closures and incidents in force, and what each link's detector would see.
 */

export interface CapacityCut {
  linkId: string;
  /** remaining share of capacity: 0 = closed */
  capacityFactor: number;
}

export interface ModelInput {
  hour: number;
  dayType: DayType;
  nowMs: number;
  events?: readonly TrafficEvent[];
  cuts?: readonly CapacityCut[];
}

export interface LinkResult extends DetectorState {
  volumeVehH: number;
  capacityVehH: number;
  los: LosClass;
}

export interface ModelState {
  assignment: Assignment;
  links: LinkResult[];
  demandVehH: number;
}

export function effectiveCapacities(net: Network, cuts: readonly CapacityCut[] = []): Float64Array {
  const capacity = linkCapacities(net);
  for (const c of cuts) {
    const i = net.linkIndex.get(c.linkId);
    if (i !== undefined) capacity[i] *= Math.max(0, Math.min(1, c.capacityFactor));
  }
  return capacity;
}

export function runModel(net: Network, input: ModelInput, zones: readonly Zone[] = zonesOf(net)): ModelState {
  const demand = [...backgroundDemand(zones, input.hour, input.dayType), ...eventDemand(net, zones, input.events ?? [], input.nowMs)];
  const capacity = effectiveCapacities(net, input.cuts);
  const assignment = assign(net, demand, { capacity });
  const links = net.links.map((l, i) => {
    const state = detectorState(assignment.volume[i], { ...l, capacityVehH: capacity[i] });
    return {
      ...state,
      volumeVehH: assignment.volume[i],
      capacityVehH: capacity[i],
      los: levelOfService(capacity[i] > 0 ? state.speedKmh / l.freeFlowKmh : 0),
    };
  });
  return { assignment, links, demandVehH: demand.reduce((s, f) => s + f.vehH, 0) };
}
