import { describe, expect, it } from 'vitest';
import type { LosClass } from '../derived.js';
import { chargingFaults } from './charging-alerts.js';
import { nextParkingAlertLevel, type ParkingAlertLevel } from './parking-alerts.js';
import { isFeedDown, isSilent } from './sensor-health-alerts.js';
import { NOT_CONGESTED, nextCongestion, type CongestionState } from './traffic-alerts.js';

const MIN = 60_000;

describe('congestion alert (LOS F for 10 min)', () => {
  it.each<[string, Array<[number, LosClass | null]>, boolean[]]>([
    // minute, LOS → raised after each step
    ['F for 9 min is not enough', [[0, 'F'], [5, 'F'], [9, 'F']], [false, false, false]],
    ['F for 10 min raises', [[0, 'F'], [5, 'F'], [10, 'F']], [false, false, true]],
    ['a break at E restarts the count', [[0, 'F'], [6, 'E'], [7, 'F'], [16, 'F'], [17, 'F']], [false, false, false, false, true]],
    ['held at E, cleared at D', [[0, 'F'], [10, 'F'], [11, 'E'], [12, 'F'], [13, 'D']], [false, true, true, true, false]],
    ['a missing reading keeps the state', [[0, 'F'], [10, 'F'], [11, null]], [false, true, true]],
    ['after clearing it needs another 10 min', [[0, 'F'], [10, 'F'], [11, 'C'], [12, 'F'], [21, 'F'], [22, 'F']], [false, true, false, false, false, true]],
  ])('%s', (_name, steps, raised) => {
    let s: CongestionState = NOT_CONGESTED;
    const out: boolean[] = [];
    for (const [minute, los] of steps) {
      s = nextCongestion(s, los, minute * MIN);
      out.push(s.raised);
    }
    expect(out).toEqual(raised);
  });

  it('takes the duration from configuration', () => {
    const s = nextCongestion(nextCongestion(NOT_CONGESTED, 'F', 0, { minMinutes: 20 }), 'F', 15 * MIN, { minMinutes: 20 });
    expect(s.raised).toBe(false);
  });
});

describe('car-park alert level with hysteresis', () => {
  it.each<[ParkingAlertLevel | null, number | null, ParkingAlertLevel | null]>([
    [null, 94.9, null],
    [null, 95, 'nearly_full'],
    [null, 100, 'full'],
    ['nearly_full', 93, 'nearly_full'], // within 3 points
    ['nearly_full', 92, null],
    ['full', 98, 'full'],
    ['full', 97, 'nearly_full'],
    ['full', 90, null],
    ['full', null, 'full'],
  ])('%s at %s %% → %s', (current, pct, next) => {
    expect(nextParkingAlertLevel(current, pct)).toBe(next);
  });
});

describe('charging faults', () => {
  const p = (id: string, status: 'available' | 'out_of_order' | 'charging') => ({ id, status });
  it.each([
    [[p('a', 'available'), p('b', 'charging')], { siteDown: false, faultedPoints: [] }],
    [[p('a', 'out_of_order'), p('b', 'charging')], { siteDown: false, faultedPoints: ['a'] }],
    [[p('a', 'out_of_order'), p('b', 'out_of_order')], { siteDown: true, faultedPoints: [] }],
    [[p('a', 'out_of_order')], { siteDown: true, faultedPoints: [] }],
  ])('%j → %j', (points, expected) => {
    expect(chargingFaults(points)).toEqual(expected);
  });
});

describe('sensor health', () => {
  it.each<[string, number | null, number, boolean]>([
    ['traffic', 0, 5 * MIN, false], // at the limit: still fresh
    ['traffic', 0, 5 * MIN + 1, true],
    ['climate', 0, 19 * MIN, false],
    ['climate', 0, 21 * MIN, true],
    ['charging', null, 999 * MIN, false], // never reported: not silent
  ])('%s last at %s, now %s → silent %s (at the freshness limit)', (kind, last, now, silent) => {
    expect(isSilent(kind as 'traffic', last, now, { silentFactor: 1, feedDownSeconds: 60 })).toBe(silent);
  });

  it('by default waits six freshness limits, past the detectors\' 5–30 min dropouts', () => {
    expect(isSilent('traffic', 0, 30 * MIN)).toBe(false);
    expect(isSilent('traffic', 0, 30 * MIN + 1)).toBe(true);
  });

  it('counts a feed link down only after the grace period', () => {
    expect(isFeedDown({ state: 'down', since: 0 }, 59_000)).toBe(false);
    expect(isFeedDown({ state: 'down', since: 0 }, 60_000)).toBe(true);
    expect(isFeedDown({ state: 'connecting', since: 0 }, 600_000)).toBe(false);
    expect(isFeedDown(undefined, 600_000)).toBe(false);
  });
});
