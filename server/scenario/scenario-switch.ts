import type { Network } from '../../common/models/traffic-network.js';
import type { SensorKind } from '../../common/readings.js';
import type { SensorFeature } from '../../common/sensors.js';
import type { ScenarioSwitchRequest, ScenarioSwitchResult } from '../../common/scenarios.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import type { ConditionWatch } from '../alerts/alert-conditions.js';
import type { AlertStage } from '../alerts/alert-stage.js';
import type { AuditLog } from '../auth/audit-log.js';
import { ClockedFeed } from '../feeds/clocked-feed.js';
import type { HeatMonitor } from '../heat/heat-monitor.js';
import type { HeatStage } from '../heat/heat-stage.js';
import type { Ingest } from '../ingest/ingest.js';
import type { Logger } from '../logger.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import type { SensorIndex } from '../registry.js';
import { ClimateReplay } from '../replay/climate-replay.js';
import { writeClimateLead } from '../replay/climate-lead-in.js';
import { heatResumeFrom } from '../pipeline/resume-run.js';
import type { DistrictGrid } from '../heat/district-grid.js';
import { TreeReplay } from '../replay/tree-replay.js';
import { ScaleDriver } from '../simulator/scale-driver.js';
import { ScaleFeed } from '../simulator/scale-feed.js';
import { loadScenario, type Scenario } from '../simulator/scenario.js';
import { Simulator } from '../simulator/simulator.js';
import type { LiveState } from '../state/live-state.js';
import type { HistoryStore } from '../store/history-store.js';
import type { HistoryWriter } from '../store/history-writer.js';
import type { LiveStream } from '../stream/live-stream.js';
import type { ClosuresStage } from '../traffic/closures-stage.js';
import type { ClosureStore } from '../traffic/closures.js';
import { twinDetectors } from '../traffic/road-network.js';
import { TrafficTwin } from '../traffic/traffic-twin.js';
import { listScenarios, type CityScenario } from './city-scenario.js';

/** A simulated feed: the clocked ones, or the SCALE feed that submits in slices. */
type Feed = Pick<ClockedFeed, 'start' | 'stop' | 'name'>;

export interface ScenarioSwitchDeps {
  city: CityScenario;
  /** the kinds the simulator (and a scenario's replay) provide; the others are left to real feeds */
  simulatorKinds: readonly SensorKind[];
  scale: { generated: readonly SensorFeature[]; ratePerS: number | null; seed: number };
  sensors: SensorIndex;
  roads: Network;
  ingest: Ingest;
  state: LiveState;
  closures: ClosureStore;
  closuresStage: ClosuresStage;
  heat: HeatMonitor;
  heatStage: HeatStage;
  /** the districts' grid, for the heat figures of a climate replay's lead (server/replay/climate-lead-in.ts) */
  grid: DistrictGrid;
  alerts: AlertEngine;
  alertConditions: ConditionWatch;
  alertStage: AlertStage;
  stream: LiveStream;
  /**
   * Resolves when no pipeline tick runs (TickPipeline.idle): a tick yields between its stages, and the
   * switch's synchronous part must not fall between two of them. Absent: no pipeline to wait for.
   */
  pipelineIdle?: () => Promise<void>;
  /** where the closures' end goes on record (the old run's, before the writer turns to the new one) */
  history: HistorySink;
  audit: AuditLog;
  log: Logger;
  /** several nodes (REDIS_URL): a switch would have to reach every node, which is not built; refused */
  clustered: boolean;
  /** scenario files (tests use their own) */
  scenarioDir?: string;
}

export type SwitchRefusal =
  | { refused: 'unknown'; known: string[] }
  | { refused: 'invalid'; detail: string }
  | { refused: 'real-time' | 'cluster' | 'busy' | 'not-ready' };

/**
 * The scenario the city runs, and a switch to another one at run time (POST /api/scenario) that does
 * what a restart with another SCENARIO would, without one: the running simulated feeds stop; the old
 * city goes (simulated sensors' live state — real feeds' sensors stay —, closures, heat figures, open
 * alerts: they belong to the old run); a new clock, a new history run and the new scenario's feeds start;
 * the stream sends every client a fresh snapshot with the new scenario and run. Everything between
 * opening the new run and starting the feeds is synchronous and begins when no tick runs (a tick yields
 * between its stages), so no tick sees half a switch, nor a switch half a tick.
 */
export class ScenarioSwitch {
  private feeds: Feed[] = [];
  private feedsRunning = false;
  private history: { store: HistoryStore; writer: HistoryWriter; runId: string } | null = null;
  private switching = false;

  constructor(private readonly d: ScenarioSwitchDeps) {}

  /** The history run this server writes now; null before the store opened. */
  get runId(): string | null {
    return this.history?.runId ?? null;
  }

  /** Once the store has opened (start()): the run the first scenario writes. */
  attachHistory(store: HistoryStore, writer: HistoryWriter, runId: string): void {
    this.history = { store, writer, runId };
  }

  /**
   * A new run of a scenario whose climate is a replay takes in the replay's week before the city's start
   * `from` (server/replay/climate-lead-in.ts): hours under heat stress today from midnight of the replayed
   * day, night minima, 7 days of a station's chart. True when it did (the heat monitor resumes from it).
   */
  async writeLead(store: HistoryStore, runId: string, scenario: Scenario, from: number): Promise<boolean> {
    const d = this.d;
    if (!scenario.climateReplay || !d.simulatorKinds.includes('climate')) return false;
    const written = await writeClimateLead({ store, sensors: d.sensors, grid: d.grid }, runId, scenario.climateReplay.file, from);
    d.log.info({ run: runId, readings: written, to: new Date(from).toISOString() }, 'climate replay lead taken in');
    return true;
  }

  /** Starts or stops the simulated feeds (they run on one node: this one, or the cluster's leader). Built when they start, at the city time then. */
  runFeeds(run: boolean): void {
    if (run === this.feedsRunning) return;
    this.feedsRunning = run;
    for (const feed of this.feeds) feed.stop();
    this.feeds = run ? this.makeFeeds() : [];
    for (const feed of this.feeds) feed.start();
  }

  get feedNames(): string[] {
    return this.feeds.map((f) => f.name);
  }

  /** Why this server cannot switch at all (whatever the request), or null. */
  standingRefusal(): 'cluster' | 'real-time' | null {
    if (this.d.clustered) return 'cluster';
    if (!this.d.city.scenario) return 'real-time';
    return null;
  }

  /** Switches to the scenario `req.id`; `actor` goes on the audit log. */
  async switchTo(req: ScenarioSwitchRequest, actor: { actor: string; role: string | null; ip: string | null }): Promise<ScenarioSwitchResult | SwitchRefusal> {
    const d = this.d;
    const standing = this.standingRefusal();
    if (standing) return { refused: standing };
    if (!this.history) return { refused: 'not-ready' };
    if (this.switching) return { refused: 'busy' };
    const known = listScenarios(d.log, d.scenarioDir);
    if (!known.some((s) => s.id === req.id)) return { refused: 'unknown', known: known.map((s) => s.id) };
    let scenario: Scenario;
    try {
      scenario = loadScenario(req.id, d.scenarioDir);
    } catch (err) {
      return { refused: 'invalid', detail: (err as Error).message };
    }
    this.switching = true;
    try {
      const from = d.city.info();
      const oldNow = d.city.now();
      const { store, writer } = this.history;
      // The only wait, before anything changes: until the run exists the old city runs on.
      const run = await store.openRun({ realtime: false, scenario: scenario.id, startedAt: Date.now() });
      const start = req.start === undefined ? Date.parse(scenario.start) : Date.parse(req.start);
      // read before the synchronous part below, applied in it (at start, resumeRun reads the same)
      const lead = (await this.writeLead(store, run.id, scenario, start))
        ? await heatResumeFrom(store, run.id, start, { climateStationIds: d.sensors.ofKind('climate').map((f) => f.id), districtIds: d.grid.districts.map((x) => x.id) })
        : null;

      // From here on synchronous: no tick under way (the next starts from its timer, after this).
      await d.pipelineIdle?.();
      const wasRunning = this.feedsRunning;
      this.runFeeds(false);
      // Closures and open alerts end on the old run's record, at its clock; the heat figures' rows simply stop there.
      // A closure set since the closures stage last ran goes on record first: the pipeline yields between stages, so
      // one set mid-tick could raise its alert in that tick and the switch come before the stage noticed it (the old
      // run's record then lacked it; tests/scenario-switch.test.ts failed about one run in three).
      d.closuresStage.tick();
      for (const c of d.closures.clear()) d.history.event({ stream: 'closure', id: c.id, t: oldNow, action: 'close', body: c });
      d.closuresStage.adoptCurrent();
      d.alerts.reset(oldNow);
      writer.setRun(run.id);
      this.history.runId = run.id;

      d.city.replace(scenario, start, req.speed);
      const simulated = this.simulatedSensor();
      const forgotten = d.state.forget(simulated);
      d.heat.reset();
      if (lead) d.heat.resume(lead);
      d.heatStage.reset();
      d.alertConditions.reset();
      d.alertStage.flush();
      if (wasRunning) this.runFeeds(true);
      d.stream.resync();

      const info = d.city.info()!;
      const cityTime = d.city.now();
      d.log.info({ from: from?.id ?? null, to: info.id, run: run.id, speed: info.speed, cityTime: new Date(cityTime).toISOString(), forgotten }, 'scenario switched');
      await d.audit.record({ ...actor, action: 'scenario_switched', target: info.id, detail: { from: from?.id ?? null, to: info.id, name: info.name, speed: info.speed, run: run.id, cityTime } });
      return { scenario: info, run: run.id, from: from?.id ?? null, cityTime };
    } finally {
      this.switching = false;
    }
  }

  /** Which sensors the simulated feeds drive: those of the simulated kinds, and every generated one. */
  private simulatedSensor(): (sensorId: string) => boolean {
    const kinds = new Set(this.d.simulatorKinds);
    const generated = new Set(this.d.scale.generated.map((f) => f.id));
    return (id) => {
      if (generated.has(id)) return true;
      const kind = this.d.sensors.get(id)?.properties.kind;
      return kind !== undefined && kinds.has(kind);
    };
  }

  private makeFeeds(): Feed[] {
    const { city, sensors, ingest } = this.d;
    const scenario = city.scenario;
    const clock = city.clock;
    const feeds: Feed[] = [];
    if (!scenario || !clock) return feeds;
    const cityNow = city.now;
    // Kinds left out of SIMULATOR_KINDS are for real feeds; recorded climate replaces the simulated stations.
    const simulated = new Set(this.d.simulatorKinds);
    const replay = scenario.climateReplay && simulated.has('climate') ? new ClimateReplay(scenario.climateReplay.file) : null;
    // Traffic comes from the traffic twin, which runs the road-network model.
    const kinds = new Set([...simulated].filter((k) => k !== 'traffic' && !(replay && k === 'climate')));
    if (kinds.size > 0) feeds.push(new ClockedFeed(new Simulator(scenario, sensors, cityNow(), kinds), cityNow, ingest, 'simulator'));
    if (simulated.has('traffic')) {
      const twin = new TrafficTwin({
        network: this.d.roads,
        detectors: twinDetectors(sensors),
        closures: this.d.closures,
        start: cityNow(),
        dayType: scenario.dayType,
        events: scenario.events,
        scheduled: scenario.closures,
      });
      feeds.push(new ClockedFeed(twin, cityNow, ingest, 'traffic-twin'));
    }
    if (replay) feeds.push(new ClockedFeed(replay, cityNow, ingest, 'replay'));
    // The street trees have no simulator: a scenario that replays their series drives them, the others leave them without data.
    if (scenario.treeReplay && simulated.has('tree')) feeds.push(new ClockedFeed(new TreeReplay(scenario.treeReplay.file), cityNow, ingest, 'tree-replay'));
    const { generated, ratePerS, seed } = this.d.scale;
    if (generated.length > 0) feeds.push(new ScaleFeed(new ScaleDriver(scenario, generated, cityNow(), ratePerS, clock.speed, seed), cityNow, ingest));
    return feeds;
  }
}
