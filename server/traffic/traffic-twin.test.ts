import { describe, expect, it } from 'vitest';
import type { Reading } from '../../common/readings.js';
import { readingSchema } from '../../common/readings.js';
import { loadSensorIndex } from '../registry.js';
import { loadScenario } from '../simulator/scenario.js';
import { eventCarRates } from '../../common/models/traffic-events.js';
import { ClosureStore } from './closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from './road-network.js';
import { TrafficTwin } from './traffic-twin.js';

const sensors = loadSensorIndex();
const network = loadRoadNetwork();
const detectors = twinDetectors(sensors);

function twinAt(localIso: string, opts: { seed?: number; scenario?: string } = {}) {
  const start = Date.parse(localIso);
  const scenario = loadScenario(opts.scenario ?? 'normaler-werktag');
  const closures = new ClosureStore(linkStreets(network), () => start);
  const twin = new TrafficTwin({
    network,
    detectors,
    closures,
    start,
    dayType: scenario.dayType,
    events: scenario.events,
    scheduled: scenario.closures,
    seed: opts.seed ?? 7,
  });
  return { twin, closures, start };
}

/** All readings of five simulated minutes from a Bochum local time, in 1 s steps. */
function readingsAt(localIso: string, seed = 7): Reading[] {
  const { twin, start } = twinAt(localIso, { seed });
  const out: Reading[] = [];
  for (let t = start; t <= start + 5 * 60_000; t += 1000) out.push(...twin.step(t));
  return out;
}

const ratio = (r: Reading) => {
  const meta = sensors.get(r.sensorId)!.properties;
  if (r.kind !== 'traffic' || meta.kind !== 'traffic') throw new Error('not traffic');
  return r.values.speedKmh / meta.freeFlowKmh;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('traffic twin (Normaler Werktag)', () => {
  const night = readingsAt('2026-06-16T03:00:00+02:00');
  const rush = readingsAt('2026-06-16T17:00:00+02:00');

  it('puts every traffic detector of the registry on the graph and reports each within five minutes', () => {
    expect(detectors).toHaveLength(sensors.ofKind('traffic').length);
    const reported = new Set(rush.map((r) => r.sensorId));
    // a detector may be in a dropout; nearly all report
    expect(reported.size).toBeGreaterThanOrEqual(detectors.length - 3);
  });

  it('produces only readings that pass the ingest schema', () => {
    for (const r of rush) expect(readingSchema.safeParse(r).success, r.sensorId).toBe(true);
  });

  it('the evening rush is slower than 3 a.m.', () => {
    expect(mean(night.map(ratio))).toBeGreaterThan(0.9);
    expect(mean(rush.map(ratio))).toBeLessThan(mean(night.map(ratio)) - 0.15);
  });

  it('some links are congested in the evening rush and none at 3 a.m.', () => {
    expect(rush.filter((r) => ratio(r) <= 0.4).length).toBeGreaterThan(0);
    expect(night.filter((r) => ratio(r) <= 0.4)).toHaveLength(0);
  });

  it('is repeatable with the same seed and differs with another', () => {
    const a = readingsAt('2026-06-16T12:00:00+02:00', 3).slice(0, 20);
    const b = readingsAt('2026-06-16T12:00:00+02:00', 3).slice(0, 20);
    const c = readingsAt('2026-06-16T12:00:00+02:00', 4).slice(0, 20);
    expect(b).toEqual(a);
    expect(c.map((r) => r.values)).not.toEqual(a.map((r) => r.values));
  });

  it('lets detectors drop out now and then over a day, and come back', () => {
    const { twin, start } = twinAt('2026-06-16T00:00:00+02:00');
    const last = new Map<string, number>();
    let longestGap = 0;
    for (let t = start; t <= start + 24 * 3600_000; t += 10_000) {
      for (const r of twin.step(t)) {
        longestGap = Math.max(longestGap, r.ts - (last.get(r.sensorId) ?? r.ts));
        last.set(r.sensorId, r.ts);
      }
    }
    // a silence beyond the 5-minute freshness limit shows as "no data" on the map
    expect(longestGap).toBeGreaterThan(5 * 60_000);
    expect(last.size).toBe(detectors.length);
  });

  it('reports a closed link as empty at once, and traffic again when it is lifted', () => {
    const { twin, closures, start } = twinAt('2026-06-16T17:00:00+02:00');
    const detector = detectors.find((d) => d.id.startsWith('traffic-nordring'))!;
    const latest = (from: number, to: number) => {
      let seen: Reading | undefined;
      for (let t = from; t <= to; t += 1000) seen = twin.step(t).find((r) => r.sensorId === detector.id) ?? seen;
      return seen;
    };
    const before = latest(start, start + 60_000)!;
    expect(before.kind === 'traffic' && before.values.flowVehH).toBeGreaterThan(0);
    const added = closures.add({ linkId: detector.linkId, kind: 'closure' });
    expect(added.ok).toBe(true);
    const closed = latest(start + 61_000, start + 120_000)!;
    expect(closed.kind === 'traffic' && closed.values.flowVehH).toBe(0);
    closures.lift(added.ok ? added.closure.id : '');
    const open = latest(start + 121_000, start + 180_000)!;
    expect(open.kind === 'traffic' && open.values.flowVehH).toBeGreaterThan(0);
  });
});

describe('traffic twin (VfL-Heimspiel)', () => {
  it('adds the scenario’s match traffic before kick-off and loads the Castroper Straße', () => {
    const at = Date.parse('2026-08-22T14:45:00+02:00');
    const run = (events: boolean) => {
      const scenario = loadScenario('vfl-heimspiel');
      const twin = new TrafficTwin({
        network,
        detectors,
        closures: new ClosureStore(linkStreets(network), () => at),
        start: at,
        dayType: scenario.dayType,
        events: events ? scenario.events : [],
      });
      twin.step(at);
      return twin.model!;
    };
    const match = run(true);
    const quiet = run(false);
    const expected = loadScenario('vfl-heimspiel').events!.reduce((s, e) => {
      const r = eventCarRates(e, at);
      return s + r.arriving + r.leaving;
    }, 0);
    expect(expected).toBeGreaterThan(2000);
    expect(match.demandVehH - quiet.demandVehH).toBeCloseTo(expected, 0);
    const castroper = (m: typeof match) => network.links.reduce((s, l, i) => s + (l.street === 'Castroper Straße' ? m.links[i].volumeVehH : 0), 0);
    expect(castroper(match)).toBeGreaterThan(castroper(quiet) + 300);
  });
});
