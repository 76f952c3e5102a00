/**
 * Benchmark of the live path on the real registry: simulator and traffic twin steps, ingest
 * (validate + derive + state) and serialising a snapshot. Prints JSON; run with `npm run bench`.
 * Each figure is the median of several rounds measured in this one run.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { Ingest } from '../server/ingest/ingest.js';
import { loadSensorIndex } from '../server/registry.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { Simulator } from '../server/simulator/simulator.js';
import { LiveState } from '../server/state/live-state.js';
import type { Reading } from '../common/readings.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../server/traffic/road-network.js';
import { TrafficTwin } from '../server/traffic/traffic-twin.js';
import { median } from './median.js';

const ROUNDS = 7;

const sensors = loadSensorIndex();
const scenario = loadScenario('normaler-werktag');
const start = Date.parse('2026-06-16T17:00:00+02:00');

// One simulated hour in 1 s steps: the work of one hour of real time at speed 1.
const stepTimes: number[] = [];
let readings: Reading[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const sim = new Simulator(scenario, sensors, start, new Set(['climate', 'parking', 'charging']), r + 1);
  const roads = loadRoadNetwork();
  let now = start;
  const twin = new TrafficTwin({ network: roads, detectors: twinDetectors(sensors), closures: new ClosureStore(linkStreets(roads), () => now), start, dayType: scenario.dayType, seed: r + 1 });
  const out: Reading[] = [];
  const t0 = performance.now();
  for (let t = start + 1000; t <= start + 3600_000; t += 1000) {
    now = t;
    out.push(...sim.step(t), ...twin.step(t));
  }
  stepTimes.push(performance.now() - t0);
  readings = out;
}

const ingestTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const state = new LiveState();
  // The city clock at the end of the simulated hour: every reading is then in the past and within the time rules.
  const ingest = new Ingest(sensors, state, () => start + 3600_000, pino({ level: 'silent' }));
  const t0 = performance.now();
  for (const reading of readings) ingest.submit(reading, 'bench');
  ingestTimes.push(performance.now() - t0);
}

const state = new LiveState();
const ingest = new Ingest(sensors, state, () => start + 3600_000, pino({ level: 'silent' }));
for (const reading of readings) ingest.submit(reading, 'bench');
const snapshotTimes: number[] = [];
let snapshotBytes = 0;
for (let r = 0; r < ROUNDS * 3; r++) {
  const t0 = performance.now();
  snapshotBytes = Buffer.byteLength(JSON.stringify({ entries: state.all() }));
  snapshotTimes.push(performance.now() - t0);
}

const simHourMs = median(stepTimes);
const ingestMs = median(ingestTimes);
console.log(
  JSON.stringify(
    {
      benchmark: 'live-path',
      node: process.version,
      rounds: ROUNDS,
      sensors: sensors.size,
      readingsPerSimulatedHour: readings.length,
      simulatorAndTrafficTwin: {
        medianMsPerSimulatedHourAt1sSteps: +simHourMs.toFixed(1),
        shareOfOneCoreAtSpeed1: +(simHourMs / 3600_000).toFixed(6),
      },
      ingest: {
        medianMsForAllReadings: +ingestMs.toFixed(1),
        readingsPerSecond: Math.round(readings.length / (ingestMs / 1000)),
        medianMicrosecondsPerReading: +((ingestMs * 1000) / readings.length).toFixed(2),
      },
      snapshot: { bytes: snapshotBytes, medianMsToSerialise: +median(snapshotTimes).toFixed(2) },
      memory: { heapUsedMB: +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1), rssMB: +(process.memoryUsage().rss / 2 ** 20).toFixed(1) },
    },
    null,
    2,
  ),
);
