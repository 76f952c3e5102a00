import { describe, expect, it } from 'vitest';
import type { Delta, NightFigure, Snapshot } from '../../../common/protocol.js';
import { LiveStore } from './live-store.js';
import { DisplayedCity } from '../time/displayed-city.js';
import { nightCountOf } from '../time/city-view.js';

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

describe('the night count', () => {
  it("is the server's, through a snapshot and the deltas that change it", () => {
    const store = new LiveStore();
    // the columnar form: the registry's own stations' figures, every station counted
    store.applySnapshot({ ...snapshot([night('a', 21), night('b', 18)]), nightCount: { stations: 15_002, tropical: 4_100 } });
    const shown = new DisplayedCity(store, () => new Promise(() => {}));
    expect(nightCountOf(shown.view())).toEqual({ stations: 15_002, tropical: 4_100 });
    expect(store.applyDelta({ ...delta(1, [night('b', 22)]), nightCount: { stations: 15_002, tropical: 4_250 } })).toBe(true);
    expect(nightCountOf(shown.view())).toEqual({ stations: 15_002, tropical: 4_250 });
    // a delta without a count keeps the last one; its figures are written
    expect(store.applyDelta(delta(2, [night('a', 17)]))).toBe(true);
    expect(nightCountOf(shown.view())).toEqual({ stations: 15_002, tropical: 4_250 });
    expect(store.nights.get('a')?.tropical).toBe(false);
  });

  it('is counted from the figures where the server sent none (an older server, a past view)', () => {
    const store = new LiveStore();
    store.applySnapshot({ ...snapshot([night('x', 25)]), nightCount: { stations: 9, tropical: 9 } });
    store.applySnapshot(snapshot(Array.from({ length: 50 }, (_, i) => night(`s${i}`, 10 + i))));
    expect(store.nightCount).toBeNull();
    expect(nightCountOf(store)).toEqual({ stations: 50, tropical: 40 });
    expect(nightCountOf({ nights: new Map() })).toEqual({ stations: 0, tropical: 0 });
  });
});
