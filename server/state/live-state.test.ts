import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import { columnsToEntries, decodeColumns, encodeBlocks, encodeColumns } from '../../common/wire/columns.js';
import { Ingest } from '../ingest/ingest.js';
import { createLogger } from '../logger.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
import { ScaleDriver } from '../simulator/scale-driver.js';
import { loadScenario } from '../simulator/scenario.js';
import { seededRandom } from '../../common/seeded-random.js';
import { entryFor } from '../store/test-entries.js';
import { LiveState } from './live-state.js';
import { JSON_ROWS_PER_STEP } from './json-bytes.js';

/**
 * The columnar live state against the entry-object one (no registry) on the same seeded SCALE city:
 * every read gives equal entries, and the snapshot encoded from the columns decodes to the entries
 * the old path encodes.
 */
const byId = (list: readonly LiveEntry[]) => [...list].sort((a, b) => a.reading.sensorId.localeCompare(b.reading.sensorId));

function city(n = 3_000) {
  const generated = generateScaleCity(n, 7, loadScaleGeometry());
  const sensors = withGeneratedSensors(loadSensorIndex(), generated);
  const scenario = loadScenario('normaler-werktag');
  const start = Date.parse(scenario.start);
  let now = start;
  const columns = new LiveState(sensors);
  const objects = new LiveState();
  const ingests = [columns, objects].map((state) => new Ingest(sensors, state, () => now, createLogger('silent'), { serverClock: { now: () => 1_000, wallClockSkewMs: () => 0 } }));
  // One driver per state would draw the same numbers; one driver, every reading into both.
  const driver = new ScaleDriver(scenario, generated, start, 1, 1);
  const step = (at: number) => {
    now = at;
    const readings = driver.step(at);
    for (const r of readings) {
      const a = ingests[0].submit(r, 'scale');
      const b = ingests[1].submit(r, 'scale');
      expect(a).toEqual(b);
    }
    return readings.length;
  };
  const ids = sensors.registry.features.map((f) => f.id);
  return { sensors, columns, objects, step, start, ids };
}

describe('LiveState with columns for generated sensors', () => {
  it('reads back every entry as the entry-object state holds it, after first reports and updates', () => {
    const c = city();
    expect(c.step(c.start)).toBeGreaterThan(2_900);
    expect(c.columns.size).toBe(c.objects.size);
    expect(byId(c.columns.all())).toEqual(byId(c.objects.all()));
    expect(byId(c.columns.drainChanged())).toEqual(byId(c.objects.drainChanged()));
    c.step(c.start + 999);
    expect(byId(c.columns.drainChanged())).toEqual(byId(c.objects.drainChanged()));
    expect(c.columns.drainChanged()).toEqual([]);
    for (const kind of ['parking', 'climate', 'traffic'] as const) expect(byId(c.columns.ofKind(kind))).toEqual(byId(c.objects.ofKind(kind)));
    for (const id of ['gen-p-000001', 'gen-c-000002', 'gen-t-000003']) expect(c.columns.get(id)?.reading.sensorId).toBe(id);
    for (const id of ['gen-p-000001', 'gen-c-000002', 'gen-t-000003', c.ids[0]]) {
      expect(c.columns.get(id)).toEqual(c.objects.get(id));
      expect(c.columns.tsOf(id)).toBe(c.objects.get(id)?.reading.ts);
    }
    expect(c.columns.get('no-such-sensor')).toBeUndefined();
  });

  it('lends views equal to the entries values() builds, one object per kind for the generated sensors', () => {
    const c = city();
    c.step(c.start);
    c.step(c.start + 60_000);
    // JSON drops the undefined a view holds for a missing optional field, as toEntry leaves the field out
    const seen: LiveEntry[] = [];
    for (const e of c.columns.views()) seen.push(JSON.parse(JSON.stringify(e)) as LiveEntry);
    expect(seen).toEqual([...c.columns.values()]);
    expect(seen.length).toBe(c.columns.size);
    const lent = new Set<LiveEntry>();
    for (const e of c.columns.views((kind) => kind === 'parking')) if (e.reading.sensorId.startsWith('gen-p-')) lent.add(e);
    expect(lent.size).toBe(1);
    // a reader that keeps nothing but the kind judges
    expect([...c.columns.views((kind) => kind !== 'parking')].filter((e) => e.reading.sensorId.startsWith('gen-p-'))).toEqual([]);
  });

  it('keeps the generated sensors out of entry objects: a fraction of the heap per sensor', () => {
    const c = city();
    c.step(c.start);
    // parking 7, traffic 8, climate 10 columns of 8 bytes at most, plus flags and codes
    expect(c.columns.columnBytes / 3_000).toBeLessThan(100);
  });

  it('encodes a snapshot from the columns that decodes to the entries the old path encodes', () => {
    const c = city();
    c.step(c.start);
    const indexOf = (id: string) => c.sensors.slotOf(id);
    const decode = (bytes: Uint8Array) => byId(decodeColumns(bytes).flatMap((cols) => columnsToEntries(cols, c.ids)));
    const old = decode(encodeColumns(c.objects.all(), indexOf));
    expect(decode(encodeBlocks(c.columns.blocks()))).toEqual(old);
    // a subscription: every other registry position
    const take = (slot: number) => slot % 2 === 0;
    const some = decode(encodeBlocks(c.columns.blocks(take)));
    expect(some).toEqual(old.filter((e) => take(indexOf(e.reading.sensorId)!)));
  });

  it('writes the JSON of every entry from the columns as JSON.stringify writes the entries read back', () => {
    const c = city();
    c.step(c.start);
    // real sensors as entry objects beside them, and generated ones with their missing and null fields
    const rnd = seededRandom(3);
    for (const f of loadSensorIndex().registry.features) c.columns.set(entryFor(f, c.start, rnd));
    const node = c.columns.get('gen-c-000002')!;
    if (node.reading.kind !== 'climate' || node.derived.kind !== 'climate') throw new Error('gen-c-000002 is a climate node');
    c.columns.set({ ...node, reading: { ...node.reading, values: { ...node.reading.values, pressureHpa: 1012.5, airTempC: -0 } }, derived: { ...node.derived, utciC: null, utciCategory: null, tmrtC: NaN } });
    const bay = c.columns.get('gen-p-000001')!;
    if (bay.reading.kind !== 'parking') throw new Error('gen-p-000001 is a bay');
    c.columns.set({ ...bay, reading: { ...bay.reading, values: { freeSpaces: 0, open: false } } });
    const json = c.columns.entriesJson();
    expect(json).toBe(JSON.stringify(c.columns.all()));
    expect(json).toContain('"utciC":null,"utciCategory":null');
    const take = (slot: number) => slot % 3 !== 0;
    expect(c.columns.entriesJson(take)).toBe(JSON.stringify(c.columns.all().filter((e) => take(c.sensors.slotOf(e.reading.sensorId)!))));
    expect(JSON.parse(json)).toHaveLength(c.columns.size);
  });

  it('writes what changed as JSON from the columns as JSON.stringify writes the entries, in steps', () => {
    const c = city(10_000);
    c.step(c.start);
    const { entries, generated } = c.columns.drain();
    expect(generated!.size).toBeGreaterThan(JSON_ROWS_PER_STEP);
    for (const take of [null, (slot: number) => slot % 3 !== 0]) {
      // the caller filters its own entries
      const own = take ? entries.filter((e) => take(c.sensors.slotOf(e.reading.sensorId)!)) : entries;
      const steps = generated!.jsonSteps(own, take);
      let yields = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) yields += 1;
      expect(yields).toBeGreaterThan(0);
      expect(step.value.utf8().toString()).toBe(JSON.stringify([...own, ...generated!.entries(take)]));
    }
  });

  it('writes the same JSON in steps, and an entry changed between two steps as it is when its step comes', () => {
    const c = city(10_000);
    c.step(c.start);
    const whole = c.columns.entriesJson();
    const steps = c.columns.entriesJsonSteps();
    let yields = 0;
    let done = steps.next();
    for (; !done.done; done = steps.next()) yields += 1;
    expect(done.value.toString()).toBe(whole);
    expect(done.value.utf8().toString('utf8')).toBe(whole);
    // 10,000 rows: a yield every JSON_ROWS_PER_STEP
    expect(yields).toBe(Math.floor(10_000 / JSON_ROWS_PER_STEP));

    const later = c.columns.entriesJsonSteps();
    later.next();
    // the last generated bay, written after the first step
    const lastBay = c.ids.filter((id) => id.startsWith('gen-p-')).at(-1)!;
    const bay = c.columns.get(lastBay)!;
    if (bay.reading.kind !== 'parking') throw new Error(`${lastBay} is a bay`);
    c.columns.set({ ...bay, reading: { ...bay.reading, values: { freeSpaces: 4321, open: true } } });
    let rest = later.next();
    while (!rest.done) rest = later.next();
    const written = (JSON.parse(rest.value.toString()) as Array<{ reading: { sensorId: string; values: { freeSpaces?: number } } }>).find((e) => e.reading.sensorId === lastBay);
    expect(written?.reading.values.freeSpaces).toBe(4321);
  });

  it('forgets generated and real sensors alike, pending changes included', () => {
    const c = city(500);
    c.step(c.start);
    const drop = (id: string) => id.startsWith('gen-c-') || id === c.ids[0];
    expect(c.columns.forget(drop)).toBe(c.objects.forget(drop));
    expect(byId(c.columns.drainChanged())).toEqual(byId(c.objects.drainChanged()));
    expect(c.columns.ofKind('climate').every((e) => !e.reading.sensorId.startsWith('gen-'))).toBe(true);
    expect(c.columns.size).toBe(c.objects.size);
  });

  it('says whether a drain held a sensor new to the state, in columns and entry objects alike', () => {
    const c = city(500);
    const real = loadSensorIndex().registry.features[0];
    const rnd = seededRandom(5);
    for (const state of [c.columns, c.objects]) expect(state.drainedNew).toBe(true);
    c.step(c.start);
    for (const state of [c.columns, c.objects]) {
      state.drainChanged();
      expect(state.drainedNew).toBe(true);
    }
    // every generated sensor reports again: none is new
    c.step(c.start + 999);
    for (const state of [c.columns, c.objects]) {
      expect(state.drainChanged().length).toBeGreaterThan(400);
      expect(state.drainedNew).toBe(false);
    }
    // a real sensor's first reading is new, its second is not
    for (const state of [c.columns, c.objects]) {
      state.set(entryFor(real, c.start, rnd));
      state.drainChanged();
      expect(state.drainedNew).toBe(true);
      state.set(entryFor(real, c.start + 1, rnd));
      state.drainChanged();
      expect(state.drainedNew).toBe(false);
    }
    // forgotten and reporting again: new once more (a generated sensor in columns too)
    for (const state of [c.columns, c.objects]) {
      state.forget((id) => id === 'gen-p-000001');
      state.drainChanged();
      expect(state.drainedNew).toBe(false);
    }
    c.step(c.start + 1_999);
    for (const state of [c.columns, c.objects]) {
      expect(state.drainChanged().map((e) => e.reading.sensorId)).toContain('gen-p-000001');
      expect(state.drainedNew).toBe(true);
    }
  });

  it('drains after a forget without the forgotten sensors, and then as before', () => {
    const c = city(500);
    c.step(c.start);
    c.columns.drainChanged();
    c.objects.drainChanged();
    c.step(c.start + 999);
    const drop = (id: string) => id.startsWith('gen-t-');
    c.columns.forget(drop);
    c.objects.forget(drop);
    const drained = c.columns.drainChanged();
    expect(drained.some((e) => drop(e.reading.sensorId))).toBe(false);
    expect(byId(drained)).toEqual(byId(c.objects.drainChanged()));
    c.step(c.start + 1_999);
    expect(byId(c.columns.drainChanged())).toEqual(byId(c.objects.drainChanged()));
  });

  it("drains generated sensors as slots whose blocks and numbers are the changed entries', read from the columns", () => {
    const c = city(800);
    c.step(c.start);
    c.step(c.start + 999);
    const { entries, generated } = c.columns.drain();
    const expected = c.objects.drainChanged();
    expect(generated).not.toBeNull();
    expect(entries.every((e) => !e.reading.sensorId.startsWith('gen-'))).toBe(true);
    expect(generated!.size).toBe(expected.length - entries.length);
    expect(byId([...entries, ...generated!.entries()])).toEqual(byId(expected));
    // the columnar delta: entry objects and the columns' blocks decode to what the entries encode to
    const indexOf = (id: string) => c.sensors.slotOf(id);
    const decoded = (bytes: Uint8Array) => byId(decodeColumns(bytes).flatMap((k) => columnsToEntries(k, c.ids)));
    expect(decoded(encodeColumns(entries, indexOf, generated!.blocks()))).toEqual(decoded(encodeColumns(expected, indexOf)));
    const parking = (slot: number) => c.ids[slot].startsWith('gen-p-');
    expect(decoded(encodeBlocks(generated!.blocks(parking)))).toEqual(byId(expected.filter((e) => e.reading.sensorId.startsWith('gen-p-'))));
    const temps: Array<[string, number, number | null]> = [];
    generated!.forEachNumber('climate', 'airTempC', (id, ts, t) => temps.push([id, ts, t]));
    const climate = expected.filter((e) => e.reading.sensorId.startsWith('gen-c-'));
    expect(temps.length).toBeGreaterThan(0);
    expect(temps.sort((a, b) => a[0].localeCompare(b[0]))).toEqual(byId(climate).map((e) => [e.reading.sensorId, e.reading.ts, e.reading.kind === 'climate' ? e.reading.values.airTempC : NaN]));
    expect(generated!.has('climate') && generated!.has('parking')).toBe(true);
    expect(generated!.has('charging')).toBe(false);
  });

  it('keeps no entry object of a generated sensor: a changed one is read as the columns hold it when asked', () => {
    const c = city(300);
    c.step(c.start);
    c.columns.drain();
    const bay = c.columns.get('gen-p-000001')!;
    const later = { ...bay, reading: { ...bay.reading, ts: bay.reading.ts + 1_000 }, receivedAt: bay.receivedAt + 1 };
    c.columns.set(later);
    // the object handed in changes afterwards: a state that kept it (as the drain once did) would send this
    (later.reading as { ts: number }).ts = 0;
    const { generated } = c.columns.drain();
    expect(generated!.entries().map((e) => e.reading.ts)).toEqual([bay.reading.ts + 1_000]);
    // a row forgotten after the drain is left out when read
    c.columns.set({ ...bay, reading: { ...bay.reading, ts: bay.reading.ts + 2_000 } });
    const next = c.columns.drain().generated!;
    c.columns.forget((id) => id === 'gen-p-000001');
    expect(next.size).toBe(1);
    expect(next.entries()).toEqual([]);
    expect(next.blocks()).toEqual([]);
  });

  it('refuses an entry of another kind than the registry says, leaving the row as it was', () => {
    const c = city(500);
    c.step(c.start);
    const bay = c.columns.get('gen-p-000001')!;
    const wrong = { ...bay, reading: { ...bay.reading, kind: 'traffic' } } as unknown as LiveEntry;
    expect(() => c.columns.set(wrong)).toThrow(/is parking, the entry is traffic/);
    expect(c.columns.get('gen-p-000001')).toEqual(bay);
  });
});
