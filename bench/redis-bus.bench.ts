/**
 * How many accepted readings per second the cluster's Redis bus (server/cluster/reading-bus.ts) carries
 * on this machine, before (one XADD per reading, pipelined) and after (batches of ENTRIES_PER_MESSAGE
 * readings per XADD, as the bus sends them) in the same run: publishing (XADD until Redis has them all),
 * consuming (XREAD from the start, parse, apply to a live state), the CPU of this process and of
 * Redis per 100,000 readings, Redis's memory per reading in the stream, and what a node joining a city
 * of 100,000 sensors takes (state hash and stream id, parsed). Publisher and consumer run
 * one after the other in this process, so each phase has one core; Redis is the local one on
 * 127.0.0.1:6379 (REDIS_URL to change). Prints JSON; run with `npx tsx bench/redis-bus.bench.ts`.
 * Each figure is the median of ROUNDS rounds.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient } from 'redis';
import { deriveFigures } from '../common/derive.js';
import type { LiveEntry } from '../common/protocol.js';
import type { Reading } from '../common/readings.js';
import { ENTRIES_PER_MESSAGE, RedisReadingBus, stateSnapshot } from '../server/cluster/reading-bus.js';
import type { RedisCommands } from '../server/cluster/redis-commands.js';
import { StreamConsumer } from '../server/cluster/stream-consumer.js';
import { loadSensorIndex } from '../server/registry.js';
import { LiveState } from '../server/state/live-state.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_READINGS ?? 200_000);
const ROUNDS = 3;
const PREFIX = `stadtpuls-bench-${process.pid}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const client = createClient({ url: REDIS_URL });
const reader = createClient({ url: REDIS_URL });
await Promise.all([client.connect(), reader.connect()]);
const redis = client as unknown as RedisCommands;

// Real entries: every car park of the registry reporting in turn, derived as the ingest path derives them.
const sensors = loadSensorIndex();
const parks = sensors.ofKind('parking');
const t0 = Date.now();
const entries: LiveEntry[] = Array.from({ length: N }, (_, i) => {
  const sensor = parks[i % parks.length]!;
  const reading: Reading = { sensorId: sensor.id, kind: 'parking', ts: t0 + i, values: { freeSpaces: 100 + (i % 300), open: true } };
  return { reading, derived: deriveFigures(reading, sensor), receivedAt: t0 + i };
});
const bytesPerEntry = Math.round(JSON.stringify(entries.slice(0, 1000)).length / 1000);

async function redisCpuS(): Promise<number> {
  const info = String(await redis.sendCommand(['INFO', 'cpu']));
  const get = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

interface Phase {
  ms: number;
  cpuMs: number;
  redisCpuMs: number;
}

async function measure(run: () => Promise<void>): Promise<Phase> {
  const cpu0 = process.cpuUsage();
  const r0 = await redisCpuS();
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, redisCpuMs: ((await redisCpuS()) - r0) * 1000 };
}

/** Before: one stream entry per reading, all pipelined (node-redis writes commands of one tick together). */
async function publishPerReading(stream: string): Promise<void> {
  const WINDOW = 5000;
  for (let i = 0; i < N; i += WINDOW) {
    const sends: Array<Promise<unknown>> = [];
    for (const e of entries.slice(i, i + WINDOW)) sends.push(redis.sendCommand(['XADD', stream, 'MAXLEN', '~', String(N * 2), '*', 'node', 'bench', 'n', '1', 'e', JSON.stringify([e])]));
    await Promise.all(sends);
  }
}

/** After: the bus itself, flushed as its timer would (one flush per 50 ms beat; here back to back). */
async function publishBatched(stream: string): Promise<void> {
  const bus = new RedisReadingBus(redis, { stream, stateKey: `${stream}:state`, nodeId: 'bench', maxLen: N, apply: () => 'applied' });
  const STEP = 5000; // readings accepted between two flushes: 100,000/s at the bus's 50 ms beat
  for (let i = 0; i < N; i += STEP) {
    for (const e of entries.slice(i, i + STEP)) bus.publish(e);
    await bus.flush();
  }
  if (bus.stats.published !== N) throw new Error(`published ${bus.stats.published} of ${N}`);
}

/** Every node's side: read the stream from its start and apply each reading to a live state. */
async function consume(stream: string): Promise<void> {
  const state = new LiveState();
  const bus = new RedisReadingBus(redis, {
    stream,
    stateKey: `${stream}:state`,
    nodeId: 'consumer',
    maxLen: N,
    apply: (e) => {
      state.set(e);
      return 'applied';
    },
  });
  let done: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const consumer = new StreamConsumer(reader as unknown as RedisCommands, stream, '0', (m) => {
    bus.receive(m);
    if (bus.stats.applied >= N) done();
  }, { count: 200, blockMs: 200 });
  consumer.start();
  await finished;
  await consumer.stop();
}

const modes = { perReading: publishPerReading, batched: publishBatched } as const;
const result: Record<string, unknown> = {};
for (const [mode, publish] of Object.entries(modes)) {
  const pub: Phase[] = [];
  const sub: Phase[] = [];
  let memoryBytes = 0;
  let streamEntries = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const stream = `${PREFIX}:${mode}:${round}`;
    pub.push(await measure(() => publish(stream)));
    streamEntries = Number(await redis.sendCommand(['XLEN', stream]));
    memoryBytes = Number(await redis.sendCommand(['MEMORY', 'USAGE', stream, 'SAMPLES', '0']));
    sub.push(await measure(() => consume(stream)));
    await redis.sendCommand(['DEL', stream, `${stream}:state`]);
  }
  const summary = (phases: Phase[]) => {
    const ms = median(phases.map((p) => p.ms));
    return {
      readingsPerS: Math.round(N / (ms / 1000)),
      ms: Math.round(ms),
      processCpuMsPer100k: Math.round((median(phases.map((p) => p.cpuMs)) * 100_000) / N),
      redisCpuMsPer100k: Math.round((median(phases.map((p) => p.redisCpuMs)) * 100_000) / N),
    };
  };
  result[mode] = {
    readingsPerStreamEntry: mode === 'batched' ? ENTRIES_PER_MESSAGE : 1,
    streamEntries,
    publish: summary(pub),
    consume: summary(sub),
    redisBytesPerReading: Math.round(memoryBytes / N),
  };
}

// A node joining a city of JOIN_SENSORS sensors: the state hash (one latest entry each) and the stream id, parsed.
const JOIN_SENSORS = 100_000;
{
  const stream = `${PREFIX}:join`;
  const bus = new RedisReadingBus(redis, { stream, stateKey: `${stream}:state`, nodeId: 'bench', maxLen: 1000, apply: () => 'applied' });
  for (let i = 0; i < JOIN_SENSORS; i++) {
    const e = entries[i % N]!;
    bus.publish({ ...e, reading: { ...e.reading, sensorId: `bench-${i}` } });
    if (i % 5000 === 4999) await bus.flush();
  }
  await bus.flush();
  const hashBytes = Number(await redis.sendCommand(['MEMORY', 'USAGE', `${stream}:state`, 'SAMPLES', '0']));
  const times: number[] = [];
  let got = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    got = (await stateSnapshot(redis, stream, `${stream}:state`)).entries.length;
    times.push(performance.now() - start);
  }
  await redis.sendCommand(['DEL', stream, `${stream}:state`]);
  result.join = { sensors: got, snapshotMs: Math.round(median(times)), stateHashMiB: Math.round((hashBytes / 2 ** 20) * 10) / 10 };
}

const before = result.perReading as { publish: { readingsPerS: number }; consume: { readingsPerS: number } };
const after = result.batched as typeof before;
console.log(
  JSON.stringify(
    {
      bench: 'redis-bus',
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), loadavg1: loadavg()[0] },
      redis: String(await redis.sendCommand(['INFO', 'server'])).match(/redis_version:(\S+)/)?.[1],
      readings: N,
      bytesPerEntryJson: bytesPerEntry,
      rounds: ROUNDS,
      ...result,
      ratio: {
        publish: Math.round((after.publish.readingsPerS / before.publish.readingsPerS) * 10) / 10,
        consume: Math.round((after.consume.readingsPerS / before.consume.readingsPerS) * 10) / 10,
      },
    },
    null,
    2,
  ),
);
await Promise.all([client.close(), reader.close()]);
