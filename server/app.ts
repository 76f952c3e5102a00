import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { Router } from 'express';
import { Server } from 'socket.io';
import type { ScenarioInfo } from '../common/protocol.js';
import type { Config } from './config.js';
import { apiRoutes } from './http/api-routes.js';
import { ingestRoute } from './http/ingest-route.js';
import { metricsRoute } from './http/metrics-route.js';
import { staticRoutes } from './http/static-routes.js';
import { PastStateColumnsEncoder } from './http/past-state-columns.js';
import { jsonErrorHandler } from './http/error-handler.js';
import { steadyNow } from './steady-clock.js';
import { loadDistrictGrid } from './heat/district-grid.js';
import { HeatMonitor } from './heat/heat-monitor.js';
import { Ingest } from './ingest/ingest.js';
import { SLICE_BUDGET_MS } from './ingest/yielding.js';
import { createLogger, type Logger } from './logger.js';
import { CLIENT_DIST_DIR, DATA_DIR } from './paths.js';
import { loadSensorIndex, withGeneratedSensors, type SensorIndex } from './registry.js';
import { generateScaleCity, loadScaleGeometry } from './simulator/scale-city.js';
import { loadScenario } from './simulator/scenario.js';
import { CityScenario } from './scenario/city-scenario.js';
import { ScenarioSwitch } from './scenario/scenario-switch.js';
import { scenarioRoutes } from './scenario/scenario-routes.js';
import { createRealFeeds } from './feeds/real-feeds.js';
import { createMetrics } from './metrics.js';
import { LiveState } from './state/live-state.js';
import { LiveStream, type StadtpulsIo } from './stream/live-stream.js';
import { HeatStage } from './heat/heat-stage.js';
import { HistoryLink } from './pipeline/history-sink.js';
import { isRealTime, openHistory, type OpenedHistory } from './pipeline/open-history.js';
import { resumeRun } from './pipeline/resume-run.js';
import { historyRoutes } from './http/history-routes.js';
import { ExportThread } from './export/export-thread.js';
import { SqliteHistoryStore } from './store/sqlite-store.js';
import { KpiSampler } from './pipeline/kpi-sampler.js';
import { KPI_PART_ENTRIES, KPI_SLICE_ENTRIES, KpiStage } from './pipeline/kpi-stage.js';
import { TickPipeline } from './pipeline/tick-pipeline.js';
import { GeneratedHistoryThinning } from './pipeline/history-thinning.js';
import { ClosuresStage } from './traffic/closures-stage.js';
import { trafficRoutes } from './http/traffic-routes.js';
import { whatIfTrafficRoutes } from './http/whatif-traffic-routes.js';
import { RoadworksEvaluator } from './whatif/roadworks-evaluator.js';
import { loadRoadLinkShapes } from './whatif/road-link-shapes.js';
import { ClosureStore } from './traffic/closures.js';
import { linkStreets, loadRoadNetwork } from './traffic/road-network.js';
import { closeHttpWithin } from './http/close-http.js';
import { applyHttpLimits, httpServerOptions } from './http/http-limits.js';
import { ConnectionGuard, GUARDED_SOCKET_IO_OPTIONS } from './stream/connection-guard.js';
import { honourCompressFlag, sendPartsTogether } from './stream/engine-sending.js';
import { registerStreamMetrics } from './stream/stream-metrics.js';
import { HealthChecks, Readiness, feedLinkCheck } from './health.js';
import { Auth } from './auth/auth.js';
import { securityHeaders } from './auth/security-headers.js';
import { principalOf } from './auth/principal.js';
import { AlertEngine } from './alerts/alert-engine.js';
import { ConditionWatch } from './alerts/alert-conditions.js';
import { alertPlaces } from './alerts/alert-places.js';
import { AlertStage } from './alerts/alert-stage.js';
import { alertRoutes } from './alerts/alert-routes.js';
import { DemoTours, demoRoutes } from './demo/demo-routes.js';
import { tourRefs } from './demo/tour-file.js';
import { placeRoutes } from './http/place-routes.js';
import { Cluster } from './cluster/cluster.js';
import { leaderOnly } from './cluster/leader-only-sink.js';
import { loadPlaces } from './places.js';
import { PlanStore } from './plans/plan-store.js';
import { planRoutes } from './plans/plan-routes.js';

export interface Stadtpuls {
  readonly http: HttpServer;
  readonly io: StadtpulsIo;
  readonly ingest: Ingest;
  readonly state: LiveState;
  readonly stream: LiveStream;
  readonly pipeline: TickPipeline;
  readonly sensors: SensorIndex;
  readonly log: Logger;
  /** register what makes /api/health `degraded` (e.g. the history store falling behind) */
  readonly health: HealthChecks;
  /** register what /api/ready waits for (e.g. the history store opened) */
  readonly readiness: Readiness;
  /** users, sessions, tokens, the audit log (audit.record) and the role middleware's store */
  readonly auth: Auth;
  cityNow(): number;
  /** listen on config.port (0 = any free port) and start the feeds; resolves to the base URL */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** Wires the server together: registry → ingest → live state → stream, plus the simulator feed. */
export function createStadtpuls(config: Config, opts: { clientDir?: string; logger?: Logger } = {}): Stadtpuls {
  const log = opts.logger ?? createLogger(config.logLevel);
  // SCALE=<n>: n generated sensors beside the registry's (server/simulator/scale-city.ts), never a file.
  const generated = config.scale.sensors > 0 ? generateScaleCity(config.scale.sensors, config.scale.seed, loadScaleGeometry()) : [];
  const sensors = withGeneratedSensors(loadSensorIndex(), generated);
  // The scenario and its clock, replaced by a runtime switch (server/scenario/); real time is the steady clock.
  const city = new CityScenario(config.simulator ? { scenario: loadScenario(config.scenario), start: config.simStart, speed: config.simSpeed } : null);
  const cityNow = city.now;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.auth.trustProxy);
  const auth = new Auth(config.auth, log);
  app.use(securityHeaders({ mapStyleUrl: config.mapStyleUrl }));
  const http = createServer(httpServerOptions(config.http), app);
  applyHttpLimits(http, config.http);
  const io: StadtpulsIo = new Server(http, { serveClient: false, ...GUARDED_SOCKET_IO_OPTIONS, allowRequest: auth.socket.allowRequest });
  io.use(auth.socket.middleware);
  honourCompressFlag(io, () => log.error('engine.io WebSocket transport of an unknown shape: the columnar form is deflated again per client (server/stream/engine-sending.ts)'));
  sendPartsTogether(io);
  const guard = new ConnectionGuard(config.socket, log);
  // Indexed by the registry: generated (SCALE) sensors' entries live in columns (server/state/live-state.ts).
  const state = new LiveState(sensors);
  const ingest = new Ingest(sensors, state, cityNow, log);
  const districtGrid = loadDistrictGrid();
  const heat = new HeatMonitor(sensors, districtGrid);
  const roads = loadRoadNetwork();
  const closures = new ClosureStore(linkStreets(roads), cityNow);
  // Stages write to the history from the start; the writer is attached when the store has opened.
  const history = new HistoryLink();
  // In a cluster the leader alone writes the derived figures, which every node computes alike.
  const derived = config.cluster ? leaderOnly(history, () => cluster?.lease.isLeader ?? false) : history;
  let opened: OpenedHistory | null = null;
  let exportThread: ExportThread | null = null;
  // Generated sensors' readings thinned out for the history (SCALE_RATE=1 is more than one machine's store writes).
  const historyEntries = new GeneratedHistoryThinning(history, sensors, config.historyGeneratedEveryMs);
  ingest.onAccepted((entry) => historyEntries.entry(entry));
  const historyStats = () => {
    const s = opened?.writer.stats();
    return s ? { ...s, thinned: historyEntries.thinned, thinnedForBacklog: historyEntries.thinnedForBacklog } : null;
  };
  const heatStage = new HeatStage(heat, state, derived, { everyMs: config.heatSurfaceEveryMs, now: steadyNow, sliceMs: SLICE_BUDGET_MS });
  const closuresStage = new ClosuresStage(closures, derived, cityNow);
  const alerts = new AlertEngine(derived);
  const alertConditions = new ConditionWatch(config.alerts.thresholds, alertPlaces(sensors, districtGrid.districts, roads));
  const alertStage = new AlertStage(alerts, alertConditions, state, () => ({
    districts: heat.districts(),
    closures: closures.list(),
    feeds: Object.entries(ingest.stats.snapshot()).map(([name, c]) => ({ name, link: c.link })),
    steadyNow: steadyNow(),
  }));
  const sensorProperties = new Map([...sensors.byId].map(([id, f]) => [id, f.properties]));
  const kpiStage = new KpiStage(state, sensorProperties, undefined, KPI_SLICE_ENTRIES, KPI_PART_ENTRIES);
  const stream = new LiveStream(io, {
    // Read at every snapshot, not copied: a runtime switch changes it.
    get scenario(): ScenarioInfo | null {
      return city.info();
    },
    cityNow,
    run: () => scenarios.runId,
    tickMs: config.streamTickMs,
    entries: () => state.all(),
    blocks: (take) => state.blocks(take),
    entriesJsonSteps: (take, rows) => state.entriesJsonSteps(take, rows),
    entryOf: (id) => state.get(id),
    registry: sensors.registry.features,
    channels: [heatStage.districts, alertStage.channel, heatStage.nights, heatStage.nightCount, closuresStage.channel, closuresStage.plannedChannel, kpiStage, kpiStage.worstLinks],
    guard,
    backpressure: config.streamBackpressure,
  });
  // ingest → derive (heat, closures) → alerts → store (KPI samples; readings go to the history as accepted) → stream
  const pipeline = new TickPipeline(state, cityNow, [heatStage, closuresStage, alertStage, new KpiSampler(state, sensorProperties, derived, KPI_SLICE_ENTRIES, KPI_PART_ENTRIES), kpiStage, stream], config.streamTickMs, log);
  // Accepted readings go to the other nodes of a cluster; operators' changes too (the routes share them).
  const cluster = config.cluster ? new Cluster(config.cluster, { io, state, sensors, closures, alerts, alertsChanged: () => alertStage.flush(), log, cityNow }) : null;
  if (cluster) ingest.onAccepted((entry) => cluster.readings.publish(entry));
  // The simulated feeds run on one node: this one, or the cluster's leader; the switch builds them (and rebuilds them for another scenario).
  const scenarios = new ScenarioSwitch({
    city,
    simulatorKinds: config.simulatorKinds,
    scale: { generated, ratePerS: config.scale.ratePerS, seed: config.scale.seed },
    sensors,
    roads,
    ingest,
    state,
    closures,
    closuresStage,
    heat,
    heatStage,
    grid: districtGrid,
    alerts,
    alertConditions,
    alertStage,
    stream,
    pipelineIdle: () => pipeline.idle(),
    history: derived,
    audit: auth.audit,
    log,
    clustered: cluster !== null,
  });
  const runFeeds = (run: boolean) => {
    scenarios.runFeeds(run);
    if (cluster) log.info({ node: cluster.nodeId, feeds: scenarios.feedNames }, run ? 'simulated feeds started' : 'simulated feeds stopped');
  };
  const realFeeds = createRealFeeds(config.feeds, { ingest, sensors, log });
  const health = new HealthChecks();
  for (const name of realFeeds.names) health.register(`feed ${name}`, feedLinkCheck(ingest.stats, name));
  health.register('history store', () => {
    const s = opened?.writer.stats();
    if (!s || !s.behind) return { ok: true };
    return { ok: false, reason: `falling behind: ${s.queued} queued, ${s.dropped} dropped${s.lastError ? `, last error: ${s.lastError}` : ''}` };
  });
  const readiness = new Readiness();
  readiness.require('history store', () => opened !== null);
  readiness.require('listening', () => http.listening);
  readiness.require('first tick', () => stream.lastSeq > 0);
  // Uptime is an age: measured on the steady clock, so a wall-clock step does not bend it.
  const startedAt = steadyNow();

  const metrics = createMetrics(ingest.stats, historyStats, () => alerts.stats(cityNow()));
  registerStreamMetrics(metrics, () => stream.stats());
  if (cluster) {
    cluster.registerMetrics(metrics);
    health.register('cluster', () => cluster.health());
  }
  app.use(metricsRoute(metrics));
  // Every /api request: who it comes from, foreign origins refused for writes, writes rate-limited.
  app.use('/api', auth.authenticate, auth.originGuard, auth.writeLimiter);
  app.use(
    '/api/ingest',
    ingestRoute({
      ingest,
      apiKeys: config.feeds.ingestApiKeys,
      maxBytes: config.feeds.ingestMaxBytes,
      tokenAccepted: (res) => {
        const p = principalOf(res);
        return p.kind === 'token' && p.scope === 'ingest';
      },
    }),
  );
  app.use('/api', auth.routes, auth.readGate);

  app.use('/api', scenarioRoutes({ city, switcher: scenarios, log }));
  app.use('/api/traffic', trafficRoutes({ closures, audit: auth.audit, share: cluster?.share }));
  // Planned roadworks in a sandbox copy of the traffic model: reads the graph and the closures, never changes them;
  // a worker thread runs it, as its assignments would hold the event loop for a few hundred ms.
  const roadworks = new RoadworksEvaluator(roads, closures);
  app.use('/api', whatIfTrafficRoutes({ sandbox: roadworks, links: loadRoadLinkShapes(), metrics }));
  // Filled in start(), once the store is open; before that nothing listens.
  const historyApi = Router();
  app.use('/api', historyApi);
  app.use(
    '/api',
    apiRoutes({
      sensors,
      state,
      stream,
      ingest,
      cityNow,
      get scenario(): ScenarioInfo | null {
        return city.info();
      },
      clientConfig: { mapStyleUrl: config.mapStyleUrl, alertWallCap: config.alerts.wallCap },
      connectedClients: () => io.engine.clientsCount,
      droppedClients: () => ({ ...guard.dropped }),
      health,
      readiness,
      history: historyStats,
      startedAt,
      cluster: cluster ? () => cluster.status() : undefined,
    }),
  );
  app.use(auth.wallLogin);
  app.use(staticRoutes(opts.clientDir ?? CLIENT_DIST_DIR, path.join(DATA_DIR, 'city')));
  app.use(jsonErrorHandler(log));

  return {
    http,
    io,
    ingest,
    state,
    stream,
    pipeline,
    sensors,
    log,
    health,
    readiness,
    auth,
    cityNow,
    async start() {
      if (cluster) city.shift(await cluster.start({ scenario: city.scenario?.id ?? 'real-time', speed: city.clock?.speed ?? 1, cityNow }));
      const realtime = isRealTime(city.clock && { speed: city.clock.speed, now: cityNow });
      // The thinning passes at most one reading per generated sensor and interval: the writer's allowance for them.
      const generatedSensors = config.historyGeneratedEveryMs > 0 ? generated.length : 0;
      opened = await openHistory(config.store, { realtime, scenario: city.scenario?.id ?? null, cityNow, log, generatedSensors });
      history.attach(opened.sink);
      scenarios.attachHistory(opened.store, opened.writer, opened.run.id);
      await auth.open(opened.store);
      // A new simulated run of a climate replay begins with the replay's week before (the heat figures resume from it below).
      if (!realtime && city.scenario) {
        const from = cityNow();
        // The clock waits for the lead (seconds of work: minutes of city time at ×120), so the feeds begin where it ends.
        if ((await scenarios.writeLead(opened.store, opened.run.id, city.scenario, from)) && !cluster) city.restartAt(from);
      }
      const resumed = await resumeRun(opened.store, opened.run, cityNow(), {
        closures,
        heat,
        alerts,
        alertConditions,
        climateStationIds: sensors.ofKind('climate').map((f) => f.id),
        districtIds: districtGrid.districts.map((d) => d.id),
      });
      closuresStage.adoptCurrent();
      log.info({ run: opened.run.id, realtime, backend: opened.store.backend, ...resumed }, 'history store open');
      // The scenario chosen at start (SCENARIO): on the audit log like any other change of what the city shows (a switch: scenario_switched).
      const started = city.info();
      if (started) await auth.audit.record({ actor: 'system', action: 'scenario_started', target: started.id, detail: { name: started.name, speed: started.speed, run: opened.run.id, cityTime: cityNow() } });
      const historyStore = opened.store;
      // a SQLite file's exports are read and made in a thread of their own (an in-memory database has no second connection)
      exportThread =
        historyStore instanceof SqliteHistoryStore && historyStore.file !== ':memory:' ? new ExportThread({ file: historyStore.file, scale: { sensors: config.scale.sensors, seed: config.scale.seed } }) : null;
      // A scenario switch opens a new run (server/scenario/scenario-switch.ts).
      const runId = () => scenarios.runId ?? opened!.run.id;
      historyApi.use('/alerts', alertRoutes({ engine: alerts, store: historyStore, currentRun: runId, cityNow, audit: auth.audit, changed: () => alertStage.flush(), share: cluster?.share }));
      historyApi.use(
        historyRoutes({
          store: historyStore,
          currentRun: runId,
          sensors,
          districts: districtGrid.districts.map((d) => ({ id: d.id, name: d.name })),
          links: linkStreets(roads),
          cityNow,
          live: () => ({ seq: stream.lastSeq, instance: stream.instance }),
          pastColumns: new PastStateColumnsEncoder(stream.registry, sensorProperties),
          exportThread,
          log,
        }),
      );
      // Demo tours play their own recorded runs (server/demo/); DEMO=<tour> records them now rather than on the first visit.
      const toursDir = config.toursDir ?? undefined;
      const demoTours = new DemoTours({ store: historyStore, sensors, roads, grid: districtGrid, log, toursDir, refs: tourRefs(sensors.byId, linkStreets(roads).keys()) });
      historyApi.use('/demo', demoRoutes(demoTours, toursDir));
      historyApi.use(placeRoutes({ store: historyStore, currentRun: runId, sensors, places: loadPlaces(), cityNow, log }));
      historyApi.use('/plans', planRoutes({ plans: PlanStore.of(historyStore), audit: auth.audit }));
      if (config.demo) demoTours.prepare(config.demo);
      if (cluster) {
        cluster.lease.onChange(runFeeds);
        cluster.elect();
      } else runFeeds(true);
      realFeeds.start();
      pipeline.start();
      const realFeedsOn = realFeeds.names.length > 0 || config.feeds.ingestApiKeys.length > 0;
      const clock = city.clock;
      if (clock && realFeedsOn && (clock.speed !== 1 || Math.abs(cityNow() - Date.now()) > 5 * 60_000)) {
        // Real readings carry wall-clock times; against a simulated clock they look future (refused) or stale.
        log.warn({ cityTime: new Date(cityNow()).toISOString(), speed: clock.speed }, 'real feeds run beside a simulated city clock: set SIM_START=now and SIM_SPEED=1, or SIMULATOR=off');
      }
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve());
      });
      const { port } = http.address() as AddressInfo;
      const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      log.info({ url, scenario: city.scenario?.id ?? null, sensors: sensors.size }, 'Stadtpuls is running');
      return url;
    },
    async stop() {
      runFeeds(false);
      await realFeeds.stop();
      // Rejections held back for their log interval are written, not lost with the process.
      ingest.flushLog();
      pipeline.stop();
      // a tick under way ends first: its stages still write to the history and the stream
      await pipeline.idle();
      await closeHttpWithin(http, (done) => io.close(() => done()), config.http.shutdownGraceMs);
      await cluster?.stop();
      auth.close();
      await roadworks.close();
      await exportThread?.close();
      if (opened) {
        await opened.writer.close();
        await opened.store.close();
      }
    },
  };
}
