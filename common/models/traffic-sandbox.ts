import type { DayType } from '../bochum-time.js';
import type { LosClass } from '../derived.js';
import { zonesOf, type Zone } from './traffic-demand.js';
import type { TrafficEvent } from './traffic-events.js';
import { runModel, type CapacityCut, type LinkResult, type ModelState } from './traffic-model.js';
import type { Network } from './traffic-network.js';
import { isCongested } from './traffic.js';

/**
 * The traffic what-if: planned roadworks evaluated in a sandbox. The same model as the live twin
 * (demand at the local hour, Frank–Wolfe equilibrium, detector response) is run twice on fresh
 * arrays — once with what is in force anyway, once with the planned closures on top — and the
 * two states are compared link by link. The network is only read; the live twin's state and the
 * closure store are never touched (the caller passes the live closures as plain cuts).
 */

/** A planned closure: a link closed (or narrowed) from one instant to another, epoch ms. */
export interface PlannedClosure {
  linkId: string;
  from: number;
  until: number;
  /** remaining share of capacity, 0 = fully closed (the default) */
  capacityFactor?: number;
}

export interface SandboxInput {
  /** the instant evaluated, epoch ms: decides which planned closures are in force */
  at: number;
  /** Bochum local hour and day type at `at` (the caller knows the calendar and any scenario override) */
  hour: number;
  dayType: DayType;
  planned: readonly PlannedClosure[];
  /** closures in force at `at` regardless of the plan (the live and already planned ones): in both states */
  baseCuts?: readonly CapacityCut[];
  events?: readonly TrafficEvent[];
}

export interface LinkComparison {
  linkId: string;
  street: string;
  lanes: number;
  lengthKm: number;
  /** a planned closure restricts this link at this instant */
  planned: boolean;
  /** no capacity left with the plan (closed by it or before it) */
  closedAfter: boolean;
  volumeBeforeVehH: number;
  volumeAfterVehH: number;
  /** level of service; null where the link is closed */
  losBefore: LosClass | null;
  losAfter: LosClass | null;
  /** time to drive the link at the model's speed, s; null where the link is closed */
  travelTimeBeforeS: number | null;
  travelTimeAfterS: number | null;
}

export interface SandboxTotals {
  /** Σ volume × link travel time over open links: vehicle-hours spent on the network in this hour */
  vehicleHours: number;
  /** lane-km of open links at LOS E or F (closed links are counted in closedLaneKm, not here) */
  congestedLaneKm: number;
  closedLaneKm: number;
  /** demand no open route joins, veh/h (e.g. a gateway whose only link is closed) */
  unassignedVehH: number;
}

export interface SandboxComparison {
  at: number;
  hour: number;
  dayType: DayType;
  /** the planned closures in force at this instant (ids of their links) */
  inForce: string[];
  /** links whose state changed noticeably: the planned ones first, then by travel-time change */
  links: LinkComparison[];
  before: SandboxTotals;
  after: SandboxTotals;
}

/** A planned closure names a link the road graph does not have. */
export class UnknownLinkError extends Error {
  constructor(readonly linkIds: string[]) {
    super(`unknown road link${linkIds.length > 1 ? 's' : ''} ${linkIds.map((id) => `"${id}"`).join(', ')} (ids as in data/roads.geojson)`);
    this.name = 'UnknownLinkError';
  }
}

/**
 * What counts as affected: below these a link's change is the equilibrium's numerical noise
 * (relative gap 1e-4) or too small for a planner to act on.
 */
const MIN_VOLUME_CHANGE_VEH_H = 100;
const MIN_VOLUME_CHANGE_SHARE = 0.1;
const MIN_TIME_CHANGE_S = 5;

const travelTimeS = (r: LinkResult, lengthKm: number): number | null => (r.capacityVehH > 0 && r.speedKmh > 0 ? (lengthKm / r.speedKmh) * 3600 : null);

function totals(net: Network, state: ModelState): SandboxTotals {
  let vehicleHours = 0;
  let congestedLaneKm = 0;
  let closedLaneKm = 0;
  state.links.forEach((r, i) => {
    const l = net.links[i];
    if (!(r.capacityVehH > 0)) {
      closedLaneKm += l.lanes * l.lengthKm;
      return;
    }
    vehicleHours += (r.volumeVehH * l.lengthKm) / Math.max(r.speedKmh, 1);
    if (isCongested(r.los)) congestedLaneKm += l.lanes * l.lengthKm;
  });
  return { vehicleHours, congestedLaneKm, closedLaneKm, unassignedVehH: state.assignment.unassignedVehH };
}

function affected(c: LinkComparison): boolean {
  if (c.planned || c.losBefore !== c.losAfter) return true;
  const dv = Math.abs(c.volumeAfterVehH - c.volumeBeforeVehH);
  if (dv >= MIN_VOLUME_CHANGE_VEH_H && dv >= MIN_VOLUME_CHANGE_SHARE * Math.max(c.volumeBeforeVehH, 1)) return true;
  const dt = c.travelTimeAfterS !== null && c.travelTimeBeforeS !== null ? Math.abs(c.travelTimeAfterS - c.travelTimeBeforeS) : 0;
  return dt >= MIN_TIME_CHANGE_S;
}

/** Throws UnknownLinkError when a planned closure names a link the network lacks. */
export function checkPlannedLinks(net: Network, planned: readonly PlannedClosure[]): void {
  const unknown = [...new Set(planned.map((p) => p.linkId).filter((id) => !net.linkIndex.has(id)))];
  if (unknown.length > 0) throw new UnknownLinkError(unknown);
}

/** The state without the plan: what `compareClosures` compares against (a caller may keep it for the next plan). */
export function sandboxBaseline(net: Network, input: Omit<SandboxInput, 'planned'>, zones: readonly Zone[] = zonesOf(net)): ModelState {
  return runModel(net, { hour: input.hour, dayType: input.dayType, nowMs: input.at, events: input.events, cuts: input.baseCuts ?? [] }, zones);
}

/**
 * The network at one instant without and with the planned closures in force then. `baseline`, when
 * given, must be `sandboxBaseline` of the same instant, cuts and events.
 */
export function compareClosures(net: Network, input: SandboxInput, zones: readonly Zone[] = zonesOf(net), baseline?: ModelState): SandboxComparison {
  checkPlannedLinks(net, input.planned);
  const inForce = input.planned.filter((p) => p.from <= input.at && input.at < p.until);
  const baseCuts = input.baseCuts ?? [];
  const common = { hour: input.hour, dayType: input.dayType, nowMs: input.at, events: input.events };
  const before = baseline ?? sandboxBaseline(net, input, zones);
  // Nothing planned is in force: the plan changes nothing, and the model need not prove it twice.
  const after = inForce.length === 0 ? before : runModel(net, { ...common, cuts: [...baseCuts, ...inForce.map((p) => ({ linkId: p.linkId, capacityFactor: p.capacityFactor ?? 0 }))] }, zones);
  const plannedIds = new Set(inForce.map((p) => p.linkId));
  const links: LinkComparison[] = [];
  net.links.forEach((l, i) => {
    const b = before.links[i];
    const a = after.links[i];
    const c: LinkComparison = {
      linkId: l.id,
      street: l.street,
      lanes: l.lanes,
      lengthKm: l.lengthKm,
      planned: plannedIds.has(l.id),
      closedAfter: !(a.capacityVehH > 0),
      volumeBeforeVehH: b.volumeVehH,
      volumeAfterVehH: a.volumeVehH,
      losBefore: b.capacityVehH > 0 ? b.los : null,
      losAfter: a.capacityVehH > 0 ? a.los : null,
      travelTimeBeforeS: travelTimeS(b, l.lengthKm),
      travelTimeAfterS: travelTimeS(a, l.lengthKm),
    };
    if (affected(c)) links.push(c);
  });
  const timeChange = (c: LinkComparison) => (c.travelTimeAfterS !== null && c.travelTimeBeforeS !== null ? c.travelTimeAfterS - c.travelTimeBeforeS : 0);
  links.sort((x, y) => Number(y.planned) - Number(x.planned) || Math.abs(timeChange(y)) - Math.abs(timeChange(x)));
  return {
    at: input.at,
    hour: input.hour,
    dayType: input.dayType,
    inForce: [...plannedIds],
    links,
    before: totals(net, before),
    after: totals(net, after),
  };
}
