/**
 * Benchmark of the traffic what-if (issue 11): one sandbox evaluation of planned roadworks on the
 * whole road graph at a weekday peak — the state without the plan and the state with it, each a full
 * equilibrium assignment — and one with the baseline kept from an earlier plan at the same instant,
 * as the server answers a planner's second try. Prints JSON; run with `npx tsx bench/traffic-sandbox.bench.ts`.
 * Figures are medians over rounds of this one run.
 */
import { performance } from 'node:perf_hooks';
import { zonesOf } from '../common/models/traffic-demand.js';
import { compareClosures, sandboxBaseline, type SandboxInput } from '../common/models/traffic-sandbox.js';
import { loadRoadNetwork } from '../server/traffic/road-network.js';

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
    },
    null,
    1,
  ),
);
