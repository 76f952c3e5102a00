import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { treeSenseSeriesSchema } from '../../common/treesense-series.js';
import { Ingest } from '../ingest/ingest.js';
import { DATA_DIR } from '../paths.js';
import { loadSensorIndex } from '../registry.js';
import { loadScenario } from '../simulator/scenario.js';
import { LiveState } from '../state/live-state.js';
import { TREE_BACKFILL_MS, TreeReplay } from './tree-replay.js';

const H = 3_600_000;
const scenario = loadScenario('trockenheit-september-2023');
const file = scenario.treeReplay!.file;
const series = treeSenseSeriesSchema.parse(JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')));
const sensors = loadSensorIndex();

/** The data file's own row of a sensor at an instant (independent of the replay's conversion). */
function rowAt(sensorId: string, ts: number): [number, number, number] | undefined {
  return series.sensors.find((s) => s.sensorId === sensorId)!.rows.find(([minute]) => series.start + minute * 60_000 === ts);
}

/** The replay through a real ingest path on a city clock the test moves, as the scenario runs it. */
function replayThroughIngest() {
  let now = Date.parse(scenario.start);
  const state = new LiveState();
  const ingest = new Ingest(sensors, state, () => now, pino({ level: 'silent' }));
  const replay = new TreeReplay(file);
  const submitted: Array<{ sensorId: string; ts: number; soilMoisturePct: number }> = [];
  const step = () => {
    for (const r of replay.step(now)) {
      submitted.push({ sensorId: r.sensorId, ts: r.ts, soilMoisturePct: r.values.soilMoisturePct });
      ingest.submit(r, 'tree-replay');
    }
  };
  return { ingest, state, submitted, step, advance: (ms: number) => (now += ms), now: () => now };
}

describe('TreeSense replay (trockenheit-september-2023)', () => {
  it('the five tree sensors are in the registry, loaded beside data/sensors.geojson, and the replay names no other', () => {
    const trees = sensors.ofKind('tree');
    expect(trees.map((t) => t.id).sort()).toEqual(series.sensors.map((s) => s.sensorId).sort());
    expect(trees).toHaveLength(5);
    for (const t of trees) expect(t.properties.devEui).toBe(series.sensors.find((s) => s.sensorId === t.id)!.devEui);
  });

  it('TreeSense replay rows accepted through ingest: the first step brings the 47 h before the start, every row accepted and counted', () => {
    const run = replayThroughIngest();
    run.step();
    const start = run.now();
    // Linde 2 and 3 report from April 2024 on: in September 2023 three sensors have data.
    expect(new Set(run.submitted.map((r) => r.sensorId))).toEqual(new Set(['tree-linde-1', 'tree-esche-4', 'tree-spitzahorn-5']));
    expect(run.submitted.every((r) => r.ts > start - TREE_BACKFILL_MS && r.ts <= start)).toBe(true);
    // hourly rows: about 47 per sensor, less the hours missing in the exports
    expect(run.submitted.length).toBeGreaterThan(3 * 40);
    expect(run.submitted.length).toBeLessThanOrEqual(3 * 47);
    const counters = run.ingest.stats.snapshot()['tree-replay'];
    expect(counters.accepted).toBe(run.submitted.length);
    expect(Object.values(counters.rejected).reduce((a, b) => a + b, 0)).toBe(0);
    expect(counters.outdated + counters.duplicates).toBe(0);
  });

  it('over the next two city days every row is accepted, and the live state holds the data file row', () => {
    const run = replayThroughIngest();
    run.step();
    const before = run.submitted.length;
    for (let i = 0; i < 48 * 4; i++) {
      run.advance(H / 4);
      run.step();
    }
    const later = run.submitted.slice(before);
    expect(later.length).toBeGreaterThan(3 * 40);
    expect(run.ingest.stats.snapshot()['tree-replay'].accepted).toBe(run.submitted.length);
    for (const id of ['tree-linde-1', 'tree-spitzahorn-5']) {
      const entry = run.state.get(id)!;
      expect(entry.reading.kind).toBe('tree');
      const row = rowAt(id, entry.reading.ts)!;
      expect(entry.reading.values).toEqual({ soilMoisturePct: row[1], sensorTempC: row[2] });
      expect(entry.derived).toEqual({ kind: 'tree' });
    }
  });

  it('the soil dries at Linde 1 from 7 to 11 September 2023 and is wet again on 13 September (the series the scenario is about)', () => {
    const run = replayThroughIngest();
    run.step();
    for (let t = run.now(); t < Date.parse('2023-09-13T12:00:00+02:00'); t += H) {
      run.advance(H);
      run.step();
    }
    const linde = run.submitted.filter((r) => r.sensorId === 'tree-linde-1');
    const on = (day: string) => linde.filter((r) => new Date(r.ts).toISOString().startsWith(day)).map((r) => r.soilMoisturePct);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(on('2023-09-08'))).toBeGreaterThan(mean(on('2023-09-11')));
    expect(Math.min(...on('2023-09-11'))).toBeLessThan(85);
    expect(Math.max(...on('2023-09-13'))).toBe(100);
  });

  it('a malformed tree reading is rejected and counted, beside the accepted replay', () => {
    const run = replayThroughIngest();
    run.step();
    const ts = run.now();
    const outcomes = [
      run.ingest.submit({ sensorId: 'tree-linde-1', kind: 'tree', ts, values: { soilMoisturePct: 140, sensorTempC: 20 } }, 'tree-replay'),
      run.ingest.submit({ sensorId: 'tree-linde-1', kind: 'tree', ts, values: { soilMoisturePct: 80 } }, 'tree-replay'),
      run.ingest.submit({ sensorId: 'tree-linde-9', kind: 'tree', ts, values: { soilMoisturePct: 80, sensorTempC: 20 } }, 'tree-replay'),
      run.ingest.submit({ sensorId: 'tree-linde-1', kind: 'climate', ts, values: { airTempC: 20, relHumidityPct: 50, windKmh: 3, solarWm2: 0 } }, 'tree-replay'),
    ];
    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual(['invalid', 'invalid', 'unknown_sensor', 'kind_mismatch']);
    expect(outcomes[0]).toMatchObject({ detail: expect.stringMatching(/soilMoisturePct/) });
    const counters = run.ingest.stats.snapshot()['tree-replay'];
    expect(counters.rejected).toMatchObject({ invalid: 2, unknown_sensor: 1, kind_mismatch: 1 });
    expect(counters.accepted).toBe(run.submitted.length);
  });
});
