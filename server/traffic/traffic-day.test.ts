import { describe, expect, it } from 'vitest';
import { zonesOf } from '../../common/models/traffic-demand.js';
import { VENUES } from '../../common/models/traffic-events.js';
import { loadScenario } from '../simulator/scenario.js';
import { loadRoadNetwork } from './road-network.js';
import { hourlyInstants, trafficAt, type TrafficInstant } from './traffic-day.js';

/**
 * Calibration targets of issue 12 over a simulated day, as a traffic engineer would check them.
 * LOS after HCM 2010 (common/models/traffic.ts); the congested share is lane-km at LOS E/F.
 */
const net = loadRoadNetwork();
const zones = zonesOf(net);
const weekday = loadScenario('normaler-werktag');
const match = loadScenario('vfl-heimspiel');
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00${iso.slice(-6)}`);
const weekdayStart = dayOf(weekday.start);
const at = (h: number) => trafficAt(net, weekdayStart + h * 3_600_000, { dayType: 'weekday' }, zones);
const day = new Map<number, TrafficInstant>(hourlyInstants(weekdayStart, Array.from({ length: 24 }, (_, h) => h)).map((t, h) => [h, trafficAt(net, t, { dayType: 'weekday' }, zones)]));

describe('a simulated weekday (Normaler Werktag)', () => {
  it.each([0, 1, 2, 3, 4, 5, 22, 23])('%i:00 is quiet: no link above v/c 0.6, nothing congested', (h) => {
    const s = day.get(h)!;
    expect(s.maxVolumeCapacity).toBeLessThanOrEqual(0.6);
    expect(s.congestedLaneKm).toBe(0);
  });

  it('at 06:34 the city wakes up but nothing jams (no LOS E/F, worst travel-time index below 1.5)', () => {
    const s = at(6 + 34 / 60);
    expect(s.congestedLaneKm).toBe(0);
    expect(s.worstLink.travelTimeIndex).toBeLessThan(1.5);
  });

  it('the evening peak congests some, but at most 15 % of lane-km (the issue’s target for a city of 365,000)', () => {
    for (const h of [16.5, 17]) {
      const s = at(h);
      expect(s.congestedShare, `${h}`).toBeGreaterThan(0.02);
      expect(s.congestedShare, `${h}`).toBeLessThanOrEqual(0.15);
      // slower, not stopped: the lane-km mean travel-time index of a busy but moving network
      expect(s.meanTravelTimeIndex).toBeGreaterThan(1.2);
      expect(s.meanTravelTimeIndex).toBeLessThan(1.6);
    }
  });

  it('the worst links are inbound in the morning peak and outbound in the evening peak', () => {
    const morning = at(7.5);
    const evening = at(17);
    expect(morning.worstLink.id).toMatch(/-(in|east)$/);
    expect(evening.worstLink.id).not.toBe(morning.worstLink.id);
    // the evening's worst link is the morning's opposite direction: the commuters going home
    const opposite = (id: string) => id.replace(/-(in|out|east|west)$/, (_, d: string) => `-${{ in: 'out', out: 'in', east: 'west', west: 'east' }[d]}`);
    expect(evening.worstLink.id).toBe(opposite(morning.worstLink.id));
  });

  it('no street is the worst at every hour, and Hattinger Straße leads at no hour', () => {
    const hours = [...day.values()];
    expect(new Set(hours.map((s) => s.worstLink.street)).size).toBeGreaterThan(1);
    expect(hours.filter((s) => s.worstLink.street === 'Hattinger Straße')).toEqual([]);
    // the peaks are led by the motorways and the evening's outbound A40 is among the five worst
    expect(day.get(17)!.worstFive).toContain('a40-4-west');
    expect(day.get(8)!.worstFive).toContain('a40-4-east');
  });

  it('keeps the assignment converged at every hour', () => {
    for (const s of day.values()) expect(s.relativeGap).toBeLessThan(1e-4);
  });
});

describe('a VfL home match day', () => {
  const matchStart = dayOf(match.start);
  const focus = { at: VENUES.ruhrstadion.at, radiusM: 1600 };
  const atMatch = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return trafficAt(net, matchStart + (h + m / 60) * 3_600_000, { dayType: match.dayType, events: match.events, focus }, zones);
  };
  const withoutMatch = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return trafficAt(net, matchStart + (h + m / 60) * 3_600_000, { dayType: match.dayType, focus }, zones);
  };

  it.each([
    ['12:00', 'before the arrival wave: no jam near the stadium', (s: TrafficInstant) => s.focus!.congestedLaneKm === 0],
    ['14:30', 'arrival wave: Castroper Straße inbound jams, the worst link in the city', (s: TrafficInstant) => s.worstLink.street === 'Castroper Straße' && s.focus!.congestedLaneKm >= 2],
    ['16:30', 'during the match: quiet again', (s: TrafficInstant) => s.focus!.congestedLaneKm === 0],
    ['17:45', 'departure wave: Castroper Straße outbound and the A40 on-ramp jam', (s: TrafficInstant) => s.worstLink.street === 'Castroper Straße' && s.focus!.congestedLaneKm >= 2],
    ['19:30', 'over by the evening', (s: TrafficInstant) => s.focus!.congestedLaneKm === 0],
  ])('%s: %s', (hhmm, _what, check) => {
    const s = atMatch(hhmm);
    expect(check(s), JSON.stringify({ worst: s.worstLink, focus: s.focus })).toBe(true);
  });

  it('the departure wave loads the AS Bochum-Stadion on-ramp beyond its capacity', () => {
    const s = atMatch('17:45');
    expect(s.worstFive).toContain('ramp-as-stadion-castroper-strasse-on');
    expect(s.focus!.volumeVehH).toBeGreaterThan(withoutMatch('17:45').focus!.volumeVehH + 4000);
  });
});
