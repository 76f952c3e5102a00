/**
 * How long a tour's recordings take to make and how many rows they write: each recording headless
 * into a fresh SQLite file, in the order the chapters play them (as the server does). A first
 * DEMO=<tour> start shows the tour once its first step's window is written (`tourStartsS`, seconds
 * from the start), `chapterPlayableS` says when each chapter could first play, `allReadyS` when
 * everything was (what the tour waited for before). Prints JSON.
 *
 * `npx tsx bench/demo-recording.bench.ts [tour]` (default smart-citycon)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inPlayOrder } from '../server/demo/demo-recordings.js';
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
  const start = performance.now();
  // the city time each chapter needs written: the end of its last step's window
  const needs = tour.chapters.map((c) => ({ id: c.id, recording: c.recording, to: Math.max(...c.steps.map((s) => Date.parse(s.window.to))), playableS: null as number | null }));
  // the tour itself starts once its first step's window is written (client/src/demo/playability.ts)
  const firstStep = { recording: tour.chapters[0].recording, to: Date.parse(tour.chapters[0].steps[0].window.to), playableS: null as number | null };
  for (const rec of inPlayOrder(tour)) {
    const run = await store.openRun({ realtime: false, scenario: `bench-${rec.id}`, startedAt: Date.now() });
    const t0 = performance.now();
    const done = await recordWindow({ store, sensors, roads }, run.id, scenarios.get(rec.scenario)!, Date.parse(rec.from), Date.parse(rec.to), (t) => {
      for (const c of [firstStep, ...needs]) if (c.recording === rec.id && c.playableS === null && t >= c.to) c.playableS = +((performance.now() - start) / 1000).toFixed(1);
    });
    results.push({ recording: rec.id, scenario: rec.scenario, cityHours: +((Date.parse(rec.to) - Date.parse(rec.from)) / 3_600_000).toFixed(1), ...done, wallSeconds: +((performance.now() - t0) / 1000).toFixed(1) });
  }
  await store.close();
  const bytes = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => +x.toFixed(1)) };
  const chapterPlayableS = Object.fromEntries(needs.map((c) => [c.id, c.playableS]));
  console.log(JSON.stringify({ benchmark: 'demo-recording', node: process.version, machine, tour: tourId, version, tourStartsS: firstStep.playableS, allReadyS: +((performance.now() - start) / 1000).toFixed(1), chapterPlayableS, sqliteMB: +(bytes / 1e6).toFixed(1), results }, null, 2));
}

void main();
