import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../paths.js';
import { loadSensorIndex } from '../registry.js';
import { SqliteHistoryStore } from '../store/sqlite-store.js';
import { linkStreets, loadRoadNetwork } from '../traffic/road-network.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { DemoRecordings, inPlayOrder, recordingKey } from './demo-recordings.js';
import { loadTour, tourRefs } from './tour-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtpuls-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'tours'));
copyFileSync(path.join(SCENARIO_DIR, 'a40-sperrung.json'), path.join(dir, 'a40-sperrung.json'));
const step = (from: string, to: string) => ({
  window: { from, to },
  camera: { center: [7.2, 51.49], zoom: 12 },
  layers: ['traffic'],
  highlight: [{ type: 'link', id: 'a40-7-east' }],
  caption: { de: 'Sperrung', en: 'Closure' },
  body: { de: '', en: '' },
  durationMs: 5000,
});
const tour = {
  id: 'probe',
  name: { de: 'Probe', en: 'Probe' },
  recordings: [{ id: 'a40', scenario: 'a40-sperrung', from: '2026-06-16T15:50:00+02:00', to: '2026-06-16T16:10:00+02:00' }],
  chapters: [{ id: 'a40', title: { de: 'A40', en: 'A40' }, recording: 'a40', steps: [step('2026-06-16T15:55:00+02:00', '2026-06-16T16:05:00+02:00')] }],
  titleCard: { title: { de: 'Ende', en: 'End' }, body: { de: '', en: '' }, url: 'https://example.org', durationMs: 5000 },
};
const writeTour = (t: unknown) => writeFileSync(path.join(dir, 'tours', 'probe.json'), JSON.stringify(t));
const sensors = loadSensorIndex();
const roads = loadRoadNetwork();
const refs = tourRefs(sensors.byId, linkStreets(roads).keys());
const log = pino({ level: 'silent' });
const dbFile = path.join(dir, 'history.sqlite');

async function prepare() {
  const store = new SqliteHistoryStore(dbFile);
  await store.migrate();
  const rec = new DemoRecordings(loadTour('probe', refs, dir), { store, sensors, roads }, log);
  await rec.prepare();
  return { store, rec, status: rec.status().a40 };
}

describe('demo recordings', () => {
  it('records a tour window headless as its own run, with the closure it schedules, and reuses it after a restart', async () => {
    writeTour(tour);
    const first = await prepare();
    expect(first.status).toMatchObject({ ready: true, error: null, recordedTo: Date.parse(tour.recordings[0].to) });
    const run = first.status.run!;
    const version = first.rec.loaded.version;
    expect((await first.store.runs()).find((r) => r.id === run)?.scenario).toBe(recordingKey('probe', 'a40', version));
    const at = Date.parse('2026-06-16T16:05:00+02:00');
    expect((await first.store.stateAt(run, at, (k) => STALE_AFTER_MS[k])).some((e) => e.reading.kind === 'traffic')).toBe(true);
    expect((await first.store.activeAt(run, 'closure', at)).length).toBe(4);
    expect(await first.store.activeAt(run, 'closure', Date.parse('2026-06-16T15:55:00+02:00'))).toEqual([]);
    await first.store.close();

    // A restart: the same tour version finds its complete recording, no new run.
    const second = await prepare();
    expect(second.status).toMatchObject({ run, ready: true, recordedTo: Date.parse(tour.recordings[0].to) });
    expect((await second.store.runs()).length).toBe(1);
    await second.store.close();
  }, 120_000);

  it('records again when the tour changes, and refuses a tour that highlights a link the city does not have', async () => {
    writeTour({ ...tour, name: { de: 'Probe 2', en: 'Probe 2' } });
    const changed = await prepare();
    expect(changed.status.ready).toBe(true);
    expect((await changed.store.runs()).length).toBe(2);
    await changed.store.close();

    const broken = structuredClone(tour);
    broken.chapters[0].steps[0].highlight = [{ type: 'link', id: 'a40-99-east' }];
    writeTour(broken);
    expect(() => loadTour('probe', refs, dir)).toThrow(/chapter 1 "a40" step 1 highlights link "a40-99-east"/);
    // a bench the city published no series for stays an empty marker in every recording
    broken.chapters[0].steps[0].highlight = [{ type: 'sensor', id: 'climate-ruhrauenpark' }];
    writeTour(broken);
    expect(() => loadTour('probe', refs, dir)).toThrow(/step 1 highlights sensor "climate-ruhrauenpark", which has no published data/);
  }, 120_000);

  it('records in the order the chapters play, so the first chapter can start while the others are made', () => {
    const rec = (id: string) => ({ id, scenario: 'a40-sperrung', from: tour.recordings[0].from, to: tour.recordings[0].to });
    const chapter = (recording: string) => ({ ...tour.chapters[0], id: `c-${recording}`, recording });
    const t = { ...tour, recordings: [rec('unused'), rec('late'), rec('early')], chapters: [chapter('early'), chapter('late'), chapter('early')] } as unknown as Parameters<typeof inPlayOrder>[0];
    expect(inPlayOrder(t).map((r) => r.id)).toEqual(['early', 'late', 'unused']);
  });
});
