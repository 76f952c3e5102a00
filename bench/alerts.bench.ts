/**
 * Alert load per scenario with the default thresholds (EEMUA 191: a manageable load in normal
 * operation is at most one new alert per 10 minutes, i.e. 6 per hour). Runs each scenario's feeds
 * headless at full speed — simulator, traffic twin, climate replay, as server/app.ts wires them —
 * through ingest, the heat figures and the alert engine, ticking every 10 s of city time (the
 * server's 1 s tick at the default ×10), over 24 h from the scenario's start. Prints JSON.
 *
 * `npx tsx bench/alerts.bench.ts [scenario …]`; ALERTS_FILE as for the server to try other thresholds.
 */
import { readdirSync } from 'node:fs';
import { pino } from 'pino';
import type { AlertKind } from '../common/protocol.js';
import { loadDistrictGrid } from '../server/heat/district-grid.js';
import { HeatMonitor } from '../server/heat/heat-monitor.js';
import { Ingest } from '../server/ingest/ingest.js';
import { loadSensorIndex } from '../server/registry.js';
import { ClimateReplay } from '../server/replay/climate-replay.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { Simulator } from '../server/simulator/simulator.js';
import { LiveState } from '../server/state/live-state.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../server/traffic/road-network.js';
import { TrafficTwin } from '../server/traffic/traffic-twin.js';
import type { Reading } from '../common/readings.js';
import { NO_HISTORY } from '../server/pipeline/history-sink.js';
import { AlertEngine } from '../server/alerts/alert-engine.js';
import { ConditionWatch } from '../server/alerts/alert-conditions.js';
import { alertPlaces } from '../server/alerts/alert-places.js';
import { alertsEnvSchema, toAlertsConfig } from '../server/alerts/alert-config.js';
import { SCENARIO_DIR } from '../server/paths.js';

const TICK_MS = 10_000;
const HOURS = 24;
const EEMUA_PER_HOUR = 6;

const sensors = loadSensorIndex();
const grid = loadDistrictGrid();
const config = toAlertsConfig(alertsEnvSchema.parse(process.env));

function run(scenarioId: string, startOverride?: number) {
  const scenario = loadScenario(scenarioId);
  const start = startOverride ?? Date.parse(scenario.start);
  let now = start;
  const roads = loadRoadNetwork();
  const closures = new ClosureStore(linkStreets(roads), () => now);
  const replay = scenario.climateReplay ? new ClimateReplay(scenario.climateReplay.file) : null;
  const kinds = new Set<'climate' | 'parking' | 'charging'>(replay ? ['parking', 'charging'] : ['climate', 'parking', 'charging']);
  const sources: Array<{ step(t: number): Reading[] }> = [
    new Simulator(scenario, sensors, start, kinds),
    new TrafficTwin({ network: roads, detectors: twinDetectors(sensors), closures, start, dayType: scenario.dayType, events: scenario.events, scheduled: scenario.closures }),
    ...(replay ? [replay] : []),
  ];
  const state = new LiveState();
  const ingest = new Ingest(sensors, state, () => now, pino({ level: 'silent' }));
  const heat = new HeatMonitor(sensors, grid);
  const engine = new AlertEngine(NO_HISTORY);
  const watch = new ConditionWatch(config.thresholds, alertPlaces(sensors, grid.districts, roads));
  const raisedPerHour: number[] = Array.from({ length: HOURS }, () => 0);
  const byLevel: Record<string, number> = {};
  let before = 0;
  let groupsBefore = 0;
  const groupsPerHour: number[] = Array.from({ length: HOURS }, () => 0);
  let maxInList = 0;
  const t0 = performance.now();
  for (now = start + TICK_MS; now <= start + HOURS * 3_600_000; now += TICK_MS) {
    for (const s of sources) for (const r of s.step(now)) ingest.submit(r, 'bench');
    const changed = state.drainChanged();
    if (changed.some((e) => e.reading.kind === 'climate')) heat.update(state.ofKind('climate'), now);
    const listBefore = new Set(engine.list().map((a) => a.id));
    engine.apply(watch.evaluate({ cityTime: now, entries: state.all(), districts: heat.districts(), closures: closures.list(), feeds: [], steadyNow: now }), now);
    for (const a of engine.list()) if (!listBefore.has(a.id)) byLevel[a.level] = (byLevel[a.level] ?? 0) + 1;
    const stats = engine.stats(now);
    const raised = Object.values(stats.raised).reduce((s, n) => s + n, 0);
    const hour = Math.min(HOURS - 1, Math.floor((now - start - 1) / 3_600_000));
    raisedPerHour[hour] += raised - before;
    groupsPerHour[hour] += stats.groupsRaised - groupsBefore;
    before = raised;
    groupsBefore = stats.groupsRaised;
    maxInList = Math.max(maxInList, engine.list().length);
  }
  const stats = engine.stats(now);
  const total = Object.values(stats.raised).reduce((s, n) => s + n, 0);
  return {
    scenario: scenarioId,
    from: new Date(start).toISOString(),
    hours: HOURS,
    alertsRaised: total,
    alertsPerHour: +(total / HOURS).toFixed(2),
    groupsRaised: stats.groupsRaised,
    groupsPerHour: +(stats.groupsRaised / HOURS).toFixed(2),
    peakAlertsInOneHour: Math.max(...raisedPerHour),
    peakGroupsInOneHour: Math.max(...groupsPerHour),
    maxAlertsInList: maxInList,
    byKind: stats.raised as Record<AlertKind, number>,
    byLevel,
    meetsEemua191: total / HOURS <= EEMUA_PER_HOUR,
    wallSeconds: +((performance.now() - t0) / 1000).toFixed(1),
  };
}

const wanted = process.argv.slice(2);
const scenarios = wanted.length > 0 ? wanted : readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const results = scenarios.map((id) => run(id));
// The heatwave's hottest day (40.3 °C at Westpark) besides its first day.
if (scenarios.includes('hitzewelle-august-2024')) results.push({ ...run('hitzewelle-august-2024', Date.parse('2024-08-13T00:00:00+02:00')), scenario: 'hitzewelle-august-2024 (13 Aug)' });
console.log(JSON.stringify({ benchmark: 'alerts', node: process.version, goalPerHour: EEMUA_PER_HOUR, tickCityS: TICK_MS / 1000, thresholds: config.thresholds, results }, null, 2));
