import type { Reading } from '../../common/readings.js';
import type { TrafficEvent } from '../../common/models/traffic-events.js';
import { detectorState } from '../../common/models/traffic-flow.js';
import { runModel, type ModelState } from '../../common/models/traffic-model.js';
import { zonesOf, type Zone } from '../../common/models/traffic-demand.js';
import type { Network } from '../../common/models/traffic-network.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';
import { bochumLocalTime } from '../simulator/local-time.js';
import { seededRandom, SmoothNoise } from '../simulator/random.js';
import type { DayType } from '../../common/bochum-time.js';
import type { ScheduledClosure } from '../simulator/scenario.js';
import type { ClosureStore } from './closures.js';

/** The model is reassigned this often in city time (and at once when closures change): demand drifts slowly. */
const REASSIGN_MS = 2 * 60_000;
/** Detectors report every 30 s of city time. */
const REPORT_INTERVAL_MS = 30_000;
/** Chance per report that a detector falls silent (loop fault, lost connection), and for how long. */
const DROPOUT_CHANCE = 0.001;
const DROPOUT_MIN_MS = 5 * 60_000;
const DROPOUT_MAX_MS = 30 * 60_000;

export interface TwinDetector {
  id: string;
  linkId: string;
}

interface DetectorSim extends TwinDetector {
  link: number;
  nextDue: number;
  silentUntil: number;
  /** demand wanders around the model's volume for minutes (platoons, local events) */
  demandNoise: SmoothNoise;
  /** the measurement jitters from report to report */
  measureNoise: SmoothNoise;
}

export interface TwinOptions {
  network: Network;
  detectors: readonly TwinDetector[];
  closures: ClosureStore;
  start: number;
  dayType?: DayType;
  events?: readonly TrafficEvent[];
  scheduled?: readonly ScheduledClosure[];
  seed?: number;
}

/**
 * The traffic digital twin: runs the traffic model on the city clock and emits what the detectors
 * on its links would report. It is a clocked source like the simulator, so its readings take the
 * normal ingest path.
 */
export class TrafficTwin implements ClockedSource {
  private readonly net: Network;
  private readonly zones: Zone[];
  private readonly detectors: DetectorSim[];
  private readonly random: () => number;
  private readonly applied = new Set<string>();
  private readonly schedule: Array<{ id: string; from: number; until: number; request: Omit<ScheduledClosure, 'from' | 'until'> }>;
  private state: ModelState | null = null;
  private assignedAt = -Infinity;
  private assignedVersion = -1;
  private lastStep: number;

  constructor(private readonly opts: TwinOptions) {
    this.net = opts.network;
    this.zones = zonesOf(this.net);
    const random = (this.random = seededRandom(opts.seed ?? 1));
    this.detectors = opts.detectors.map((d) => {
      const link = this.net.linkIndex.get(d.linkId);
      if (link === undefined) throw new Error(`detector ${d.id} sits on unknown link ${d.linkId}`);
      return {
        ...d,
        link,
        nextDue: opts.start,
        silentUntil: -Infinity,
        demandNoise: new SmoothNoise(0.06, 600, random),
        measureNoise: new SmoothNoise(0.03, 60, random),
      };
    });
    this.lastStep = opts.start;
    // Parsed once: the schedule is checked on every step.
    this.schedule = (opts.scheduled ?? []).map((s, i) => {
      const { from, until, ...request } = s;
      return { id: `scenario-${i + 1}`, from: Date.parse(from), until: Date.parse(until), request };
    });
  }

  /** The latest model state (null before the first step). */
  get model(): ModelState | null {
    return this.state;
  }

  step(now: number): Reading[] {
    this.applySchedule(now);
    const { closures } = this.opts;
    if (!this.state || now - this.assignedAt >= REASSIGN_MS || now < this.assignedAt || closures.version !== this.assignedVersion) {
      this.reassign(now);
    }
    const dtS = Math.max(0, (now - this.lastStep) / 1000);
    this.lastStep = now;
    const out: Reading[] = [];
    for (const d of this.detectors) {
      d.demandNoise.step(dtS);
      d.measureNoise.step(dtS);
      if (now < d.nextDue) continue;
      // every detector reports at the start; later reports are spread so a few update each second
      const first = d.nextDue === this.opts.start;
      d.nextDue = now + (first ? REPORT_INTERVAL_MS * this.random() : REPORT_INTERVAL_MS);
      if (now < d.silentUntil) continue;
      if (!first && this.random() < DROPOUT_CHANCE) {
        d.silentUntil = now + DROPOUT_MIN_MS + (DROPOUT_MAX_MS - DROPOUT_MIN_MS) * this.random();
        continue;
      }
      out.push(this.read(d, now));
    }
    return out;
  }

  private reassign(now: number): void {
    const local = bochumLocalTime(now, this.opts.dayType);
    const cuts = this.opts.closures.list().map((c) => ({ linkId: c.linkId, capacityFactor: c.capacityFactor }));
    this.state = runModel(this.net, { hour: local.hour, dayType: local.dayType, nowMs: now, events: this.opts.events, cuts }, this.zones);
    this.assignedAt = now;
    this.assignedVersion = this.opts.closures.version;
  }

  /** Scheduled closures take effect and end on time; one an operator lifted early stays lifted. */
  private applySchedule(now: number): void {
    const store = this.opts.closures;
    for (const { id, from, until, request } of this.schedule) {
      const due = now >= from && now < until;
      if (due && !this.applied.has(id)) {
        this.applied.add(id);
        store.add(request, { source: 'scenario', id, until });
      } else if (!due && store.get(id)) store.lift(id);
    }
  }

  private read(d: DetectorSim, now: number): Reading {
    const result = this.state!.links[d.link];
    const link = this.net.links[d.link];
    const seen = detectorState(result.volumeVehH * (1 + d.demandNoise.value), { ...link, capacityVehH: result.capacityVehH });
    const jitter = 1 + d.measureNoise.value;
    const closed = !(result.capacityVehH > 0);
    return {
      sensorId: d.id,
      kind: 'traffic',
      ts: now,
      values: {
        flowVehH: Math.round(Math.max(0, seen.flowVehH * (1 + 0.7 * d.measureNoise.value))),
        speedKmh: closed ? 0 : Math.round(Math.min(250, Math.max(3, seen.speedKmh * jitter)) * 10) / 10,
        occupancyPct: Math.round(Math.min(100, Math.max(0, seen.occupancyPct * jitter)) * 10) / 10,
      },
    };
  }
}
