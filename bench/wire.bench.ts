/**
 * The live stream's wire (issue 13): before = today's JSON path, after = the columnar form, in the
 * same run. Prints JSON; run with `npm run bench:wire`. Medians of several rounds in this one run.
 *
 * 1. Fan-out: the real registry, 2,000 Socket.IO clients (a child process, bench/wire-clients.ts)
 *    at a 100 ms tick on one node: share of deltas delivered, latency serverTime → receipt
 *    (p50/p99), the server's CPU (share of one core), for JSON without compression (before), JSON
 *    with permessage-deflate (now) and the columnar form.
 * 2. Bytes and encode time per snapshot and delta at the real registry and at 100,000 sensors
 *    (copies of data/sensors.geojson, as the issue measured), delta at the registry's pace and with
 *    every sensor (SCALE_RATE=1); JSON raw and as permessage-deflate would send it (raw DEFLATE).
 * 3. Decode time per delta on the client side, measured in Node (the same decoder the browser runs).
 * WIRE_CLIENT_PROCS spreads the clients over that many child processes (each reports its CPU share: one
 * process receiving every client's deltas can be the bottleneck itself), WIRE_MODES picks fan-out forms,
 * WIRE_SIZES=0 skips part 2; each fan-out run also gives the server's own broadcast time per tick.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { deflateRawSync } from 'node:zlib';
import { Server } from 'socket.io';
import type { LiveEntry } from '../common/protocol.js';
import { columnsToEntries, decodeColumns, encodeColumns } from '../common/wire/columns.js';
import { LiveColumns } from '../client/src/live/live-columns.js';
import { LiveStore } from '../client/src/live/live-store.js';
import { createLogger } from '../server/logger.js';
import { ConnectionGuard, GUARDED_SOCKET_IO_OPTIONS } from '../server/stream/connection-guard.js';
import { LiveStream, type StadtpulsIo } from '../server/stream/live-stream.js';
import { honourCompressFlag, sendPartsTogether } from '../server/stream/engine-sending.js';
import { RegistryIndex } from '../server/stream/registry-index.js';
import { bigCity, realCity, type BenchCity } from './wire-city.js';

const ROUNDS = 7;
const CLIENTS = Number(process.env.WIRE_CLIENTS ?? 2000);
const TICK_MS = 100;
const WINDOW_MS = Number(process.env.WIRE_WINDOW_MS ?? 10_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timeMs = (f: () => unknown) => {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return +median(times).toFixed(3);
};

type Mode = 'json-before' | 'json-deflate' | 'columns';
const CLIENT_PROCS = Math.max(1, Number(process.env.WIRE_CLIENT_PROCS ?? 1));
interface ClientsResult {
  clients: number;
  connected: number;
  expectedPerClient: number;
  deliveredShare: number;
  outOfOrder: number;
  latencies: number[];
  clientCpuShareOfOneCore: number;
}

async function fanOut(city: BenchCity, mode: Mode) {
  const http = createServer();
  const { perMessageDeflate: _deflate, ...withoutDeflate } = GUARDED_SOCKET_IO_OPTIONS;
  const io: StadtpulsIo = new Server(http, { serveClient: false, ...(mode === 'json-before' ? { ...withoutDeflate, perMessageDeflate: false } : GUARDED_SOCKET_IO_OPTIONS) });
  // as server/app.ts does: the columnar form goes out undeflated, as its compress(false) says, its two parts in one write
  honourCompressFlag(io, () => {
    throw new Error('engine.io WebSocket transport of an unknown shape');
  });
  sendPartsTogether(io);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const state = new Map(city.entries.map((e) => [e.reading.sensorId, e]));
  const log = createLogger('silent');
  const stream = new LiveStream(io, {
    cityNow: () => Date.now(),
    scenario: null,
    tickMs: TICK_MS,
    entries: () => [...state.values()],
    entryOf: (id) => state.get(id),
    registry: city.features,
    channels: [],
    guard: new ConnectionGuard({ maxBufferedBytes: 8 * 1024 * 1024, maxEventsPer10s: 10 }, log),
    backpressure: { budgetBytes: 1024 * 1024, resyncAfterMs: 5000, stalledAfterMs: 30_000 },
  });
  const tickWallMs: number[] = [];
  // The registry's pace: readings per tick, carried over between ticks.
  const ids = [...state.keys()];
  let due = 0;
  let k = 0;
  const timer = setInterval(() => {
    due += (city.readingsPerSecond * TICK_MS) / 1000;
    const changed: LiveEntry[] = [];
    for (; due >= 1; due -= 1) {
      const e = state.get(ids[k++ % ids.length])!;
      const next = { ...e, reading: { ...e.reading, ts: e.reading.ts + 1000 }, receivedAt: Date.now() } as LiveEntry;
      state.set(next.reading.sensorId, next);
      changed.push(next);
    }
    const s = performance.now();
    stream.tick({ cityTime: Date.now(), entries: changed });
    tickWallMs.push(+(performance.now() - s).toFixed(2));
  }, TICK_MS);

  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // The clients in WIRE_CLIENT_PROCS child processes: one process receiving 20,000 deltas a second is busy by itself.
  const children = Array.from({ length: CLIENT_PROCS }, (_, i) => {
    const n = Math.floor(CLIENTS / CLIENT_PROCS) + (i < CLIENTS % CLIENT_PROCS ? 1 : 0);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/wire-clients.ts', url, String(n), mode === 'columns' ? 'columns' : 'json'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    return { child, next: () => new Promise<string>((resolve) => lines.once('line', resolve)) };
  });
  const readies = (await Promise.all(children.map((c) => c.next()))).map((l) => JSON.parse(l) as { snapshots: number });
  const ready = { snapshots: readies.reduce((n, r) => n + r.snapshots, 0) };
  await new Promise((r) => setTimeout(r, 1000));
  for (const c of children) c.child.stdin!.write('start\n');
  const from = stream.lastSeq;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  tickWallMs.length = 0;
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const to = stream.lastSeq;
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  const ticks = [...tickWallMs].sort((a, b) => a - b);
  // Stragglers: a second for what was sent in the window to arrive.
  await new Promise((r) => setTimeout(r, 1000));
  for (const c of children) c.child.stdin!.write(`stop ${from} ${to}\n`);
  const parts = (await Promise.all(children.map((c) => c.next()))).map((l) => JSON.parse(l) as ClientsResult);
  const lat = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : null);
  const clients = parts.reduce((n, p) => n + p.clients, 0);
  const result = {
    clients,
    clientProcesses: CLIENT_PROCS,
    connected: parts.reduce((n, p) => n + p.connected, 0),
    expectedPerClient: parts[0].expectedPerClient,
    deliveredShare: +(parts.reduce((n, p) => n + p.deliveredShare * p.clients, 0) / clients).toFixed(4),
    outOfOrder: parts.reduce((n, p) => n + p.outOfOrder, 0),
    latencyMs: { p50: q(0.5), p99: q(0.99), max: lat.at(-1) ?? null },
    clientCpuShareOfOneCore: parts.map((p) => p.clientCpuShareOfOneCore),
    // the server's own part: one tick's broadcast to every room, synchronous, wall ms
    serverTickMs: { p50: ticks[Math.floor(ticks.length / 2)], p99: ticks[Math.min(ticks.length - 1, Math.floor(0.99 * ticks.length))], max: ticks.at(-1) },
  };
  clearInterval(timer);
  const backpressure = stream.stats();
  for (const c of children) c.child.kill();
  await io.close();
  return {
    mode,
    snapshotsReceived: ready.snapshots,
    ticks: to - from,
    ...result,
    serverCpuShareOfOneCore: +((cpu.user + cpu.system) / 1000 / wall).toFixed(3),
    serverEventLoopUtilization: +elu.utilization.toFixed(3),
    backpressure,
  };
}

function wireSizes(city: BenchCity, label: string) {
  const registry = new RegistryIndex(city.features);
  const clock = { seq: 1842, instance: '5f0c2a8e-0000-4000-8000-000000000000', serverTime: 1781591123456, cityTime: 1781591234000 };
  const perTick = Math.max(1, Math.round(city.readingsPerSecond));
  const step = Math.max(1, Math.floor(city.entries.length / perTick));
  const paced = city.entries.filter((_, i) => i % step === 0).slice(0, perTick);
  const measure = (entries: LiveEntry[], snapshot: boolean) => {
    const json = JSON.stringify({ ...clock, entries });
    const cols = encodeColumns(entries, registry.indexOf);
    const colsZ = deflateRawSync(cols);
    const jsonZ = deflateRawSync(json);
    return {
      entries: entries.length,
      jsonBytes: Buffer.byteLength(json),
      jsonDeflatedBytes: jsonZ.length,
      columnsBytes: cols.byteLength,
      columnsDeflatedBytes: colsZ.length,
      bytesPerEntry: { json: +(Buffer.byteLength(json) / Math.max(1, entries.length)).toFixed(1), columns: +(cols.byteLength / Math.max(1, entries.length)).toFixed(2) },
      encodeMs: {
        json: timeMs(() => JSON.stringify({ ...clock, entries })),
        jsonAndDeflate: timeMs(() => deflateRawSync(JSON.stringify({ ...clock, entries }))),
        columns: timeMs(() => encodeColumns(entries, registry.indexOf)),
        ...(snapshot && { columnsAndDeflate: timeMs(() => deflateRawSync(encodeColumns(entries, registry.indexOf))) }),
      },
      decodeMsNodeSide: {
        jsonParse: timeMs(() => JSON.parse(json)),
        columnsToTypedArrays: timeMs(() => decodeColumns(cols)),
        columnsToTypedArraysAndEntries: timeMs(() => decodeColumns(cols).flatMap((c) => columnsToEntries(c, registry.ids))),
      },
      // What the browser's store does per message (client/src/live/): parse or decode, then apply.
      clientApplyMsNodeSide: snapshot ? undefined : clientApply(json, cols, registry),
    };
  };
  return {
    city: label,
    sensors: city.features.length,
    readingsPerSecondAtRegistryPace: +city.readingsPerSecond.toFixed(1),
    snapshot: measure(city.entries, true),
    deltaAtRegistryPace1s: measure(paced, false),
    deltaEverySensor: measure(city.entries, false),
  };
}

/** Parse/decode and store.applyDelta of one delta, for a store that holds a snapshot of the whole city. */
function clientApply(json: string, cols: Uint8Array, registry: RegistryIndex) {
  const fresh = (withColumns: boolean) => {
    const store = new LiveStore();
    if (withColumns) store.columns = new LiveColumns(registry.ids, (i) => registry.kindOf(i));
    store.applySnapshot({ seq: 0, instance: 'i', serverTime: 0, cityTime: 0, scenario: null, tickMs: 1000, entries: [], districts: [], alerts: [], nights: [], closures: [] });
    return store;
  };
  const jsonStore = fresh(false);
  const colStore = fresh(true);
  let seq = 0;
  let seqC = 0;
  return {
    json: timeMs(() => {
      const d = JSON.parse(json);
      jsonStore.applyDelta({ ...d, seq: ++seq, instance: 'i' });
    }),
    columns: timeMs(() => {
      const decoded = decodeColumns(cols);
      colStore.applyDelta({ seq: ++seqC, instance: 'i', serverTime: 0, cityTime: 0, entries: decoded.flatMap((c) => columnsToEntries(c, registry.ids)) }, Date.now(), decoded);
    }),
  };
}

const real = realCity();
const fanout = [];
const modes = (process.env.WIRE_MODES?.split(',') ?? ['json-before', 'json-deflate', 'columns']) as Mode[];
if (process.env.WIRE_FANOUT !== '0') for (const mode of modes) fanout.push(await fanOut(real, mode));
const sizes = process.env.WIRE_SIZES === '0' ? [] : [wireSizes(real, 'registry'), wireSizes(bigCity(real, 100_000), 'copies of the registry')];

console.log(
  JSON.stringify(
    {
      benchmark: 'wire',
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memGB: +(totalmem() / 2 ** 30).toFixed(1), loadavg1m: +loadavg()[0].toFixed(2), node: process.version },
      fanOut: { sensors: real.features.length, clients: CLIENTS, tickMs: TICK_MS, windowMs: WINDOW_MS, runs: fanout },
      sizes,
      notes: [
        'fan-out clients run in one child process (socket.io-client in Node), latency = receipt time there minus the delta serverTime',
        'decode times are measured in Node with the decoder the browser runs (common/wire/columns.ts)',
        'JSON deflated = raw DEFLATE of the whole message, about what permessage-deflate without context takeover sends',
      ],
    },
    null,
    2,
  ),
);
process.exit(0);
