import { describe, expect, it } from 'vitest';
import { UnknownLinkError } from '../../common/models/traffic-sandbox.js';
import { loadSensorIndex } from '../registry.js';
import { ClosureStore } from '../traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../traffic/road-network.js';
import { TrafficTwin } from '../traffic/traffic-twin.js';
import { RoadworksSandbox } from './roadworks-sandbox.js';

const net = loadRoadNetwork();
const detectors = twinDetectors(loadSensorIndex());
const START = Date.parse('2026-06-16T16:50:00+02:00');
const MORNING = Date.parse('2026-06-23T07:30:00+02:00');
const EVENING = Date.parse('2026-06-23T17:00:00+02:00');
const WORKS = { from: Date.parse('2026-06-22T00:00:00+02:00'), until: Date.parse('2026-07-03T00:00:00+02:00') };

function liveCity(now: { t: number }) {
  const closures = new ClosureStore(linkStreets(net), () => now.t);
  const twin = new TrafficTwin({ network: net, detectors, closures, start: START, dayType: 'weekday', seed: 7 });
  return { closures, twin };
}

describe('the roadworks sandbox beside the live traffic twin', () => {
  it('leaves the live model state, the closures on record and the next detector readings exactly as they were', () => {
    const now = { t: START };
    const live = liveCity(now);
    const twin = liveCity(now); // the same city, never asked a what-if
    for (const c of [live, twin]) {
      expect(c.closures.add({ linkId: 'nordring-1-cw', kind: 'incident', capacityFactor: 0.5 }).ok).toBe(true);
      expect(c.closures.add({ linkId: 'westring-1-cw', kind: 'closure', from: WORKS.from, until: WORKS.until }).ok).toBe(true);
    }
    for (const c of [live, twin]) c.twin.step(START);
    const stateBefore = live.twin.model!;
    const stateJson = JSON.stringify({ links: stateBefore.links, volume: [...stateBefore.assignment.volume], demand: stateBefore.demandVehH });
    const recordBefore = JSON.stringify({ v: live.closures.version, list: live.closures.list(), planned: live.closures.planned() });

    const sandbox = new RoadworksSandbox(net, live.closures);
    const result = sandbox.evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }, { linkId: 'a40-8-west', ...WORKS }], at: [MORNING, EVENING] });
    expect(result.instants.map((i) => i.inForce.sort())).toEqual([
      ['a40-8-east', 'a40-8-west'],
      ['a40-8-east', 'a40-8-west'],
    ]);
    expect(result.instants[0].after.vehicleHours).toBeGreaterThan(result.instants[0].before.vehicleHours);

    // the live state: the same object with the same numbers, and the closures on record untouched
    expect(live.twin.model).toBe(stateBefore);
    expect(JSON.stringify({ links: stateBefore.links, volume: [...stateBefore.assignment.volume], demand: stateBefore.demandVehH })).toBe(stateJson);
    expect(JSON.stringify({ v: live.closures.version, list: live.closures.list(), planned: live.closures.planned() })).toBe(recordBefore);
    // and the twin goes on as one that never saw the sandbox: reading for reading, through a reassignment
    for (let t = START + 1000; t <= START + 5 * 60_000; t += 1000) {
      now.t = t;
      expect(live.twin.step(t)).toEqual(twin.twin.step(t));
    }
  });

  it('counts the closures on record that are in force at an instant in both states, and names them', () => {
    const now = { t: START };
    const { closures } = liveCity(now);
    const incident = closures.add({ linkId: 'nordring-1-cw', kind: 'incident', capacityFactor: 0.5 });
    const planned = closures.add({ linkId: 'westring-1-cw', kind: 'closure', from: WORKS.from, until: WORKS.until });
    const later = closures.add({ linkId: 'suedring-1-cw', kind: 'closure', from: WORKS.until, until: WORKS.until + 86_400_000 });
    if (!incident.ok || !planned.ok || !later.ok) throw new Error('closures refused');
    const result = new RoadworksSandbox(net, closures).evaluate({ closures: [{ linkId: 'castroper-strasse-2-in', ...WORKS }], at: [MORNING] });
    expect(result.liveClosures.sort()).toEqual([incident.closure.id, planned.closure.id].sort());
    const [m] = result.instants;
    // the planned Westring closure is closed in both states; only the Castroper Straße is the plan's
    expect(m.before.closedLaneKm).toBeGreaterThan(0);
    expect(m.after.closedLaneKm).toBeGreaterThan(m.before.closedLaneKm);
    expect(m.links.find((l) => l.linkId === 'westring-1-cw')).toBeUndefined();
    expect(m.links[0]).toMatchObject({ linkId: 'castroper-strasse-2-in', planned: true, closedAfter: true, losAfter: null });
  });

  it('answers the same plan the same way from its kept baseline', () => {
    const sandbox = new RoadworksSandbox(net, liveCity({ t: START }).closures);
    const req = { closures: [{ linkId: 'castroper-strasse-2-out', ...WORKS }], at: [EVENING] };
    const first = sandbox.evaluate(req);
    const again = sandbox.evaluate(req);
    expect(again.instants).toEqual(first.instants);
  });

  it('refuses an unknown link before any work', () => {
    const sandbox = new RoadworksSandbox(net, liveCity({ t: START }).closures);
    expect(() => sandbox.evaluate({ closures: [{ linkId: 'a40-99-east', ...WORKS }], at: [MORNING] })).toThrow(UnknownLinkError);
  });
});
