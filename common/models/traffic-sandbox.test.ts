import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roadNetworkSchema } from '../roads.js';
import { zonesOf } from './traffic-demand.js';
import { compileNetwork } from './traffic-network.js';
import { compareClosures, UnknownLinkError, type LinkComparison, type PlannedClosure, type SandboxComparison } from './traffic-sandbox.js';

const roads = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/roads.geojson');
const net = compileNetwork(roadNetworkSchema.parse(JSON.parse(fs.readFileSync(roads, 'utf8'))));
const zones = zonesOf(net);

// Freeze the graph the sandbox reads: any write to it would throw (ES modules run in strict mode).
for (const l of net.links) Object.freeze(l);
for (const n of net.nodes) Object.freeze(n);
Object.freeze(net.links);
Object.freeze(net.nodes);
for (const o of net.out) Object.freeze(o);
Object.freeze(net);

const DAY = Date.parse('2026-06-16T00:00:00+02:00');
const WORKS = { from: DAY, until: DAY + 14 * 86_400_000 };
const closure = (linkId: string, extra: Partial<PlannedClosure> = {}): PlannedClosure => ({ linkId, ...WORKS, ...extra });
const run = (hour: number, planned: PlannedClosure[], at = DAY + 86_400_000) => compareClosures(net, { at, hour, dayType: 'weekday', planned }, zones);
const link = (r: SandboxComparison, id: string): LinkComparison => {
  const found = r.links.find((l) => l.linkId === id);
  if (!found) throw new Error(`${id} is not among the affected links`);
  return found;
};

describe('the traffic sandbox changes nothing without a closure in force', () => {
  it.each([
    ['no closure planned, morning peak', 7.5, [] as PlannedClosure[], DAY + 86_400_000],
    ['no closure planned, night', 3, [], DAY + 86_400_000],
    ['roadworks that end before the instant', 17, [closure('castroper-strasse-2-in')], DAY + 20 * 86_400_000],
    ['roadworks that begin after the instant', 17, [closure('a40-8-east')], DAY - 86_400_000],
  ])('%s', (_name, hour, planned, at) => {
    const r = run(hour, planned, at);
    expect(r.inForce).toEqual([]);
    expect(r.links).toEqual([]);
    expect(r.after).toEqual(r.before);
    expect(r.before.unassignedVehH).toBe(0);
  });
});

/**
 * Closing a link moves its volume onto the parallel routes the graph offers, and they slow down.
 * Each row: the links closed, a parallel link that must take traffic, and the least extra volume it
 * must take (a share of what the closed link carried before, the rest spreads over other routes).
 */
describe('closing links moves their volume onto parallel links and raises their travel time', () => {
  it.each([
    // A40 Zentrum → Stadion eastbound at the morning peak: Herner Straße and Castroper Straße outbound take it
    { name: 'A40 eastbound between AS Zentrum and AS Stadion', hour: 7.5, closed: ['a40-8-east'], parallel: 'herner-strasse-4-out', minShare: 0.2 },
    { name: 'the same at the evening peak', hour: 17, closed: ['a40-8-east'], parallel: 'castroper-strasse-1-out', minShare: 0.1 },
    // Castroper Straße, both directions of its inner section: Herner Straße takes the trips into the centre (half the inbound's)
    { name: 'Castroper Straße (section 2) both ways', hour: 7.5, closed: ['castroper-strasse-2-in', 'castroper-strasse-2-out'], parallel: 'herner-strasse-2-in', minShare: 0.2 },
  ])('$name', ({ hour, closed, parallel, minShare }) => {
    const r = run(hour, closed.map((id) => closure(id)));
    expect(r.inForce.sort()).toEqual([...closed].sort());
    let carried = 0;
    for (const id of closed) {
      const c = link(r, id);
      carried += c.volumeBeforeVehH;
      expect(c).toMatchObject({ planned: true, closedAfter: true, volumeAfterVehH: 0, losAfter: null, travelTimeAfterS: null });
      expect(c.losBefore).not.toBeNull();
    }
    const p = link(r, parallel);
    expect(p.planned).toBe(false);
    expect(p.volumeAfterVehH - p.volumeBeforeVehH).toBeGreaterThan(minShare * carried);
    expect(p.travelTimeAfterS!).toBeGreaterThan(p.travelTimeBeforeS!);
    // the planned links come first in the list
    expect(r.links.slice(0, closed.length).every((l) => l.planned)).toBe(true);
    // detours cost time: more vehicle-hours, the closed lane-km counted apart, every trip still served
    expect(r.after.vehicleHours).toBeGreaterThan(r.before.vehicleHours);
    expect(r.after.closedLaneKm).toBeCloseTo(closed.reduce((s, id) => s + net.links[net.linkIndex.get(id)!].lanes * net.links[net.linkIndex.get(id)!].lengthKm, 0), 9);
    expect(r.after.unassignedVehH).toBe(0);
  });

  it('narrows instead of closing with a capacity factor: the link stays open, carries less and is slower', () => {
    const r = run(7.5, [closure('a40-8-east', { capacityFactor: 1 / 3 })]);
    const c = link(r, 'a40-8-east');
    expect(c.closedAfter).toBe(false);
    expect(c.volumeAfterVehH).toBeGreaterThan(0);
    expect(c.volumeAfterVehH).toBeLessThan(c.volumeBeforeVehH);
    expect(c.travelTimeAfterS!).toBeGreaterThan(c.travelTimeBeforeS!);
    expect(r.after.closedLaneKm).toBe(0);
  });

  it('counts demand that loses its only route (the A40 west of Wattenscheid has no parallel in the graph)', () => {
    const r = run(7.5, [closure('a40-3-east')]);
    expect(r.before.unassignedVehH).toBe(0);
    expect(r.after.unassignedVehH).toBeCloseTo(link(r, 'a40-3-east').volumeBeforeVehH, -1);
  });

  it('keeps a link closed before the plan closed in both states, and only adds what the plan adds', () => {
    const baseCuts = [{ linkId: 'castroper-strasse-2-in', capacityFactor: 0 }];
    const r = compareClosures(net, { at: DAY + 86_400_000, hour: 7.5, dayType: 'weekday', baseCuts, planned: [closure('castroper-strasse-2-out')] }, zones);
    expect(r.before.closedLaneKm).toBeGreaterThan(0);
    expect(r.links.find((l) => l.linkId === 'castroper-strasse-2-in')).toBeUndefined();
    expect(link(r, 'castroper-strasse-2-out')).toMatchObject({ planned: true, closedAfter: true });
  });
});

describe('bad input', () => {
  it('refuses an unknown link id, naming it, before running the model', () => {
    const call = () => run(7.5, [closure('castroper-strasse-2-in'), closure('a40-99-east'), closure('no-such-link')]);
    expect(call).toThrow(UnknownLinkError);
    expect(call).toThrow('unknown road links "a40-99-east", "no-such-link" (ids as in data/roads.geojson)');
  });
});
