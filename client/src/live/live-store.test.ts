import { describe, expect, it, vi } from 'vitest';
import type { Delta, NightFigure, Snapshot } from '../../../common/protocol.js';
import { LiveStore } from './live-store.js';
import { DisplayedCity } from '../time/displayed-city.js';
import { tropicalNightsOf } from '../time/city-view.js';

const night = (sensorId: string, minC: number): NightFigure =>
  ({ sensorId, night: '2024-08-12', minTempC: minC, tropical: minC >= 20, complete: false });

const snapshot = (nights: NightFigure[]): Snapshot => ({
  seq: 0,
  instance: 'i1',
  serverTime: 0,
  cityTime: 0,
  scenario: null,
  tickMs: 1000,
  entries: [],
  districts: [],
  alerts: [],
  nights,
  closures: [],
});

const delta = (seq: number, nights: NightFigure[]): Delta => ({ seq, instance: 'i1', serverTime: seq, cityTime: seq, entries: [], nights });

describe('LiveStore.tropicalNights', () => {
  it('follows the night figures through a snapshot and deltas that write them in place', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot([night('a', 21), night('b', 18), night('c', 20)]));
    expect(store.tropicalNights).toBe(2);
    // b turns tropical, a is no longer (a new night), d is new and tropical
    expect(store.applyDelta(delta(1, [night('b', 22), night('a', 17), night('d', 25)]))).toBe(true);
    expect(store.tropicalNights).toBe(3);
    expect(store.tropicalNights).toBe([...store.nights.values()].filter((n) => n.tropical).length);
    // the same figure again changes nothing
    store.applyDelta(delta(2, [night('d', 25)]));
    expect(store.tropicalNights).toBe(3);
    store.applySnapshot(snapshot([night('x', 15)]));
    expect(store.tropicalNights).toBe(0);
  });

  it('is what the live view reports, without walking the figures (the district panel asks on every notification)', () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(Array.from({ length: 50 }, (_, i) => night(`s${i}`, 10 + i))));
    const shown = new DisplayedCity(store, () => new Promise(() => {}));
    const walk = vi.spyOn(store.nights, 'values');
    expect(tropicalNightsOf(shown.view())).toBe(40);
    expect(walk).not.toHaveBeenCalled();
    // a view without its own count (a past state's) is counted
    expect(tropicalNightsOf({ nights: store.nights })).toBe(40);
  });
});
