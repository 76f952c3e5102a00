/**
 * Benchmark of the traffic twin on the whole road graph: one full reassignment (demand + Frank–Wolfe
 * to the relative-gap target) at the weekday evening peak and during a home match, and one twin step
 * at 1 s of city time (noise, detectors due, no reassignment). Prints JSON; run with
 * `npm run bench:traffic`. Figures are medians over rounds of this one run.
 */
import { performance } from 'node:perf_hooks';
import { runModel } from '../common/models/traffic-model.js';
import { zonesOf } from '../common/models/traffic-demand.js';
import { loadSensorIndex } from '../server/registry.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../server/traffic/road-network.js';
import { TrafficTwin } from '../server/traffic/traffic-twin.js';
import { loadScenario } from '../server/simulator/scenario.js';

const ROUNDS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const net = loadRoadNetwork();
const zones = zonesOf(net);
const match = loadScenario('vfl-heimspiel');

function reassignment(label: string, input: Parameters<typeof runModel>[1]) {
  const times: number[] = [];
  let result = runModel(net, input, zones);
  for (let r = 0; r < ROUNDS; r++) times.push(time(() => (result = runModel(net, input, zones))));
  return {
    case: label,
    medianMs: +median(times).toFixed(2),
    iterations: result.assignment.iterations,
    relativeGap: +result.assignment.relativeGap.toExponential(2),
    demandVehH: Math.round(result.demandVehH),
  };
}

const reassignments = [
  reassignment('weekday 17:00', { hour: 17, dayType: 'weekday', nowMs: 0 }),
  reassignment('Sunday 04:00', { hour: 4, dayType: 'sunday', nowMs: 0 }),
  reassignment('match day 14:45', { hour: 14.75, dayType: 'saturday', nowMs: Date.parse('2026-08-22T14:45:00+02:00'), events: match.events }),
];

// One simulated hour in 1 s steps, as the twin runs at speed 1: every step advances noise and
// emits the detectors that are due; every 120th step also reassigns.
const sensors = loadSensorIndex();
const start = Date.parse('2026-06-16T17:00:00+02:00');
const hourTimes: number[] = [];
let readings = 0;
for (let r = 0; r < 5; r++) {
  const twin = new TrafficTwin({ network: net, detectors: twinDetectors(sensors), closures: new ClosureStore(linkStreets(net), () => start), start, dayType: 'weekday', seed: r + 1 });
  twin.step(start);
  readings = 0;
  hourTimes.push(
    time(() => {
      for (let t = start + 1000; t <= start + 3600_000; t += 1000) readings += twin.step(t).length;
    }),
  );
}
const hourMs = median(hourTimes);
const peak = reassignments[0].medianMs;

console.log(
  JSON.stringify(
    {
      benchmark: 'traffic-model',
      node: process.version,
      rounds: ROUNDS,
      network: { nodes: net.nodes.length, links: net.links.length, zones: zones.length },
      reassignment: reassignments,
      twin: {
        detectors: twinDetectors(sensors).length,
        readingsPerSimulatedHour: readings,
        medianMsPerSimulatedHourAt1sSteps: +hourMs.toFixed(1),
        meanMsPerStep: +(hourMs / 3600).toFixed(4),
        // the share of one core the twin needs to keep up with real time at speed 1, reassignments included
        shareOfOneCoreAtSpeed1: +(hourMs / 3600_000).toFixed(6),
      },
      // reassigning at every 1 s step, the worst case (e.g. speed 120 with the 2-minute cadence)
      shareOfOneCoreReassigningEverySecond: +(peak / 1000).toFixed(4),
    },
    null,
    2,
  ),
);
