/**
 * Benchmark of the history store on the real registry with simulated readings (simulator and
 * traffic twin, derived as ingest derives them): write throughput with rollups into SQLite and
 * PostgreSQL, how long the server's event loop is blocked per batch while writing, query times,
 * and bytes per sensor-day on disk. Prints JSON; run with `npm run bench:store`.
 * Query figures are medians of repeated runs in this one process.
 * PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a schema of
 * its own that is dropped afterwards; skipped (and said so) when nothing answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deriveFigures } from '../common/derive.js';
import { STALE_AFTER_MS } from '../common/freshness.js';
import type { LiveEntry } from '../common/protocol.js';
import type { Reading } from '../common/readings.js';
import { loadSensorIndex } from '../server/registry.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { Simulator } from '../server/simulator/simulator.js';
import type { HistoryStore, HistoryWriteBatch, SeriesSample } from '../server/store/history-store.js';
import { HistoryWriter } from '../server/store/history-writer.js';
import { POSTGRES_BATCH_MAX } from '../server/store/store-config.js';
import { PostgresHistoryStore } from '../server/store/postgres-store.js';
import { SqliteHistoryStore } from '../server/store/sqlite-store.js';
import { SqliteWorkerSink } from '../server/store/sqlite-worker-sink.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../server/traffic/road-network.js';
import { TrafficTwin } from '../server/traffic/traffic-twin.js';
import { median } from './median.js';

const DAYS = Number(process.env.BENCH_DAYS ?? 7);
const PG_DAYS = Number(process.env.BENCH_PG_DAYS ?? 1);
const BATCH = 5_000;
const QUERY_ROUNDS = 21;
const DAY = 86_400_000;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x: number, digits = 2) => +x.toFixed(digits);

// ---- one simulated day of readings, every 5 s of city time; later days repeat it shifted by whole days
const sensors = loadSensorIndex();
const scenario = loadScenario('normaler-werktag');
const start = Date.parse('2026-06-15T00:00:00+02:00');
const sim = new Simulator(scenario, sensors, start, new Set(['climate', 'parking', 'charging']), 1);
const roads = loadRoadNetwork();
let now = start;
const twin = new TrafficTwin({ network: roads, detectors: twinDetectors(sensors), closures: new ClosureStore(linkStreets(roads), () => now), start, dayType: scenario.dayType, seed: 1 });
const oneDay: LiveEntry[] = [];
for (let t = start + 5_000; t < start + DAY; t += 5_000) {
  now = t;
  for (const reading of [...sim.step(t), ...twin.step(t)] as Reading[]) {
    const sensor = sensors.get(reading.sensorId);
    if (sensor === undefined || reading.ts >= start + DAY) continue;
    oneDay.push({ reading, derived: deriveFigures(reading, sensor), receivedAt: reading.ts + 300 });
  }
}
oneDay.sort((a, b) => a.reading.ts - b.reading.ts);
const sensorsReporting = new Set(oneDay.map((e) => e.reading.sensorId)).size;
const DISTRICTS = ['mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest'];

function dayOf(d: number): HistoryWriteBatch[] {
  const shift = d * DAY;
  const entries = oneDay.map((e) => ({ ...e, reading: { ...e.reading, ts: e.reading.ts + shift }, receivedAt: e.receivedAt + shift }) as LiveEntry);
  const samples: SeriesSample[] = [];
  for (let t = start + shift; t < start + shift + DAY; t += 60_000) {
    for (const id of DISTRICTS) {
      const u = 22 + 10 * Math.sin(((t - start) / DAY) * 2 * Math.PI);
      samples.push({ kind: 'district', id, t, values: { meanUtciC: u, maxUtciC: u + 3, shareStrongOrWorse: Math.max(0, (u - 28) / 10), hoursHeatStressToday: 0 } });
    }
  }
  const batches: HistoryWriteBatch[] = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const share = Math.ceil(samples.length / Math.ceil(entries.length / BATCH));
    batches.push({ entries: entries.slice(i, i + BATCH), samples: samples.splice(0, share), events: [] });
  }
  if (samples.length > 0) batches.push({ entries: [], samples, events: [] });
  return batches;
}

const readingsIn = (batches: HistoryWriteBatch[]) => batches.reduce((n, b) => n + b.entries.length + b.samples.length, 0);
const detector = oneDay.find((e) => e.reading.kind === 'traffic')!.reading.sensorId;

async function queries(store: HistoryStore, run: string, days: number) {
  const end = start + days * DAY;
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    let size = 0;
    for (let i = 0; i < QUERY_ROUNDS; i++) {
      const t0 = performance.now();
      const r = await fn();
      xs.push(performance.now() - t0);
      size = Array.isArray(r) ? r.length : 0;
    }
    return { medianMs: round(median(xs)), p90Ms: round(quantile(xs, 0.9)), rows: size };
  };
  return {
    sensor24hAt1m: await time(() => store.series(run, 'traffic', detector, end - DAY, end - 1, '1m')),
    // District figures are written for 7 days on both back-ends.
    district7dAt15m: await time(() => store.series(run, 'district', 'mitte', start, start + 7 * DAY - 1, '15m')),
    stateAtAllSensors: await time(() => store.stateAt(run, end - DAY / 2, (k) => STALE_AFTER_MS[k])),
    sensor2hRaw: await time(() => store.series(run, 'traffic', detector, end - DAY / 2, end - DAY / 2 + 7_200_000, 'raw')),
  };
}

/** Direct writes (the thread that writes is blocked for each whole batch). */
async function writeAll(store: HistoryStore, run: string, days: number) {
  const perBatchMs: number[] = [];
  let readings = 0;
  let totalMs = 0;
  for (let d = 0; d < days; d++) {
    const batches = dayOf(d);
    readings += readingsIn(batches);
    for (const b of batches) {
      const t0 = performance.now();
      await store.write(run, b);
      const ms = performance.now() - t0;
      perBatchMs.push(ms);
      totalMs += ms;
    }
  }
  return {
    readings,
    readingsPerSecond: Math.round(readings / (totalMs / 1000)),
    msPer5000RowBatch: { median: round(median(perBatchMs)), p99: round(quantile(perBatchMs, 0.99)), max: round(Math.max(...perBatchMs)) },
  };
}

/** Through the history writer, as the server writes: how long the event loop stalls meanwhile. */
async function eventLoopWhileWriting(writer: HistoryWriter, sinkCalls: number[], batches: HistoryWriteBatch[]) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const t0 = performance.now();
  for (const b of batches) {
    writer.addEntries(b.entries);
    for (const s of b.samples) writer.addSample(s);
    await new Promise((r) => setImmediate(r));
  }
  await writer.flush();
  const ms = performance.now() - t0;
  delay.disable();
  return {
    readingsPerSecond: Math.round(readingsIn(batches) / (ms / 1000)),
    mainThreadMsPerBatch: { p99: round(quantile(sinkCalls, 0.99)), max: round(Math.max(...sinkCalls)) },
    eventLoopDelayMs: { p99: round(delay.percentile(99) / 1e6), max: round(delay.max / 1e6) },
  };
}

/** Wraps a sink so the synchronous part of each call (what the event loop waits for) is measured. */
function timedSink<S extends { write(run: string, b: HistoryWriteBatch): Promise<void> }>(sink: S, calls: number[]): S {
  const write = sink.write.bind(sink);
  sink.write = (run, b) => {
    const t0 = performance.now();
    const p = write(run, b);
    calls.push(performance.now() - t0);
    return p;
  };
  return sink;
}

async function benchSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stadtpuls-bench-'));
  const file = path.join(dir, 'history.sqlite');
  const store = new SqliteHistoryStore(file);
  await store.migrate();
  const run = await store.openRun({ realtime: false, scenario: 'bench', startedAt: Date.now() });
  const direct = await writeAll(store, run.id, DAYS);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = fs.statSync(file).size;
  const sensorDays = sensorsReporting * DAYS;
  let perTable: Record<string, number> | undefined;
  try {
    const rows = store.db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
    perTable = Object.fromEntries(rows.filter((r) => r.bytes > 100_000).map((r) => [r.name, Math.round(r.bytes / sensorDays)]));
  } catch {
    perTable = undefined; // dbstat not compiled in
  }
  const q = await queries(store, run.id, DAYS);

  // The server's path: the writer hands batches to the worker thread; one more day into a fresh run.
  const calls: number[] = [];
  const sink = timedSink(new SqliteWorkerSink(file), calls);
  const writer = new HistoryWriter({ sink, batchMax: BATCH, queueMax: 1_000_000, flushMs: 1_000 });
  const run2 = await store.openRun({ realtime: false, scenario: 'bench-writer', startedAt: Date.now() });
  writer.setRun(run2.id);
  const viaWorker = await eventLoopWhileWriting(writer, calls, dayOf(0));
  await writer.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    days: DAYS,
    directWrites: direct,
    viaWriterAndWorkerThread: viaWorker,
    queries: q,
    disk: { bytes, bytesPerSensorDay: Math.round(bytes / sensorDays), bytesPerSensorDayByTable: perTable, note: 'raw rows of every day kept (no retention applied)' },
  };
}

async function benchPostgres() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `stadtpuls_bench_${randomBytes(4).toString('hex')}`;
  const store = new PostgresHistoryStore({ connectionString: url, schema });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    return { skipped: `PostgreSQL not reachable at ${url}: ${(err as Error).message}` };
  }
  try {
    const run = await store.openRun({ realtime: false, scenario: 'bench', startedAt: Date.now() });
    const direct = await writeAll(store, run.id, PG_DAYS);
    // Seven days of district figures for the district query, as on SQLite.
    for (let d = PG_DAYS; d < 7; d++) for (const b of dayOf(d)) await store.write(run.id, { entries: [], samples: b.samples, events: [] });
    const q = await queries(store, run.id, PG_DAYS);
    const calls: number[] = [];
    const writer = new HistoryWriter({
      sink: timedSink({ write: (r: string, b: HistoryWriteBatch) => store.write(r, b), applyRetention: store.applyRetention.bind(store), deleteEndedRuns: store.deleteEndedRuns.bind(store) }, calls),
      batchMax: POSTGRES_BATCH_MAX,
      queueMax: 1_000_000,
    });
    const run2 = await store.openRun({ realtime: false, scenario: 'bench-writer', startedAt: Date.now() });
    writer.setRun(run2.id);
    const viaWriter = await eventLoopWhileWriting(writer, calls, dayOf(0));
    await writer.close();
    const size = await store.pool.query<{ bytes: number }>(
      `SELECT SUM(pg_total_relation_size(c.oid))::float8 AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    return {
      days: PG_DAYS,
      directWrites: direct,
      viaWriter,
      queries: q,
      disk: { bytesPerSensorDay: Math.round(size.rows[0].bytes / (sensorsReporting * (PG_DAYS + 1))), note: 'two runs of sensor days, plus 7 days of district figures' },
    };
  } finally {
    await store.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}

const sqlite = await benchSqlite();
const postgres = process.env.BENCH_PG === 'off' ? { skipped: 'BENCH_PG=off' } : await benchPostgres();
console.log(
  JSON.stringify(
    {
      benchmark: 'history-store',
      node: process.version,
      sensorsReporting,
      readingsPerSimulatedDay: oneDay.length,
      districtSamplesPerDay: DISTRICTS.length * 1440,
      batchRows: BATCH,
      goals: { sqliteReadingsPerSecond: 50_000, sensor24hAt1mMs: 20, district7dAt15mMs: 50, stateAtAllSensorsMs: 100 },
      sqlite,
      postgres,
    },
    null,
    2,
  ),
);
