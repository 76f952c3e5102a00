import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../common/seeded-random.js';
import { loadSensorIndex } from '../registry.js';
import { entryFor } from './test-entries.js';
import { historyStoreContract } from './history-store.contract.js';
import { SqliteHistoryStore, STATE_OF_KIND_SQL } from './sqlite-store.js';
import { SqliteWorkerSink } from './sqlite-worker-sink.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-store-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite history store', () => {
  historyStoreContract({
    async open() {
      // A directory that does not exist yet: the store creates it.
      const store = new SqliteHistoryStore(path.join(dir, `t${++files}`, 'nested', 'history.sqlite'));
      await store.migrate();
      return store;
    },
    async reopen(store) {
      return new SqliteHistoryStore((store as SqliteHistoryStore).file);
    },
    // As in the server: the writer's batches go to a worker thread with its own connection.
    writerSink: (store) => new SqliteWorkerSink((store as SqliteHistoryStore).file),
  });
});

describe("the past state's query", () => {
  it('reads a page of series from a sid on through an index, without sorting all series of the kind', async () => {
    const store = new SqliteHistoryStore(':memory:');
    await store.migrate();
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${STATE_OF_KIND_SQL}`).all({ run: 'r', kind: 'parking', at: 1, since: 0, sinceBucket: 0, after: -1, limit: 500 }) as Array<{ detail: string }>;
    const details = plan.map((p) => p.detail);
    expect(details.some((d) => /SEARCH s USING .*INDEX series_by_run_kind \(run=\? AND kind=\? AND rowid>\?\)/.test(d))).toBe(true);
    expect(details.some((d) => d.includes('TEMP B-TREE'))).toBe(false);
  });
});

describe('SQLite worker sink', () => {
  it('writes a batch larger than one message to the worker whole', async () => {
    const store = new SqliteHistoryStore(path.join(dir, 'sink', 'history.sqlite'));
    await store.migrate();
    const run = await store.openRun({ realtime: false, scenario: 'sink', startedAt: Date.now() });
    const sensor = loadSensorIndex().ofKind('traffic')[0];
    const rnd = seededRandom(1);
    const t0 = Date.parse('2026-06-16T10:00:00Z');
    const entries = Array.from({ length: 1_234 }, (_, i) => entryFor(sensor, t0 + i * 1_000, rnd));
    const samples = Array.from({ length: 300 }, (_, i) => ({ kind: 'kpis' as const, id: 'city', t: t0 + i * 1_000, values: { x: i } }));
    const sink = new SqliteWorkerSink(store.file);
    await sink.write(run.id, { entries, samples, events: [{ stream: 'alert', id: 'a', t: t0, action: 'open', body: { id: 'a' } }] });
    await sink.close();
    await expect(sink.write(run.id, { entries, samples: [], events: [] })).rejects.toThrow(/closed/);
    expect(await store.countPoints(run.id, 'traffic', sensor.id, 0, t0 + 86_400_000, 'raw')).toBe(1_234);
    expect(await store.countPoints(run.id, 'kpis', 'city', 0, t0 + 86_400_000, 'raw')).toBe(300);
    expect(await store.activeAt(run.id, 'alert', t0)).toEqual([{ id: 'a' }]);
    await store.close();
  });
});
