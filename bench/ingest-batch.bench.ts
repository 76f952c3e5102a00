/**
 * Benchmark of POST /api/ingest under the batches issue 9 names: how long each request takes and the
 * longest the event loop was blocked meanwhile (perf_hooks' event-loop delay monitor, max), plus the
 * log the server wrote. Runs a real server in this process. Prints JSON; run with
 * `npx tsx bench/ingest-batch.bench.ts`. Each figure is the median of several rounds in this one run.
 */
import { request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createStadtpuls } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { INGEST_MAX_ITEMS } from '../server/http/ingest-route.js';

const ROUNDS = 5;
const KEY = 'bench-key-0123456789abcdef';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let logBytes = 0;
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logBytes += chunk.length;
    done();
  },
});
const server = createStadtpuls(loadConfig({ PORT: '0', HOST: '127.0.0.1', SIMULATOR: 'off', INGEST_API_KEYS: KEY }), { logger: pino({ level: 'info' }, logSink) });
const url = await server.start();
const parking = server.sensors.ofKind('parking').map((s) => s.id);

let ts = Date.now() - 60_000;
const validBatch = () =>
  JSON.stringify(Array.from({ length: INGEST_MAX_ITEMS }, (_, i) => ({ sensorId: parking[i % parking.length], kind: 'parking', ts: ++ts, values: { freeSpaces: i % 300, open: true } })));
/**
 * One POST on its own connection: client and server share this process, and a pooled keep-alive
 * connection that the server closes while the loop is busy would be reused and reset.
 */
function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/ingest`, { method: 'POST', agent: false, headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const zeros = (n: number) => `[${Array(n).fill('0').join(',')}]`;

async function measure(name: string, body: () => string, parallel = 1) {
  const durations: number[] = [];
  const blocks: number[] = [];
  const logs: number[] = [];
  let status = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const bodies = Array.from({ length: parallel }, body);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const logBefore = logBytes;
    loop.enable();
    const t0 = performance.now();
    const statuses = await Promise.all(bodies.map(post));
    durations.push(performance.now() - t0);
    loop.disable();
    blocks.push(loop.max / 1e6);
    logs.push(logBytes - logBefore);
    status = statuses[0];
  }
  return { name, status, bodyBytes: Buffer.byteLength(body()), parallel, requestMs: +median(durations).toFixed(1), maxEventLoopBlockMs: +median(blocks).toFixed(1), logBytes: median(logs) };
}

/** The same monitor over an idle second: what the machine and the server's own timers cost, for comparison. */
async function idleBaseline() {
  const blocks: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    loop.disable();
    blocks.push(loop.max / 1e6);
  }
  return { name: 'idle server, 1 s', maxEventLoopBlockMs: +median(blocks).toFixed(1) };
}

const results = [
  await idleBaseline(),
  await measure(`${INGEST_MAX_ITEMS} valid readings`, validBatch),
  await measure(`${INGEST_MAX_ITEMS} items of 0 (all invalid)`, () => zeros(INGEST_MAX_ITEMS)),
  await measure('1 MiB of 524,287 items of 0 (over the item limit)', () => zeros(524_287)),
  await measure('12 × 1 MiB of 0 in parallel', () => zeros(524_287), 12),
];
await server.stop();
server.http.close();
console.log(JSON.stringify({ benchmark: 'ingest-batch', rounds: ROUNDS, cpus: availableParallelism(), loadAverage1m: +loadavg()[0].toFixed(2), results }, null, 2));
process.exit(0);
