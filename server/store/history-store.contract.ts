import { afterEach, describe, expect, it } from 'vitest';
import { STEP_MS, type HistoryPoint } from '../../common/history.js';
import type { LiveEntry } from '../../common/protocol.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { utciCategory } from '../../common/models/heat.js';
import { levelOfService } from '../../common/models/traffic.js';
import type { SensorKind } from '../../common/readings.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { SensorFeature } from '../../common/sensors.js';
import { loadSensorIndex } from '../registry.js';
import { flattenEntry } from './flatten.js';
import type { HistoryStore, HistoryWriteBatch, RetentionPolicy, SeriesKind, SeriesSample, StoredEvent } from './history-store.js';
import { HistoryWriter, type HistoryBatchSink } from './history-writer.js';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations.js';
import { entryFor } from './test-entries.js';

/** The sensors of a batch's entries in the order the store writes them (entries, then the queued texts). */
const sensorIdsOf = (batch: HistoryWriteBatch) => [
  ...batch.entries.map((e) => e.reading.sensorId),
  ...(batch.entryTexts ?? []).map((t) => (JSON.parse(t) as LiveEntry).reading.sensorId),
];

/**
 * The one test suite both back-ends pass (sqlite-store.test.ts, postgres-store.test.ts).
 * Every test gets a store of its own (a fresh file or schema), so tests never see each other's rows.
 */
export interface StoreHarness {
  /** a fresh, migrated, empty store */
  open(): Promise<HistoryStore>;
  /** a second instance on the database of `store`, as after a restart; not yet migrated */
  reopen(store: HistoryStore): Promise<HistoryStore>;
  /** the sink the server's writer uses with this back-end */
  writerSink(store: HistoryStore): HistoryBatchSink;
}

const sensors = loadSensorIndex();
const pick = (kind: SensorKind, n: number): SensorFeature[] => sensors.ofKind(kind).slice(0, n);
const T0 = Date.parse('2026-06-16T10:07:13.250Z');
const HOUR = 3_600_000;
const maxAge = (kind: SensorKind) => STALE_AFTER_MS[kind];
const noEvents = { samples: [], events: [] };

function expectClose(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/** What a rolled-up point must say, computed from raw points alone. */
function aggregate(kind: SeriesKind, raw: HistoryPoint[], stepMs: number) {
  const buckets = new Map<number, HistoryPoint[]>();
  for (const p of raw) {
    const b = Math.floor(p.t / stepMs) * stepMs;
    buckets.set(b, [...(buckets.get(b) ?? []), p]);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, points]) => {
      const stats = (get: (p: HistoryPoint) => Record<string, unknown>) => {
        const out: Record<string, { mean: number; min: number; max: number }> = {};
        const names = new Set(points.flatMap((p) => Object.keys(get(p))));
        for (const name of names) {
          const xs = points.map((p) => get(p)[name]).filter((x): x is number => typeof x === 'number');
          if (xs.length === 0) continue;
          out[name] = { mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
        }
        return out;
      };
      const derived = stats((p) => p.derived);
      const categories: Record<string, string | null> = {};
      if (kind === 'climate') categories.utciCategory = derived.utciC ? utciCategory(derived.utciC.mean).id : null;
      if (kind === 'traffic') categories.los = levelOfService(derived.speedRatio.mean);
      return { t, count: points.length, values: stats((p) => p.values), derived, categories };
    });
}

export function historyStoreContract(h: StoreHarness): void {
  const opened: Array<{ close(): Promise<void> }> = [];
  const open = async () => {
    const s = await h.open();
    opened.push(s);
    return s;
  };
  const reopen = async (store: HistoryStore) => {
    const s = await h.reopen(store);
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0).reverse()) await s.close().catch(() => {});
  });
  const simRun = (store: HistoryStore, scenario = 'hitzewelle-august') => store.openRun({ realtime: false, scenario, startedAt: Date.now() });

  describe('migrations', () => {
    it('are applied once: migrating again, or from a second connection, changes nothing', async () => {
      const store = await open();
      const latest = Math.max(...(store.backend === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => m.version));
      expect(await store.schemaVersion()).toBe(latest);
      const run = await simRun(store);
      const entry = entryFor(pick('climate', 1)[0], T0, seededRandom(1));
      await store.write(run.id, { entries: [entry], ...noEvents });
      await store.migrate();
      await store.migrate();
      const again = await reopen(store);
      await again.migrate();
      expect(await again.schemaVersion()).toBe(latest);
      expect(await again.countPoints(run.id, 'climate', entry.reading.sensorId, T0, T0, 'raw')).toBe(1);
    });
  });

  describe('rollups', () => {
    it('equal the means, minima, maxima and counts of the raw rows they summarise', async () => {
      const store = await open();
      const run = await simRun(store);
      const rnd = seededRandom(42);
      const chosen = [...pick('climate', 2), ...pick('traffic', 2), ...pick('parking', 1), ...pick('charging', 1)];
      const entries: LiveEntry[] = [];
      for (const sensor of chosen) {
        for (let t = T0 + Math.floor(rnd() * 60_000); t < T0 + 3 * HOUR; t += 5_000 + Math.floor(rnd() * 115_000)) entries.push(entryFor(sensor, t, rnd));
      }
      const samples: SeriesSample[] = [];
      for (let t = T0; t < T0 + 3 * HOUR; t += 20_000 + Math.floor(rnd() * 60_000)) {
        samples.push({ kind: 'district', id: 'mitte', t, values: { meanUtciC: 20 + 15 * rnd(), maxUtciC: 30 + 10 * rnd(), shareStrongOrWorse: rnd() } });
      }
      entries.sort((a, b) => a.reading.ts - b.reading.ts);
      // Random batch boundaries split buckets between writes; some rows arrive twice and must count once.
      for (let i = 0; i < entries.length; ) {
        const n = 1 + Math.floor(rnd() * 60);
        const part = entries.slice(i, i + n);
        const resent = i > 0 && rnd() < 0.3 ? [entries[i - 1]] : [];
        await store.write(run.id, { entries: [...part, ...resent], samples: samples.splice(0, Math.floor(rnd() * 8)), events: [] });
        i += n;
      }
      await store.write(run.id, { entries: [], samples, events: [] });

      const series: Array<[SeriesKind, string]> = [...chosen.map((s) => [s.properties.kind, s.id] as [SeriesKind, string]), ['district', 'mitte']];
      for (const [kind, id] of series) {
        const raw = await store.series(run.id, kind, id, T0 - HOUR, T0 + 4 * HOUR, 'raw');
        if (kind !== 'district') {
          const mine = entries.filter((e) => e.reading.sensorId === id);
          expect(raw.map((p) => p.t)).toEqual(mine.map((e) => e.reading.ts));
          expect(raw.map((p) => ({ values: p.values, derived: p.derived }))).toEqual(mine.map(flattenEntry));
        }
        for (const step of ['1m', '15m', '1h'] as const) {
          const points = await store.series(run.id, kind, id, T0 - HOUR, T0 + 4 * HOUR, step);
          const expected = aggregate(kind, raw, STEP_MS[step]);
          expect(points.map((p) => [p.t, p.count]), `${id} ${step}`).toEqual(expected.map((e) => [e.t, e.count]));
          expect(await store.countPoints(run.id, kind, id, T0 - HOUR, T0 + 4 * HOUR, step)).toBe(points.length);
          points.forEach((p, i) => {
            const e = expected[i];
            for (const [section, figures] of [['values', e.values], ['derived', e.derived]] as const) {
              const means = p[section] as Record<string, unknown>;
              expect(Object.keys(figures).sort()).toEqual(Object.keys(means).filter((k) => typeof means[k] === 'number').sort());
              for (const [name, f] of Object.entries(figures)) {
                expectClose(means[name] as number, f.mean, `${id} ${step} ${p.t} ${name} mean`);
                expect(p.min![name]).toBe(f.min);
                expect(p.max![name]).toBe(f.max);
              }
            }
            for (const [name, category] of Object.entries(e.categories)) expect(p.derived[name], `${id} ${step} ${name}`).toBe(category);
          });
        }
      }

      // several series of a kind at once: each as series() reads it, an unknown one empty; their points counted
      for (const kind of [...new Set(chosen.map((c) => c.properties.kind))]) {
        const ids = [...chosen.filter((c) => c.properties.kind === kind).map((c) => c.id), 'no-such-sensor'];
        for (const step of ['raw', '15m'] as const) {
          const one = await Promise.all(ids.map((id) => store.series(run.id, kind, id, T0 - HOUR, T0 + 4 * HOUR, step)));
          expect(await store.seriesMany(run.id, kind, ids, T0 - HOUR, T0 + 4 * HOUR, step)).toEqual(one);
          expect(one.at(-1)).toEqual([]);
          expect(await store.countPointsMany(run.id, kind, ids, T0 - HOUR, T0 + 4 * HOUR, step)).toBe(one.reduce((n, p) => n + p.length, 0));
        }
      }
    });

    it('put a reading on a bucket boundary into the bucket that starts there, and a query takes every bucket it overlaps', async () => {
      const store = await open();
      const run = await simRun(store);
      const sensor = pick('climate', 1)[0];
      const B = Date.parse('2026-06-16T12:00:00.000Z');
      const offsets = [-1, 0, 59_999, 60_000, 899_999, 900_000, 3_599_999, 3_600_000];
      const rnd = seededRandom(7);
      await store.write(run.id, { entries: offsets.map((o) => entryFor(sensor, B + o, rnd)), ...noEvents });
      const buckets = async (step: '1m' | '15m' | '1h', from = B - 2 * HOUR, to = B + 2 * HOUR) =>
        (await store.series(run.id, 'climate', sensor.id, from, to, step)).map((p) => [p.t - B, p.count]);
      expect(await buckets('1m')).toEqual([[-60_000, 1], [0, 2], [60_000, 1], [840_000, 1], [900_000, 1], [3_540_000, 1], [3_600_000, 1]]);
      expect(await buckets('15m')).toEqual([[-900_000, 1], [0, 4], [900_000, 1], [2_700_000, 1], [3_600_000, 1]]);
      expect(await buckets('1h')).toEqual([[-3_600_000, 1], [0, 6], [3_600_000, 1]]);
      expect(await buckets('1m', B + 30_000, B + 30_000)).toEqual([[0, 2]]);
      expect(await buckets('15m', B + 899_999, B + 900_000)).toEqual([[0, 4], [900_000, 1]]);
      expect((await store.series(run.id, 'climate', sensor.id, B, B + 59_999, 'raw')).map((p) => p.t - B)).toEqual([0, 59_999]);
    });
  });

  describe('retention', () => {
    it('deletes what each resolution keeps no longer, in the run it is asked for, and nothing else', async () => {
      const store = await open();
      const [a, b] = [await simRun(store), await simRun(store)];
      const sensor = pick('traffic', 1)[0];
      const now = T0 + 72 * HOUR;
      const rnd = seededRandom(3);
      const entries: LiveEntry[] = [];
      for (let t = T0; t <= now; t += 30_000) entries.push(entryFor(sensor, t, rnd));
      const closure = (id: string, t: number, action: StoredEvent['action'], note: string): StoredEvent => ({ stream: 'closure', id, t, action, body: { id, note } });
      const events = [
        closure('gone', now - 80 * HOUR, 'open', 'opened long ago'),
        closure('gone', now - 70 * HOUR, 'close', 'closed long ago'),
        closure('long', now - 60 * HOUR, 'open', 'first word'),
        closure('long', now - 50 * HOUR, 'update', 'still in force'),
        closure('recent', now - 10 * HOUR, 'open', 'recent'),
      ];
      for (const run of [a, b]) {
        for (let i = 0; i < entries.length; i += 2_000) await store.write(run.id, { entries: entries.slice(i, i + 2_000), samples: [], events: i === 0 ? events : [] });
      }
      const policy: RetentionPolicy = { rawMs: 2 * HOUR, oneMinuteMs: 6 * HOUR, fifteenMinutesMs: 24 * HOUR, oneHourMs: 48 * HOUR };
      const steps = [
        ['raw', 0, policy.rawMs],
        ['1m', STEP_MS['1m'], policy.oneMinuteMs],
        ['15m', STEP_MS['15m'], policy.fifteenMinutesMs],
        ['1h', STEP_MS['1h'], policy.oneHourMs],
      ] as const;
      const all = async (run: string, step: (typeof steps)[number][0]) => store.series(run, 'traffic', sensor.id, 0, now + HOUR, step);
      const before = Object.fromEntries(await Promise.all(steps.map(async ([step]) => [step, await all(a.id, step)] as const)));
      const beforeB = await Promise.all(steps.map(([step]) => all(b.id, step)));

      const deleted = await store.applyRetention(a.id, now, policy);

      // Events: the closed closure's two, and the superseded first word of the one still in force.
      let expectedDeleted = 3;
      for (const [step, bucketMs, keepMs] of steps) {
        const cut = now - keepMs;
        // A row goes when it is older than the cut; a bucket only when all of it is.
        const kept = before[step].filter((p) => p.t + bucketMs > cut || (bucketMs === 0 && p.t >= cut));
        expect(kept.length, step).toBeLessThan(before[step].length);
        expect(await all(a.id, step), step).toEqual(kept);
        expectedDeleted += before[step].length - kept.length;
      }
      expect(deleted).toBe(expectedDeleted);
      expect(await Promise.all(steps.map(([step]) => all(b.id, step)))).toEqual(beforeB);

      expect((await store.events(a.id, 'closure', 0, now)).map((e) => [e.id, e.action])).toEqual([['long', 'update'], ['recent', 'open']]);
      expect(await store.activeAt(a.id, 'closure', now)).toEqual([{ id: 'long', note: 'still in force' }, { id: 'recent', note: 'recent' }]);
      expect(await store.activeAt(a.id, 'closure', now - 47 * HOUR)).toEqual([{ id: 'long', note: 'still in force' }]);
      expect(await store.events(b.id, 'closure', 0, now)).toHaveLength(5);
    });

    it('deletes simulated runs whose last write is older than the longest retention, never the real-time run or the one kept', async () => {
      const store = await open();
      const realtime = await store.openRun({ realtime: true, scenario: null, startedAt: Date.now() });
      const [old, current] = [await simRun(store), await simRun(store)];
      const entry = entryFor(pick('parking', 1)[0], T0, seededRandom(5));
      for (const run of [realtime, old, current]) await store.write(run.id, { entries: [entry], ...noEvents });
      const policy: RetentionPolicy = { rawMs: HOUR, oneMinuteMs: HOUR, fifteenMinutesMs: HOUR, oneHourMs: 2 * HOUR };
      expect(await store.deleteEndedRuns(Date.now() + HOUR, policy, current.id)).toEqual([]);
      expect(await store.deleteEndedRuns(Date.now() + 2 * HOUR + 60_000, policy, current.id)).toEqual([old.id]);
      expect((await store.runs()).map((r) => r.id).sort()).toEqual([realtime.id, current.id].sort());
      expect(await store.series(old.id, 'parking', entry.reading.sensorId, 0, T0 + HOUR, '1m')).toEqual([]);
      expect(await store.countPoints(current.id, 'parking', entry.reading.sensorId, 0, T0 + HOUR, 'raw')).toBe(1);
    });
  });

  describe('stateAt', () => {
    it('answers a known past state: latest reading at or before the instant, within its freshness limit, also beyond raw retention', async () => {
      const store = await open();
      const run = await simRun(store);
      const [stationA, stationB] = pick('climate', 2);
      const [detector] = pick('traffic', 1);
      const [carPark] = pick('parking', 1);
      const at = Date.parse('2026-08-13T13:00:30.000Z');
      const rnd = seededRandom(11);
      const e = (s: SensorFeature, t: number) => entryFor(s, t, rnd);
      const aOld = e(stationA, at - 5 * 60_000);
      const aLatest = e(stationA, at - 60_000);
      const aAfter = e(stationA, at + 2 * 60_000);
      const bTooOld = e(stationB, at - STALE_AFTER_MS.climate - 1);
      const dAtInstant = e(detector, at);
      const pAfter = e(carPark, at + 1);
      await store.write(run.id, { entries: [aOld, bTooOld, dAtInstant], ...noEvents });
      await store.write(run.id, { entries: [aAfter, aLatest, pAfter], ...noEvents });
      const byId = (xs: LiveEntry[]) => [...xs].sort((x, y) => x.reading.sensorId.localeCompare(y.reading.sensorId));

      const expected = byId([aLatest, dAtInstant]);
      expect(byId(await store.stateAt(run.id, at, maxAge))).toEqual(expected);
      // one kind's (an export's)
      expect(await store.stateAt(run.id, at, maxAge, ['traffic'])).toEqual([dAtInstant]);
      expect(await store.stateAt(run.id, at, maxAge, ['charging'])).toEqual([]);
      expect(byId(await store.stateAt(run.id, at - 1, maxAge))).toEqual(byId([aLatest, bTooOld]));

      // Raw rows of that time are gone: the 1 min rollup's last entries answer.
      await store.applyRetention(run.id, at + 3 * HOUR, { ...DEFAULT_LONG, rawMs: HOUR });
      expect(await store.countPoints(run.id, 'climate', stationA.id, 0, at + HOUR, 'raw')).toBe(0);
      expect(byId(await store.stateAt(run.id, at, maxAge))).toEqual(expected);
      expect(await store.stateAt(run.id, at + 3 * HOUR, maxAge)).toEqual([]);
    });

    it('answers for a city of thousands of sensors of a kind (a SCALE city, read in pages), each once', async () => {
      const store = await open();
      const run = await simRun(store);
      const [bay] = pick('parking', 1);
      const at = Date.parse('2026-08-13T13:00:30.000Z');
      const rnd = seededRandom(5);
      const bays = Array.from({ length: 4_500 }, (_, i) => entryFor({ ...bay, properties: { ...bay.properties, id: `gen-p-${String(i).padStart(6, '0')}` } } as SensorFeature, at - 60_000 + i, rnd));
      await store.write(run.id, { entries: bays, ...noEvents });
      const got = await store.stateAt(run.id, at + 10_000, maxAge);
      expect(got).toHaveLength(4_500);
      expect(new Set(got.map((e) => e.reading.sensorId)).size).toBe(4_500);
      expect(got.find((e) => e.reading.sensorId === 'gen-p-004499')).toEqual(bays[4_499]);
      // the same entries a page at a time, none of them empty
      const pages: Array<readonly LiveEntry[]> = [];
      for await (const page of store.stateAtPages(run.id, at + 10_000, maxAge)) pages.push(page);
      expect(pages.flat()).toEqual(got);
      expect(pages.every((p) => p.length > 0)).toBe(true);
    });
  });

  describe('activeAt', () => {
    it('replays closures and alerts: the latest open or update at or before the instant, none after a close', async () => {
      const store = await open();
      const run = await simRun(store);
      const ev = (stream: StoredEvent['stream'], id: string, t: number, action: StoredEvent['action'], body: unknown): StoredEvent => ({ stream, id, t, action, body });
      const c1 = { id: 'c1', linkId: 'nordring-1-cw', kind: 'closure', capacityFactor: 0 };
      const c1b = { ...c1, kind: 'incident', capacityFactor: 0.5 };
      const a1 = { id: 'a1', level: 'strong' };
      await store.write(run.id, {
        entries: [],
        samples: [],
        events: [
          ev('closure', 'c1', T0, 'open', c1),
          ev('alert', 'a1', T0 + 10, 'open', a1),
          ev('closure', 'c1', T0 + 100, 'update', c1b),
          ev('closure', 'c2', T0 + 150, 'open', { id: 'c2' }),
          ev('closure', 'c2', T0 + 150, 'close', { id: 'c2' }),
        ],
      });
      await store.write(run.id, { entries: [], samples: [], events: [ev('closure', 'c1', T0 + 200, 'close', c1b), ev('alert', 'a1', T0 + 300, 'close', a1)] });
      expect(await store.activeAt(run.id, 'closure', T0 - 1)).toEqual([]);
      expect(await store.activeAt(run.id, 'closure', T0)).toEqual([c1]);
      expect(await store.activeAt(run.id, 'closure', T0 + 99)).toEqual([c1]);
      expect(await store.activeAt(run.id, 'closure', T0 + 150)).toEqual([c1b]);
      expect(await store.activeAt(run.id, 'closure', T0 + 200)).toEqual([]);
      expect(await store.activeAt(run.id, 'alert', T0 + 200)).toEqual([a1]);
      expect(await store.activeAt(run.id, 'alert', T0 + 300)).toEqual([]);
      expect((await store.events(run.id, 'closure', T0 + 100, T0 + 200)).map((e) => [e.id, e.t - T0, e.action])).toEqual([
        ['c1', 100, 'update'],
        ['c2', 150, 'open'],
        ['c2', 150, 'close'],
        ['c1', 200, 'close'],
      ]);
    });
  });

  describe('runs', () => {
    it('keep a second simulated run of the same scenario apart from the first and from real time', async () => {
      const store = await open();
      const first = await simRun(store, 'hitzewelle-august');
      const second = await simRun(store, 'hitzewelle-august');
      expect(second.id).not.toBe(first.id);
      const realtime = await store.openRun({ realtime: true, scenario: null, startedAt: Date.now() });
      const station = pick('climate', 1)[0];
      const rnd = seededRandom(9);
      const times = [T0, T0 + 60_000, T0 + 120_000];
      const firstEntries = times.map((t) => entryFor(station, t, rnd));
      const secondEntries = times.map((t) => entryFor(station, t, rnd));
      await store.write(first.id, { entries: firstEntries, samples: [], events: [{ stream: 'alert', id: 'a1', t: T0, action: 'open', body: { run: 1 } }] });
      await store.write(second.id, { entries: secondEntries, ...noEvents });

      const raw = await store.series(second.id, 'climate', station.id, 0, T0 + HOUR, 'raw');
      expect(raw).toEqual(secondEntries.map((e) => ({ t: e.reading.ts, ...flattenEntry(e) })));
      expect((await store.series(second.id, 'climate', station.id, 0, T0 + HOUR, '1h'))[0].count).toBe(3);
      expect(await store.stateAt(second.id, T0 + 120_000, maxAge)).toEqual([secondEntries[2]]);
      expect(await store.activeAt(second.id, 'alert', T0 + HOUR)).toEqual([]);
      expect(await store.series(realtime.id, 'climate', station.id, 0, T0 + HOUR, 'raw')).toEqual([]);
      expect(await store.stateAt(first.id, T0 + 120_000, maxAge)).toEqual([firstEntries[2]]);
      const runs = await store.runs();
      expect(runs.find((r) => r.id === second.id)).toMatchObject({ scenario: 'hitzewelle-august', realtime: false, firstT: T0, lastT: T0 + 120_000 });
      expect(runs.find((r) => r.id === realtime.id)).toMatchObject({ firstT: null, lastT: null });
    });

    it('reuse the real-time run across openRun calls and across a reopened database', async () => {
      const store = await open();
      const first = await store.openRun({ realtime: true, scenario: null, startedAt: 1_000 });
      const again = await store.openRun({ realtime: true, scenario: null, startedAt: 2_000 });
      expect(again).toEqual(first);
      const entry = entryFor(pick('charging', 1)[0], T0, seededRandom(2));
      await store.write(first.id, { entries: [entry], ...noEvents });
      await store.close();
      const restarted = await reopen(store);
      await restarted.migrate();
      const afterRestart = await restarted.openRun({ realtime: true, scenario: null, startedAt: 3_000 });
      expect(afterRestart).toEqual({ ...first, firstT: T0, lastT: T0 });
      expect((await restarted.runs()).filter((r) => r.realtime)).toHaveLength(1);
      expect(await restarted.stateAt(afterRestart.id, T0, maxAge)).toEqual([entry]);
    });
  });

  describe('history writer', () => {
    const station = () => pick('climate', 1)[0];
    const entriesOf = (n: number, seed: number) => {
      const rnd = seededRandom(seed);
      const s = station();
      return Array.from({ length: n }, (_, i) => entryFor(s, T0 + i * 1_000, rnd));
    };

    it('flush writes everything queued, in batches', async () => {
      const store = await open();
      const run = await simRun(store);
      const writer = new HistoryWriter({ sink: h.writerSink(store), batchMax: 500, flushMs: 60_000 });
      writer.setRun(run.id);
      const entries = entriesOf(2_100, 1);
      writer.addEntries(entries);
      writer.addSample({ kind: 'kpis', id: 'city', t: T0, values: { congestedLaneKm: 3.5 } });
      writer.addEvent({ stream: 'closure', id: 'c1', t: T0, action: 'open', body: { id: 'c1' } });
      expect(writer.stats()).toMatchObject({ queued: 2_102, written: 0, behind: true });
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 0, written: 2_102, dropped: 0, failed: 0, flushes: 5, lastError: null, behind: false });
      expect(writer.stats().lastFlushMs).toBeGreaterThan(0);
      expect(await store.countPoints(run.id, 'climate', station().id, 0, T0 + 3 * HOUR, 'raw')).toBe(2_100);
      expect(await store.series(run.id, 'kpis', 'city', T0, T0, 'raw')).toEqual([{ t: T0, values: { congestedLaneKm: 3.5 }, derived: {} }]);
      expect(await store.activeAt(run.id, 'closure', T0)).toEqual([{ id: 'c1' }]);
      await writer.close();
    });

    it('counts what overflows the bounded queue and never throws', async () => {
      const store = await open();
      const run = await simRun(store);
      const writer = new HistoryWriter({ sink: h.writerSink(store), queueMax: 1_000, batchMax: 5_000, flushMs: 60_000 });
      writer.setRun(run.id);
      expect(() => writer.addEntries(entriesOf(1_500, 2))).not.toThrow();
      expect(writer.stats()).toMatchObject({ queued: 1_000, dropped: 500, behind: true });
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 0, written: 1_000, dropped: 500, behind: false });
      expect(await store.countPoints(run.id, 'climate', station().id, 0, T0 + 3 * HOUR, 'raw')).toBe(1_000);
      await writer.close();
      writer.addEntry(entriesOf(1, 3)[0]);
      expect(writer.stats().dropped).toBe(501);
    });

    it('holds generated sensors\' entries in their own allowance and writes the others first', async () => {
      const store = await open();
      const run = await simRun(store);
      const writer = new HistoryWriter({ sink: h.writerSink(store), queueMax: 1_000, generatedMax: 2_000, batchMax: 500, flushMs: 60_000 });
      writer.setRun(run.id);
      // stand-ins for a SCALE city's first report: more than the shared queue holds, at once
      const generated = entriesOf(2_000, 7);
      const real = entryFor(pick('parking', 1)[0], T0, seededRandom(8));
      for (const e of generated) writer.addEntry(e, true);
      writer.addEntry(real);
      expect(writer.stats()).toMatchObject({ queued: 2_001, queuedGenerated: 2_000, dropped: 0, behind: false });
      // beyond the allowance they are dropped and counted like any overflow; the shared queue still takes the rest
      writer.addEntry(entriesOf(1, 9)[0], true);
      writer.addEntry(real);
      expect(writer.stats()).toMatchObject({ queued: 2_002, dropped: 1, behind: true });
      // with room for both in one batch, the real sensor's entry goes first although it came last
      const batches: string[][] = [];
      const spy = new HistoryWriter({
        sink: { write: async (_run, batch) => void batches.push(sensorIdsOf(batch)), applyRetention: async () => 0, deleteEndedRuns: async () => [] },
        generatedMax: 10,
        batchMax: 3,
        flushMs: 60_000,
      });
      spy.setRun(run.id);
      for (const e of entriesOf(3, 10)) spy.addEntry(e, true);
      spy.addEntry(real);
      await spy.flush();
      expect(batches).toEqual([[real.reading.sensorId, station().id, station().id], [station().id]]);
      await spy.close();
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 0, queuedGenerated: 0, written: 2_002, dropped: 1, behind: false });
      expect(await store.countPoints(run.id, 'climate', station().id, 0, T0 + 3 * HOUR, 'raw')).toBe(2_000);
      // queued as text, stored as any entry: the same figures back, and the entry as it was when it came
      const [first] = await store.series(run.id, 'climate', station().id, generated[0].reading.ts, generated[0].reading.ts, 'raw');
      expect(first).toEqual({ t: generated[0].reading.ts, ...flattenEntry(generated[0]) });
      await writer.close();
    });

    it('stores a generated entry as it was when it was queued', async () => {
      const store = await open();
      const run = await simRun(store);
      const writer = new HistoryWriter({ sink: h.writerSink(store), generatedMax: 10, flushMs: 60_000 });
      writer.setRun(run.id);
      const [entry] = entriesOf(1, 11);
      const asQueued = structuredClone(entry);
      writer.addEntry(entry, true);
      (entry.reading.values as { airTempC: number }).airTempC += 10;
      await writer.flush();
      const points = await store.series(run.id, 'climate', station().id, 0, T0 + HOUR, 'raw');
      expect(points).toEqual([{ t: asQueued.reading.ts, ...flattenEntry(asQueued) }]);
      await writer.close();
    });

    it('keeps items with the run current when they came, and holds items that came before any run', async () => {
      const store = await open();
      const [a, b] = [await simRun(store), await simRun(store)];
      const writer = new HistoryWriter({ sink: h.writerSink(store), flushMs: 60_000 });
      const entries = entriesOf(30, 4);
      writer.addEntries(entries.slice(0, 10));
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 10, written: 0 });
      writer.setRun(a.id);
      writer.addEntries(entries.slice(10, 20));
      writer.setRun(b.id);
      writer.addEntries(entries.slice(20));
      await writer.flush();
      const ts = async (run: string) => (await store.series(run, 'climate', station().id, 0, T0 + HOUR, 'raw')).map((p) => p.t);
      expect(await ts(a.id)).toEqual(entries.slice(0, 20).map((e) => e.reading.ts));
      expect(await ts(b.id)).toEqual(entries.slice(20).map((e) => e.reading.ts));
      await writer.close();
    });

    it('reports a failing write, retries it, then gives its items up as failed', async () => {
      const store = await open();
      const errors: string[] = [];
      const writer = new HistoryWriter({ sink: h.writerSink(store), flushMs: 60_000, attempts: 2, onError: (e) => errors.push(e.message) });
      writer.setRun('no-such-run');
      writer.addEntries(entriesOf(5, 5));
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 5, written: 0, failed: 0, behind: true });
      expect(writer.stats().lastError).toMatch(/unknown run no-such-run/);
      await writer.flush();
      expect(writer.stats()).toMatchObject({ queued: 0, written: 0, failed: 5 });
      expect(errors).toHaveLength(2);
      await writer.close();
    });

    it('flushes on its timer and runs retention on the current run', async () => {
      const store = await open();
      const run = await simRun(store);
      const entries = entriesOf(120, 6);
      const lastT = entries[entries.length - 1].reading.ts;
      const policy: RetentionPolicy = { ...DEFAULT_LONG, rawMs: 60_000 };
      const writer = new HistoryWriter({ sink: h.writerSink(store), flushMs: 40, retention: { policy, intervalMs: 60_000, cityNow: () => lastT } });
      writer.setRun(run.id);
      writer.addEntries(entries);
      // Nobody calls flush: the timer must. (A worker thread may take seconds to start on a busy machine.)
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && writer.stats().written < entries.length) await new Promise((r) => setTimeout(r, 20));
      expect(writer.stats().written).toBe(entries.length);
      const deleted = await writer.runRetention(policy, lastT);
      expect(deleted).toBe(entries.filter((e) => e.reading.ts < lastT - 60_000).length);
      expect(writer.stats()).toMatchObject({ retentionPasses: 1, retentionDeleted: deleted });
      await writer.close();
    });
  });
}

const DEFAULT_LONG: RetentionPolicy = { rawMs: 30 * 24 * HOUR, oneMinuteMs: 60 * 24 * HOUR, fifteenMinutesMs: 730 * 24 * HOUR, oneHourMs: 730 * 24 * HOUR };
