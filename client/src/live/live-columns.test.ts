import { describe, expect, it } from 'vitest';
import type { Delta, LiveEntry, Snapshot } from '../../../common/protocol.js';
import type { SensorKind } from '../../../common/readings.js';
import { columnsToEntries, decodeColumns, encodeColumns } from '../../../common/wire/columns.js';
import { LiveColumns } from './live-columns.js';
import { LiveStore } from './live-store.js';

// A registry of two real sensors and three generated ones, as GET /api/sensors lists them.
const REGISTRY: Array<{ id: string; kind: SensorKind; generated?: true }> = [
  { id: 'cp-1', kind: 'parking' },
  { id: 'st-1', kind: 'climate' },
  { id: 'gen-p-1', kind: 'parking', generated: true },
  { id: 'gen-p-2', kind: 'parking', generated: true },
  { id: 'gen-c-1', kind: 'climate', generated: true },
];
const ids = REGISTRY.map((s) => s.id);
const indexOf = (id: string) => ids.indexOf(id);
const kindOf = (i: number) => REGISTRY[i]?.kind;
const columnsOnly = (i: number) => REGISTRY[i]?.generated === true;

const parking = (sensorId: string, ts: number, free: number, capacity = 1): LiveEntry =>
  ({
    reading: { sensorId, kind: 'parking', ts, values: { freeSpaces: free, open: true } },
    derived: { kind: 'parking', capacity, occupancyPct: ((capacity - free) / capacity) * 100 },
    receivedAt: ts + 5,
  }) as LiveEntry;
const climate = (sensorId: string, ts: number, utciC: number): LiveEntry =>
  ({
    reading: { sensorId, kind: 'climate', ts, values: { airTempC: 20, relHumidityPct: 50, windKmh: 5, solarWm2: 300 } },
    derived: { kind: 'climate', utciC, utciCategory: 'no-thermal-stress', tmrtC: 25, heatIndexC: 20 },
    receivedAt: ts + 5,
  }) as LiveEntry;

/** A message as connection.ts hands it to the store: columns for every sensor, entries for the real ones. */
function asColumns(entries: LiveEntry[], columns: LiveColumns) {
  const decoded = decodeColumns(encodeColumns(entries, indexOf));
  return { decoded, entries: decoded.flatMap((c) => columnsToEntries(c, ids, columns.keepsEntry)) };
}

function freshStore() {
  const store = new LiveStore();
  store.columns = new LiveColumns(ids, kindOf, columnsOnly);
  return store;
}

const snapshotOf = (entries: LiveEntry[], seq = 1) =>
  ({ seq, instance: 'i', cityTime: 0, tickMs: 1000, scenario: null, entries, districts: [], alerts: [], closures: [], nights: [] }) as unknown as Snapshot;
const deltaOf = (entries: LiveEntry[], seq: number) => ({ seq, instance: 'i', cityTime: 0, entries }) as unknown as Delta;

describe('LiveColumns', () => {
  it('gives each kind columns of its own sensors, in registry order, and knows which sensors are kept as entries', () => {
    const c = new LiveColumns(ids, kindOf, columnsOnly);
    expect([...c.kinds.parking.positions]).toEqual([0, 2, 3]);
    expect([...c.kinds.climate.positions]).toEqual([1, 4]);
    expect(c.kinds.parking.num['derived.occupancyPct']).toHaveLength(3);
    expect([...c.slotOf]).toEqual([0, 0, 1, 2, 1]);
    expect(c.kinds.traffic.ts).toHaveLength(0); // no traffic sensor in this registry
    expect([0, 1, 2, 3, 4, 5].map(c.keepsEntry)).toEqual([true, true, false, false, false, false]);
  });

  it('writes a message in place, by registry index, and leaves the rest as it was', () => {
    const c = new LiveColumns(ids, kindOf, columnsOnly);
    const occupancy = c.kinds.parking.num['derived.occupancyPct'];
    c.applyAll(decodeColumns(encodeColumns([parking('gen-p-2', 1000, 0), parking('cp-1', 1000, 1, 4)], indexOf)));
    expect([...occupancy]).toEqual([75, NaN, 100]);
    const applied = c.applyAll(decodeColumns(encodeColumns([parking('gen-p-1', 2000, 1), climate('gen-c-1', 2000, 31.5)], indexOf)));
    expect(applied).toEqual({ written: { parking: 1, climate: 1 }, ignored: 0 });
    expect(c.kinds.parking.num['derived.occupancyPct']).toBe(occupancy); // the same array, updated
    expect([...occupancy]).toEqual([75, 0, 100]);
    expect(c.value('climate', 'derived.utciC', 4)).toBe(31.5);
    expect([...c.kinds.climate.num['derived.utciC']]).toEqual([NaN, 31.5]);
    expect([...c.kinds.parking.ts]).toEqual([1000, 2000, 1000]);
    // a registry position of another kind has no value of this one
    expect(c.value('parking', 'derived.occupancyPct', 4)).toBeNaN();
  });

  it('ignores and counts rows whose index is beyond the registry or names a sensor of another kind', () => {
    const c = new LiveColumns(ids, kindOf, columnsOnly);
    // encoded against a longer registry: index 7 is not in this one; 1 is a climate station, not a car park
    const wider = [...ids, 'x-5', 'x-6', 'gen-p-9'];
    const msg = decodeColumns(encodeColumns([parking('gen-p-9', 1000, 0), parking('st-1', 1000, 0), parking('gen-p-1', 1000, 1)], (id) => wider.indexOf(id)));
    expect(c.applyAll(msg)).toEqual({ written: { parking: 1 }, ignored: 2 });
    expect(c.ignoredRows).toBe(2);
    expect([...c.kinds.parking.num['derived.occupancyPct']]).toEqual([NaN, 0, NaN]);
    expect(c.value('climate', 'derived.utciC', 1)).toBeNaN();
    // and no entry is built for the unknown sensor
    expect(msg.flatMap((k) => columnsToEntries(k, ids, c.keepsEntry)).map((e) => e.reading.sensorId)).toEqual(['st-1']);
  });

  it('clears everything for a snapshot', () => {
    const c = new LiveColumns(ids, kindOf, columnsOnly);
    c.applyAll(decodeColumns(encodeColumns([parking('gen-p-1', 1000, 1)], indexOf)));
    c.clear();
    expect([...c.kinds.parking.num['derived.occupancyPct']].every(Number.isNaN)).toBe(true);
    expect([...c.kinds.parking.ts].every(Number.isNaN)).toBe(true);
  });
});

describe('LiveStore with columns', () => {
  it('applies a snapshot: generated sensors in the columns only, real ones as entries too', () => {
    const store = freshStore();
    const { decoded, entries } = asColumns([parking('cp-1', 1000, 2, 4), parking('gen-p-1', 1000, 0), climate('gen-c-1', 1000, 20)], store.columns!);
    store.applySnapshot(snapshotOf(entries), 0, decoded);
    expect([...store.entries.keys()]).toEqual(['cp-1']);
    expect(store.columns!.value('parking', 'derived.occupancyPct', 2)).toBe(100);
    expect(store.columns!.value('climate', 'derived.utciC', 4)).toBe(20);
  });

  it('applies a delta in place: generated sensors move the columns\' version of their kind, real ones the kind\'s version', () => {
    const store = freshStore();
    const first = asColumns([parking('cp-1', 1000, 2, 4), parking('gen-p-1', 1000, 0)], store.columns!);
    store.applySnapshot(snapshotOf(first.entries), 0, first.decoded);
    const before = { ...store.versions };
    const onlyHereBefore = { ...store.columns!.onlyHereVersions };
    // a delta of generated sensors alone: no entries, yet the generated parking layers must redraw
    const d = asColumns([parking('gen-p-1', 2000, 1), parking('gen-p-2', 2000, 0)], store.columns!);
    expect(d.entries).toEqual([]);
    expect(store.applyDelta(deltaOf(d.entries, 2), 0, d.decoded)).toBe(true);
    expect(store.columns!.onlyHereVersions.parking).toBe(onlyHereBefore.parking + 1);
    expect(store.columns!.onlyHereVersions.climate).toBe(onlyHereBefore.climate);
    // the real car parks' layers and labels stay as they are
    expect(store.versions).toEqual(before);
    expect([...store.columns!.kinds.parking.num['derived.occupancyPct']]).toEqual([50, 0, 100]);
    expect([...store.entries.keys()]).toEqual(['cp-1']);
    // a real sensor's delta updates its entry and moves the kind's version, not the generated sensors'
    const e = asColumns([parking('cp-1', 3000, 0, 4)], store.columns!);
    expect(store.applyDelta(deltaOf(e.entries, 3), 0, e.decoded)).toBe(true);
    expect(store.entries.get('cp-1')?.reading.ts).toBe(3000);
    expect(store.columns!.value('parking', 'derived.occupancyPct', 0)).toBe(100);
    expect(store.versions.parking).toBe(before.parking + 1);
    expect(store.columns!.onlyHereVersions.parking).toBe(onlyHereBefore.parking + 1);
  });

  it('refuses a delta that does not follow, and writes nothing of it', () => {
    const store = freshStore();
    const first = asColumns([parking('gen-p-1', 1000, 0)], store.columns!);
    store.applySnapshot(snapshotOf(first.entries, 5), 0, first.decoded);
    const d = asColumns([parking('gen-p-1', 2000, 1)], store.columns!);
    expect(store.applyDelta(deltaOf(d.entries, 7), 0, d.decoded)).toBe(false);
    expect(store.columns!.value('parking', 'derived.occupancyPct', 2)).toBe(100);
  });
});
