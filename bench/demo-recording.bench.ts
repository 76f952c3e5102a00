/**
 * How long a tour's recordings take to make (what a first DEMO=<tour> start costs before the tour
 * is ready) and how many rows they write: each recording headless into a fresh SQLite file. Prints JSON.
 *
 * `npx tsx bench/demo-recording.bench.ts [tour]` (default smart-citycon)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordWindow } from '../server/demo/record-window.js';
import { loadTour } from '../server/demo/tour-file.js';
import { loadSensorIndex } from '../server/registry.js';
import { SqliteHistoryStore } from '../server/store/sqlite-store.js';
import { linkStreets, loadRoadNetwork } from '../server/traffic/road-network.js';

async function main() {
  const tourId = process.argv[2] ?? 'smart-citycon';
  const sensors = loadSensorIndex();
  const roads = loadRoadNetwork();
  const { tour, scenarios, version } = loadTour(tourId, { sensorIds: new Set(sensors.byId.keys()), linkIds: new Set(linkStreets(roads).keys()) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtpuls-demo-bench-'));
  const file = path.join(dir, 'history.sqlite');
  const store = new SqliteHistoryStore(file);
  await store.migrate();
  const results = [];
  for (const rec of tour.recordings) {
    const run = await store.openRun({ realtime: false, scenario: `bench-${rec.id}`, startedAt: Date.now() });
    const t0 = performance.now();
    const done = await recordWindow({ store, sensors, roads }, run.id, scenarios.get(rec.scenario)!, Date.parse(rec.from), Date.parse(rec.to));
    results.push({ recording: rec.id, scenario: rec.scenario, cityHours: +((Date.parse(rec.to) - Date.parse(rec.from)) / 3_600_000).toFixed(1), ...done, wallSeconds: +((performance.now() - t0) / 1000).toFixed(1) });
  }
  await store.close();
  const bytes = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ benchmark: 'demo-recording', node: process.version, tour: tourId, version, totalWallSeconds: +results.reduce((s, r) => s + r.wallSeconds, 0).toFixed(1), sqliteMB: +(bytes / 1e6).toFixed(1), results }, null, 2));
}

void main();
