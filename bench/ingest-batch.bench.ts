/**
 * Benchmark of POST /api/ingest under the batches issue 9 names: how long each request takes and the
 * longest the server's event loop was blocked meanwhile (prom-client's nodejs_eventloop_lag_max_seconds
 * from /metrics, reset at each scrape), plus the log the server wrote. The server runs as a child process
 * on a throw-away store. Prints JSON; run with
 * `npx tsx bench/ingest-batch.bench.ts`. Each figure is the median of several rounds in this one run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { INGEST_MAX_ITEMS } from '../server/http/ingest-route.js';
import { loadSensorIndex } from '../server/registry.js';
import { median } from './median.js';

const ROUNDS = 5;
const KEY = 'bench-key-0123456789abcdef';

// The server runs as its own process, so the client's work never shows in the server's event loop.
const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-bench-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SIMULATOR: 'off', INGEST_API_KEYS: KEY, LOG_LEVEL: 'info', STADTPULS_DB: path.join(dir, 'bench.sqlite') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let logBytes = 0;
let rejectLines = 0;
const url = await new Promise<string>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  child.stdout.on('data', (chunk: Buffer) => {
    logBytes += chunk.length;
    rejectLines += chunk.toString().split('"msg":"reading rejected"').length - 1;
    if (process.env.BENCH_ECHO_LOG) process.stderr.write(chunk);
    const running = /"url":"([^"]+)"[^\n]*"msg":"Stadtpuls is running"/.exec(chunk.toString());
    if (running) resolve(running[1]);
  });
});

/** The server's longest event-loop block since the last scrape (prom-client resets its histogram on each). */
async function serverMaxBlockMs(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return m ? Number(m[1]) * 1000 : NaN;
}

const parking = loadSensorIndex().ofKind('parking').map((s) => s.id);

let ts = Date.now() - 60_000;
const validBatch = () =>
  JSON.stringify(Array.from({ length: INGEST_MAX_ITEMS }, (_, i) => ({ sensorId: parking[i % parking.length], kind: 'parking', ts: ++ts, values: { freeSpaces: i % 300, open: true } })));
/** One POST on its own connection, so no keep-alive reuse races the server's idle timeout. */
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
  let status = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const bodies = Array.from({ length: parallel }, body);
    await serverMaxBlockMs();
    const t0 = performance.now();
    const statuses = await Promise.all(bodies.map(post));
    durations.push(performance.now() - t0);
    blocks.push(await serverMaxBlockMs());
    status = statuses[0];
  }
  return { name, status, bodyBytes: Buffer.byteLength(body()), parallel, requestMs: +median(durations).toFixed(1), maxEventLoopBlockMs: +median(blocks).toFixed(1) };
}

/** The same monitor over an idle second: what the machine and the server's own timers cost, for comparison. */
async function idleBaseline() {
  const blocks: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await serverMaxBlockMs();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    blocks.push(await serverMaxBlockMs());
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
// The reject log writes the rest of a flood at the end of its 10 s interval.
await new Promise((resolve) => setTimeout(resolve, 11_000));
const rejected = Object.values((await (await fetch(`${url}/api/health`)).json()).sources.http.rejected as Record<string, number>).reduce((a, b) => a + b, 0);
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ benchmark: 'ingest-batch', rounds: ROUNDS, cpus: availableParallelism(), loadAverage1m: +loadavg()[0].toFixed(2), results, log: { rejectedItems: rejected, rejectLogLines: rejectLines, serverLogBytes: logBytes } }, null, 2));
process.exit(0);
