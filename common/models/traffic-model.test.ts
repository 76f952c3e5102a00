import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roadNetworkSchema } from '../roads.js';
import { eventCarRates, type TrafficEvent } from './traffic-events.js';
import { detectorState, linkResponse } from './traffic-flow.js';
import { runModel, type ModelState } from './traffic-model.js';
import { compileNetwork } from './traffic-network.js';
import { distanceM } from '../geo.js';
import { VENUES } from './traffic-events.js';

const roads = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/roads.geojson');
const net = compileNetwork(roadNetworkSchema.parse(JSON.parse(fs.readFileSync(roads, 'utf8'))));
const SAT = (hhmm: string) => Date.parse(`2026-08-22T${hhmm}:00+02:00`);
const match: TrafficEvent = { type: 'football', venue: 'ruhrstadion', kickoff: '2026-08-22T15:30:00+02:00', spectators: 26_000 };

const laneKmWeighted = (s: ModelState, f: (i: number) => number) =>
  net.links.reduce((sum, l, i) => sum + f(i) * l.lengthKm * l.lanes, 0) / net.links.reduce((sum, l) => sum + l.lengthKm * l.lanes, 0);
const meanSpeedRatio = (s: ModelState) => laneKmWeighted(s, (i) => s.links[i].speedKmh / net.links[i].freeFlowKmh);

describe('what a detector sees on a link', () => {
  it.each([
    // demand / capacity → speed ratio, flow ratio
    [0, 1, 0],
    [0.5, 1 / 1.009375, 0.5],
    [1, 1 / 1.15, 1],
    [1.5, 1 / 3.15, 0.825],
    [3, 1 / 9.15, 0.6],
  ])('v/c %d', (x, speedRatio, flowRatio) => {
    const r = linkResponse(x);
    expect(r.speedRatio).toBeCloseTo(speedRatio, 9);
    expect(r.flowRatio).toBeCloseTo(flowRatio, 9);
  });

  it('counts nothing on a closed link', () => {
    expect(detectorState(500, { capacityVehH: 0, freeFlowKmh: 50, lanes: 2 })).toEqual({ flowVehH: 0, speedKmh: 0, occupancyPct: 0 });
  });
});

describe('event waves', () => {
  const rate = (hhmm: string) => eventCarRates(match, SAT(hhmm));
  it.each([
    ['12:00', 'quiet long before', (r: { arriving: number; leaving: number }) => r.arriving < 100 && r.leaving < 1],
    ['14:45', 'arrivals peak before kick-off', (r: { arriving: number; leaving: number }) => r.arriving > 2500 && r.leaving < 1],
    ['17:45', 'departures after the final whistle', (r: { arriving: number; leaving: number }) => r.leaving > 4000 && r.arriving < 100],
    ['20:00', 'over by the evening', (r: { arriving: number; leaving: number }) => r.arriving + r.leaving < 50],
  ])('%s: %s', (hhmm, _what, check) => {
    expect(check(rate(hhmm))).toBe(true);
  });

  it('brings as many cars as it takes away', () => {
    let arriving = 0;
    let leaving = 0;
    for (let t = SAT('09:00'); t < SAT('23:00'); t += 60_000) {
      const r = eventCarRates(match, t);
      arriving += r.arriving / 60;
      leaving += r.leaving / 60;
    }
    expect(arriving).toBeCloseTo(leaving, 0);
    expect(arriving).toBeGreaterThan(4000);
  });
});

describe('the traffic model on Bochum’s road graph', () => {
  const sunday4 = runModel(net, { hour: 4, dayType: 'sunday', nowMs: 0 });
  const weekday17 = runModel(net, { hour: 17, dayType: 'weekday', nowMs: 0 });

  it('settles: the assignment reaches its relative-gap target and loses no demand', () => {
    expect(weekday17.assignment.relativeGap).toBeLessThan(1e-4);
    expect(weekday17.assignment.unassignedVehH).toBe(0);
  });

  it('the weekday evening peak is worse than Sunday 4 a.m.', () => {
    expect(meanSpeedRatio(sunday4)).toBeGreaterThan(0.95);
    expect(meanSpeedRatio(weekday17)).toBeLessThan(meanSpeedRatio(sunday4) - 0.15);
    expect(weekday17.links.filter((l) => l.los === 'E' || l.los === 'F').length).toBeGreaterThan(0);
    expect(sunday4.links.filter((l) => l.los === 'E' || l.los === 'F')).toHaveLength(0);
  });

  it('a home match raises volumes near the stadium before kick-off', () => {
    const input = { hour: 14.75, dayType: 'saturday' as const, nowMs: SAT('14:45') };
    const without = runModel(net, input);
    const withMatch = runModel(net, { ...input, events: [match] });
    // the streets into the stadium's surroundings (not the motorway passing by)
    const near = net.links.flatMap((l, i) =>
      l.roadClass !== 'motorway' && distanceM(net.nodes[l.to].at, VENUES.ruhrstadion.at) < 1600 ? [i] : [],
    );
    const volume = (s: ModelState) => near.reduce((sum, i) => sum + s.links[i].volumeVehH, 0);
    expect(near.length).toBeGreaterThan(2);
    // most of the arriving cars pass these streets on their last kilometre
    expect(volume(withMatch) - volume(without)).toBeGreaterThan(0.6 * eventCarRates(match, input.nowMs).arriving);
    // and the ones nowhere near it hardly change
    const far = net.links.findIndex((l) => l.street === 'Hattinger Straße');
    expect(withMatch.links[far].volumeVehH / without.links[far].volumeVehH).toBeLessThan(1.2);
  });

  it('closing the Nordring clockwise sends its traffic round the other three sides of the ring', () => {
    const input = { hour: 17, dayType: 'weekday' as const, nowMs: 0 };
    const closedIds = net.links.filter((l) => l.street === 'Nordring' && l.id.endsWith('-cw')).map((l) => l.id);
    const closed = runModel(net, { ...input, cuts: closedIds.map((linkId) => ({ linkId, capacityFactor: 0 })) });
    const idx = (street: string) => net.links.flatMap((l, i) => (l.street === street && l.id.endsWith('-ccw') ? [i] : []));
    for (const i of closedIds.map((id) => net.linkIndex.get(id)!)) {
      expect(weekday17.links[i].volumeVehH).toBeGreaterThan(50);
      expect(closed.links[i].volumeVehH).toBe(0);
    }
    for (const street of ['Westring', 'Südring', 'Ostring']) {
      const load = (s: ModelState) => idx(street).reduce((sum, i) => sum + s.links[i].volumeVehH, 0);
      const time = (s: ModelState) => idx(street).reduce((sum, i) => sum + s.assignment.timeH[i], 0);
      expect(load(closed), street).toBeGreaterThan(load(weekday17));
      expect(time(closed), street).toBeGreaterThan(time(weekday17));
    }
  });
});
