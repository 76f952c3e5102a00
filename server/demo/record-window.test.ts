import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSensorIndex } from '../registry.js';
import { loadScenario } from '../simulator/scenario.js';
import { SqliteHistoryStore } from '../store/sqlite-store.js';
import { loadRoadNetwork } from '../traffic/road-network.js';
import { recordWindow } from './record-window.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtpuls-record-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a recording of the heatwave replay', () => {
  // The demo's heat chapter began its recording at 12:30 and said "0,3 h" under heat stress today at 13:08.
  it('begins its climate before the window: hours under heat stress count from midnight, a station has the week before', async () => {
    const store = new SqliteHistoryStore(path.join(dir, 'history.sqlite'));
    await store.migrate();
    const sensors = loadSensorIndex();
    const run = (await store.openRun({ realtime: false, scenario: 'probe', startedAt: Date.now() })).id;
    const from = Date.parse('2024-08-13T13:00:00+02:00');
    const to = Date.parse('2024-08-13T13:10:00+02:00');
    await recordWindow({ store, sensors, roads: loadRoadNetwork() }, run, loadScenario('hitzewelle-august-2024'), from, to);

    const mitte = await store.series(run, 'district', 'mitte', from, to, 'raw');
    const hours = mitte.at(-1)!.values.hoursHeatStressToday!;
    // 13 Aug: Mitte's mean UTCI at or above 32 °C from the morning on; at most the 13 h since midnight
    expect(hours).toBeGreaterThan(2);
    expect(hours).toBeLessThanOrEqual(13.2);
    // the replay begins on 8 Aug, within the week before the window: a bench's series reaches back to it
    const week = await store.series(run, 'climate', 'climate-agnesstrasse', from - 7 * 86_400_000, from, '1h');
    expect(new Date(week[0]!.t).toISOString().slice(0, 10)).toBe('2024-08-07');
    expect(week.length).toBeGreaterThan(5 * 24);
    // traffic only within the window: the lead-in is the climate's alone
    const traffic = await store.series(run, 'traffic', sensors.ofKind('traffic')[0]!.id, from - 86_400_000, to, 'raw');
    expect(traffic.length).toBeGreaterThan(0);
    expect(Math.min(...traffic.map((p) => p.t))).toBeGreaterThanOrEqual(from);
    await store.close();
  }, 180_000);
});
