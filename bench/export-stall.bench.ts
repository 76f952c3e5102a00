/**
 * A kind's GeoJSON export at SCALE (issue 13): the longest event-loop stall while `GET /api/export?format=geojson`
 * answers with the 75,000 features of the parking kind (read by another process), each slice of features made as it is
 * written, with the garbage collector's pauses and the heap's peak meanwhile, and in the same run the time to make
 * the whole collection in one piece (what the route did before it wrote anything); then the climate kind's history as
 * CSV, three times. A 5 ms timer measures the stalls (measureStall). Run with `npx tsx bench/export-stall.bench.ts`
 * (BENCH_SCALE, default 100000; BENCH_RUNS, default 3). Prints JSON. BENCH_CPU_PROF=<dir> records a CPU profile of the
 * exports (0.5 ms sampling) and the stalls beside it (`exports.cpuprofile`; `npx tsx bench/stall-profile.ts` lists what ran in them).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus, loadavg } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { sensorStateGeoJson } from '../server/export/geojson.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { measureStall } from '../tests/helpers/event-loop-stall.js';
import { startStallProfile } from './stall-recorder.js';
import { median } from './median.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * Reads the export in another process, as a client would: read here, its 31 MB went through this process's event
 * loop beside the server's (undici's reads, and joining or parsing the body stalled it 100 ms and more). The process
 * is started before the measured window and waits for `go`: starting it (spawn) held this process, the server's, for
 * 40-100 ms in the window (stall profile).
 */
async function readerInChild(url: string, answer = 'JSON.stringify({ bytes: Buffer.byteLength(t), features: JSON.parse(t).features.length })'): Promise<{ go(): Promise<string> }> {
  const script = `console.log('ready'); process.stdin.once('data', () => fetch(${JSON.stringify(url)}).then((r) => r.text()).then((t) => { console.log(${answer}); process.exit(0); }))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
  });
  if ((await next()) !== 'ready') throw new Error('the reader did not start');
  return {
    go() {
      const answered = next();
      child.stdin.end('go\n');
      return answered;
    },
  };
}

const { server, url } = await startTestServer({ SCALE: String(SCALE) });
const deadline = Date.now() + 180_000;
while (server.state.size < SCALE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
// the history store takes the first readings in
await new Promise((r) => setTimeout(r, 15_000));

// the server's own longest stall without an export, over windows about as long as one
const idle: number[] = [];
for (let i = 0; i < RUNS; i++) idle.push((await measureStall(() => new Promise((r) => setTimeout(r, 2000)))).longestMs);

/**
 * The garbage collector's pauses in this process (the server's) and the heap's peak while `during` runs: what the
 * export keeps alive shows as a higher peak and longer scavenges.
 */
async function gcDuring<T>(during: () => Promise<T>): Promise<{ value: T; gcMs: number; longestGcMs: number; peakHeapMB: number }> {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const value = await during();
  clearInterval(sample);
  // entries still buffered are delivered by takeRecords
  pauses.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return { value, gcMs: pauses.reduce((a, b) => a + b, 0), longestGcMs: Math.max(0, ...pauses), peakHeapMB: peak / 2 ** 20 };
}

const profiler = await startStallProfile(500);
const route: Array<{ ms: number; stallMs: number; bytes: number; features: number; gcMs: number; longestGcMs: number; peakHeapMB: number }> = [];
const oneIn: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let answer = '';
  const reader = await readerInChild(`${url}/api/export?kind=parking&format=geojson`);
  const { value: stall, ...gc } = await gcDuring(() =>
    measureStall(async () => {
      answer = await reader.go();
    }),
  );
  route.push({ ms: stall.tookMs, stallMs: stall.longestMs, ...gc, ...(JSON.parse(answer) as { bytes: number; features: number }) });
}
// a kind's history as CSV: the climate kind's 15,000 stations over the default range, sensor by sensor
const csv: Array<{ ms: number; stallMs: number; bytes: number }> = [];
for (let i = 0; i < RUNS; i++) {
  let bytes = 0;
  const reader = await readerInChild(`${url}/api/export?kind=climate&format=csv`, 'Buffer.byteLength(t)');
  const { longestMs: stallMs, tookMs: ms } = await measureStall(async () => {
    bytes = Number(await reader.go());
  });
  csv.push({ ms, stallMs, bytes });
}
await profiler?.stop('exports');
// the collection in one piece, as the route made it before (after the profile: it is the bench's work, not the server's)
for (let i = 0; i < RUNS; i++) {
  const sensors = server.sensors.ofKind('parking');
  const entries = server.state.all();
  const t = performance.now();
  sensorStateGeoJson(sensors, entries, server.cityNow());
  oneIn.push(performance.now() - t);
}
await server.stop();
console.log(
  JSON.stringify(
    {
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavg: loadavg().map((l) => +l.toFixed(2)) },
      features: route[0]?.features,
      idleLongestStallMs: idle.map((v) => +v.toFixed(0)),
      bytes: route[0]?.bytes,
      after: { routeMedianMs: +median(route.map((r) => r.ms)).toFixed(0), longestStallMedianMs: +median(route.map((r) => r.stallMs)).toFixed(0), longestStallMs: route.map((r) => +r.stallMs.toFixed(0)), gcMs: route.map((r) => +r.gcMs.toFixed(0)), longestGcMs: route.map((r) => +r.longestGcMs.toFixed(0)), peakHeapMB: route.map((r) => +r.peakHeapMB.toFixed(0)) },
      csv: { bytes: csv[0]?.bytes, routeMedianMs: +median(csv.map((r) => r.ms)).toFixed(0), longestStallMs: csv.map((r) => +r.stallMs.toFixed(0)) },
      before: { collectionInOnePieceMedianMs: +median(oneIn).toFixed(0), runsMs: oneIn.map((v) => +v.toFixed(0)) },
    },
    null,
    1,
  ),
);
process.exit(0);
