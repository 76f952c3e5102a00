import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../common/seeded-random.js';
import { loadSensorIndex } from '../registry.js';
import { SqliteHistoryStore } from '../store/sqlite-store.js';
import { entryFor } from '../store/test-entries.js';
import { historyCsv } from './csv.js';
import { ExportThread } from './export-thread.js';
import { sensorStateGeoJson } from './geojson.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-csv-thread-'));
const store = new SqliteHistoryStore(path.join(dir, 'history.sqlite'));
const sensors = loadSensorIndex().ofKind('climate').slice(0, 6);
const t0 = Date.parse('2026-07-01T08:00:00Z');
const POINTS = 1_500;
let run = '';
const thread = new ExportThread({ file: store.file, scale: { sensors: 0, seed: 1 } });

beforeAll(async () => {
  await store.migrate();
  run = (await store.openRun({ realtime: false, scenario: 'csv-thread', startedAt: Date.now() })).id;
  const rnd = seededRandom(7);
  // six stations, a reading a minute for 25 hours: a file of several chunks
  const entries = sensors.flatMap((s) => Array.from({ length: POINTS }, (_, i) => entryFor(s, t0 + i * 60_000, rnd)));
  await store.write(run, { entries, samples: [], events: [] });
});

afterAll(async () => {
  await thread.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const job = (ids = sensors.map((s) => s.id)) => ({ run, kind: 'climate' as const, ids, from: t0, to: t0 + POINTS * 60_000, step: 'raw' as const });
const decoder = new TextDecoder();

async function take(chunks: AsyncIterable<Uint8Array>, most = Infinity): Promise<{ text: string; count: number }> {
  let text = '';
  let count = 0;
  for await (const chunk of chunks) {
    text += decoder.decode(chunk, { stream: true });
    if (++count >= most) break;
  }
  return { text, count };
}

describe('ExportThread, CSV', () => {
  it('makes in its thread the file the main thread would make, in several chunks', async () => {
    const expected = historyCsv(await Promise.all(sensors.map(async (s) => ({ sensorId: s.id, points: await store.series(run, 'climate', s.id, t0, t0 + POINTS * 60_000, 'raw') }))));
    const { text, count } = await take(thread.csv(job()));
    expect(count).toBeGreaterThan(2);
    expect(text).toBe(expected);
    expect(text.split('\r\n').length - 2).toBe(sensors.length * POINTS);
  });

  it('stops making a file that is no longer taken, and makes the next', async () => {
    const stoppedBefore = thread.stopped;
    const { count } = await take(thread.csv(job()), 1);
    expect(count).toBe(1);
    expect(thread.active).toBe(0);
    // the thread itself stops (it had more to make than the one chunk taken)
    await vi.waitFor(() => expect(thread.stopped).toBe(stoppedBefore + 1));
    const again = await take(thread.csv(job(sensors.slice(0, 1).map((s) => s.id))));
    expect(again.text.startsWith('sensor_id,time,')).toBe(true);
    expect(again.text.split('\r\n').length - 2).toBe(POINTS);
  });

  it('makes two files at once, each whole', async () => {
    const [a, b] = await Promise.all([take(thread.csv(job())), take(thread.csv(job(sensors.slice(2).map((s) => s.id))))]);
    expect(a.text.split('\r\n').length - 2).toBe(sensors.length * POINTS);
    expect(b.text.split('\r\n').length - 2).toBe((sensors.length - 2) * POINTS);
  });

  it('turns a failure in the thread into an error of that file', async () => {
    await expect(take(thread.csv({ ...job(), step: 'fortnight' as never }))).rejects.toThrow(/csv export failed/);
    // the thread goes on serving
    expect((await take(thread.csv(job(sensors.slice(0, 1).map((s) => s.id))))).text.length).toBeGreaterThan(0);
  });
});

describe('ExportThread, rows', () => {
  it('counts the rows in its thread as the store counts them, at each step', async () => {
    for (const step of ['raw', '15m', '1h'] as const) {
      const direct = await store.countPointsMany(run, 'climate', job().ids, t0, t0 + POINTS * 60_000, step);
      expect(await thread.rows({ ...job(), step })).toBe(direct);
    }
    expect(await thread.rows(job())).toBe(sensors.length * POINTS);
  });
});

describe('ExportThread, GeoJSON', () => {
  const byId = (features: Array<{ id: string }>) => [...features].sort((a, b) => a.id.localeCompare(b.id));

  it("makes the kind's sensors with their state at the instant, as the main thread would", async () => {
    const at = t0 + 600 * 60_000;
    const climate = all();
    const expected = sensorStateGeoJson(climate, await store.stateAt(run, at, (k) => STALE_AFTER_MS[k], ['climate']), at);
    const got = JSON.parse((await take(thread.geojson({ run, kind: 'climate', ids: null, at }))).text);
    expect(got.features).toHaveLength(climate.length);
    expect({ ...got, features: byId(got.features) }).toEqual({ ...expected, features: byId(expected.features) });
    // the six with readings come first, in the store's order
    expect(got.features.slice(0, sensors.length).every((f: { properties: { t: number | null } }) => f.properties.t !== null)).toBe(true);
  });

  it('makes only the sensors asked for', async () => {
    const ids = [sensors[3].id, all()[all().length - 1].id];
    const got = JSON.parse((await take(thread.geojson({ run, kind: 'climate', ids, at: t0 + 60_000 }))).text);
    expect(got.features.map((f: { id: string }) => f.id).sort()).toEqual([...ids].sort());
  });
});

function all() {
  return loadSensorIndex().ofKind('climate');
}
