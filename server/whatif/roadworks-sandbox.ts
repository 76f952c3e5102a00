import { bochumLocalTime } from '../simulator/local-time.js';
import type { DayType } from '../../common/bochum-time.js';
import { zonesOf, type Zone } from '../../common/models/traffic-demand.js';
import type { CapacityCut, ModelState } from '../../common/models/traffic-model.js';
import type { Network } from '../../common/models/traffic-network.js';
import { checkPlannedLinks, compareClosures, sandboxBaseline, type SandboxComparison, type SandboxTotals } from '../../common/models/traffic-sandbox.js';
import type { TrafficClosure } from '../../common/protocol.js';
import type { TrafficWhatIfInstant, TrafficWhatIfRequest, TrafficWhatIfResponse } from '../../common/whatif-traffic.js';
import { steadyNow } from '../steady-clock.js';

/** Baselines kept: a planner tries several plans at the same two peaks; each state holds a few arrays of 166 links. */
const BASELINES_KEPT = 16;

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const roundOrNull = (v: number | null, digits: number) => (v === null ? null : round(v, digits));
const roundTotals = (t: SandboxTotals): SandboxTotals => ({
  vehicleHours: round(t.vehicleHours, 1),
  congestedLaneKm: round(t.congestedLaneKm, 2),
  closedLaneKm: round(t.closedLaneKm, 2),
  unassignedVehH: round(t.unassignedVehH, 0),
});

/** A comparison as it goes on the wire: volumes to the vehicle, times to a tenth of a second. */
function toWire(c: SandboxComparison): TrafficWhatIfInstant {
  return {
    ...c,
    hour: round(c.hour, 3),
    links: c.links.map((l) => ({
      ...l,
      lengthKm: round(l.lengthKm, 3),
      volumeBeforeVehH: round(l.volumeBeforeVehH, 0),
      volumeAfterVehH: round(l.volumeAfterVehH, 0),
      travelTimeBeforeS: roundOrNull(l.travelTimeBeforeS, 1),
      travelTimeAfterS: roundOrNull(l.travelTimeAfterS, 1),
    })),
    before: roundTotals(c.before),
    after: roundTotals(c.after),
  };
}

/** Whether a live or already planned closure is in force at an instant (no end: until lifted). */
const inForceAt = (c: TrafficClosure, at: number) => c.since <= at && (c.until === undefined || at < c.until);

/**
 * Planned roadworks evaluated beside the live network: reads the road graph and the closures on
 * record (live and planned, counted in both states), never writes to either, and never touches the
 * traffic twin — every evaluation assigns demand on arrays of its own.
 */
export class RoadworksSandbox {
  private readonly zones: Zone[];
  private readonly baselines = new Map<string, ModelState>();

  constructor(
    private readonly net: Network,
    private readonly closures: { list(): TrafficClosure[]; planned(): TrafficClosure[] },
    /** the running scenario's forced day type, if any; otherwise the calendar decides */
    private readonly dayType: () => DayType | undefined = () => undefined,
  ) {
    this.zones = zonesOf(net);
  }

  /** Throws UnknownLinkError (before any work) when a closure names a link the graph lacks. */
  evaluate(req: TrafficWhatIfRequest): TrafficWhatIfResponse {
    const started = steadyNow();
    checkPlannedLinks(this.net, req.closures);
    const onRecord = [...this.closures.list(), ...this.closures.planned()];
    const live = new Set<string>();
    const instants = req.at.map((at) => {
      const { hour, dayType } = bochumLocalTime(at, this.dayType());
      const base = onRecord.filter((c) => inForceAt(c, at));
      base.forEach((c) => live.add(c.id));
      const baseCuts: CapacityCut[] = base.map((c) => ({ linkId: c.linkId, capacityFactor: c.capacityFactor }));
      const input = { at, hour, dayType, baseCuts, planned: req.closures };
      return toWire(compareClosures(this.net, input, this.zones, this.baseline(input)));
    });
    return { instants, liveClosures: [...live], elapsedMs: round(steadyNow() - started, 1) };
  }

  private baseline(input: { at: number; hour: number; dayType: DayType; baseCuts: CapacityCut[] }): ModelState {
    const cuts = input.baseCuts.map((c) => `${c.linkId}:${c.capacityFactor}`).sort().join(',');
    const key = `${input.hour.toFixed(4)}|${input.dayType}|${cuts}`;
    let state = this.baselines.get(key);
    if (state) {
      // most recently used last
      this.baselines.delete(key);
    } else {
      state = sandboxBaseline(this.net, input, this.zones);
      if (this.baselines.size >= BASELINES_KEPT) this.baselines.delete(this.baselines.keys().next().value!);
    }
    this.baselines.set(key, state);
    return state;
  }
}
