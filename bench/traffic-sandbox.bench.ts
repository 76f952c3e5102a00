/**
 * Benchmark of the traffic what-if (issue 11): one sandbox evaluation of planned roadworks on the
 * whole road graph at a weekday peak — the state without the plan and the state with it, each a full
 * equilibrium assignment — and one with the baseline kept from an earlier plan at the same instant,
 * as the server answers a planner's second try. Then the server's view: the longest the event loop
 * stood still (gap between 5 ms timer ticks) while one request's evaluation (A40 both ways, morning
 * and evening peak, on a fresh sandbox so no baseline is kept) ran in the server's thread, as before,
 * and in the roadworks worker thread, as now; and, as the floor, the same timer over as long a wait
 * with nothing running (a loaded machine delays ticks by itself).
 * Prints JSON; run with `npx tsx bench/traffic-sandbox.bench.ts`. Figures are medians over rounds of this one run.
 */
import { performance } from 'node:perf_hooks';
import { zonesOf } from '../common/models/traffic-demand.js';
import { compareClosures, sandboxBaseline, type SandboxInput } from '../common/models/traffic-sandbox.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork } from '../server/traffic/road-network.js';
import { RoadworksEvaluator } from '../server/whatif/roadworks-evaluator.js';
import { RoadworksSandbox } from '../server/whatif/roadworks-sandbox.js';
import { measureStall } from '../tests/helpers/event-loop-stall.js';

const ROUNDS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const net = loadRoadNetwork();
const zones = zonesOf(net);
const WORKS = { from: 0, until: 10 };

function measure(label: string, hour: number, linkIds: string[]) {
  const input: SandboxInput = { at: 1, hour, dayType: 'weekday', planned: linkIds.map((linkId) => ({ linkId, ...WORKS })) };
  let result = compareClosures(net, input, zones); // warm-up
  const full: number[] = [];
  const kept: number[] = [];
  const baseline = sandboxBaseline(net, input, zones);
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    result = compareClosures(net, input, zones);
    full.push(performance.now() - t0);
    t0 = performance.now();
    compareClosures(net, input, zones, baseline);
    kept.push(performance.now() - t0);
  }
  return {
    case: label,
    closedLinks: linkIds.length,
    medianMs: +median(full).toFixed(1),
    withKeptBaselineMedianMs: +median(kept).toFixed(1),
    affectedLinks: result.links.length,
    vehicleHoursBefore: Math.round(result.before.vehicleHours),
    vehicleHoursAfter: Math.round(result.after.vehicleHours),
    congestedLaneKmBefore: +result.before.congestedLaneKm.toFixed(1),
    congestedLaneKmAfter: +result.after.congestedLaneKm.toFixed(1),
  };
}

const STALL_ROUNDS = 5;
const MORNING = Date.parse('2026-06-23T07:30:00+02:00');
const EVENING = Date.parse('2026-06-23T17:00:00+02:00');
const PLAN = { from: Date.parse('2026-06-22T00:00:00+02:00'), until: Date.parse('2026-07-03T00:00:00+02:00') };
const REQUEST = { closures: [{ linkId: 'a40-8-east', ...PLAN }, { linkId: 'a40-8-west', ...PLAN }], at: [MORNING, EVENING] };

async function eventLoop() {
  const closures = new ClosureStore(linkStreets(net), () => MORNING);
  const evaluator = new RoadworksEvaluator(net, closures);
  await evaluator.evaluate({ closures: [{ linkId: 'westring-1-cw', ...PLAN }], at: [MORNING] }); // thread up and warm
  const inThread: { longestMs: number; tookMs: number }[] = [];
  const inWorker: { longestMs: number; tookMs: number }[] = [];
  // the floor: the same timer while nothing runs, as a loaded machine delays ticks by itself
  const idle: { longestMs: number; tookMs: number }[] = [];
  for (let r = 0; r < STALL_ROUNDS; r++) {
    inThread.push(await measureStall(async () => new RoadworksSandbox(net, closures).evaluate(REQUEST)));
    // a fresh plan each round: the worker's kept baselines would otherwise make it look cheaper
    const other = { ...REQUEST, at: REQUEST.at.map((t) => t + (r + 1) * 60_000) };
    inWorker.push(await measureStall(() => evaluator.evaluate(other)));
    idle.push(await measureStall(() => new Promise((resolve) => setTimeout(resolve, inWorker[r].tookMs))));
  }
  await evaluator.close();
  const med = (xs: { longestMs: number; tookMs: number }[]) => ({ longestStallMs: +median(xs.map((x) => x.longestMs)).toFixed(1), answeredAfterMs: +median(xs.map((x) => x.tookMs)).toFixed(1) });
  return { request: 'A40 both ways, 07:30 and 17:00, no kept baseline', rounds: STALL_ROUNDS, inServerThread: med(inThread), inWorkerThread: med(inWorker), idleAsLong: med(idle) };
}

const eventLoopFigures = await eventLoop();

console.log(
  JSON.stringify(
    {
      bench: 'traffic-sandbox',
      links: net.links.length,
      rounds: ROUNDS,
      cases: [
        measure('A40 Zentrum-Stadion eastbound, weekday 07:30', 7.5, ['a40-8-east']),
        measure('A40 Zentrum-Stadion both ways, weekday 17:00', 17, ['a40-8-east', 'a40-8-west']),
        measure('Castroper Strasse section 2 both ways, weekday 07:30', 7.5, ['castroper-strasse-2-in', 'castroper-strasse-2-out']),
      ],
      eventLoop: eventLoopFigures,
    },
    null,
    1,
  ),
);
