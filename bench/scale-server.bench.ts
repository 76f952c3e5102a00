/**
 * The server at city scale (issue 13, "A city of 100,000 sensors" and "The server's own work"). Prints JSON:
 * - heat: the district surface's build time by number of climate stations (22, 446, 1,446, 4,946), before
 *   (full IDW of every cell over every station, the function kept here) and after (k nearest stations);
 * - ingest: Ingest.submit of 100,000-reading batches (one second of SCALE=100000 SCALE_RATE=1) on one core, into
 *   a live state of entry objects (as first measured) and into the server's columnar one (`columns`);
 * - work (stageWork): the tick stages' own CPU work on a 100,000-sensor state, entry objects against columns,
 *   and in the columns' run the earlier way through entry objects (heat surface, JSON snapshot text);
 * - memory: heap of the registry and of the live state per 100,000 sensors (child process, --expose-gc);
 * - server: the whole server at SCALE=100000, default rate and SCALE_RATE=1, before (full IDW on every tick,
 *   each 250 ms step submitted at once, entry objects in the live state), `objects` (today's code but the entry-object
 *   live state) and after, each in its own child process: the longest event-loop
 *   stall and p99 delay (perf_hooks.monitorEventLoopDelay), the garbage collector's pauses by kind, /api/health
 *   latency, time per pipeline stage, RSS and heap.
 * Run with `npm run bench:scale` (BENCH_WINDOW_S=<s> for the measuring window, default 30). Medians of one run.
 * BENCH_CLIENTS=<n>[:json|columns] connects n clients to each server run (child process) and reports their deliveries.
 * BENCH_CPU_PROF=<dir> records a CPU profile of each server run's window (`<path>-<rate>.cpuprofile`, 1 ms
 * sampling) and the stalls of a 5 ms heartbeat over 40 ms (`.stalls.json`); `npx tsx bench/stall-profile.ts <file>`
 * lists what ran in the event loop's longest stalls.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { sensorAnchor } from '../common/derive.js';
import { lonLatToLocalKm } from '../common/geo.js';
import { aggregateDistrictHeat, type DistrictHeat, type GridCell } from '../common/models/district-heat.js';
import { HEAT_ALERT_THRESHOLDS_C } from '../common/models/heat-alerts.js';
import { idw, type Sample } from '../common/models/idw.js';
import { deriveFigures } from '../common/derive.js';
import type { ClimateReading } from '../common/readings.js';
import type { LiveEntry } from '../common/protocol.js';
import { loadConfig } from '../server/config.js';
import { createStadtpuls } from '../server/app.js';
import { loadDistrictGrid } from '../server/heat/district-grid.js';
import { HeatMonitor, type ClimateStations } from '../server/heat/heat-monitor.js';
import { Ingest } from '../server/ingest/ingest.js';
import { createLogger } from '../server/logger.js';
import { loadSensorIndex, withGeneratedSensors } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';
import { ScaleDriver } from '../server/simulator/scale-driver.js';
import { ScaleFeed } from '../server/simulator/scale-feed.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { LiveState } from '../server/state/live-state.js';
import { KpiSweep } from '../server/pipeline/kpi-stage.js';
import { startStallProfile } from './stall-recorder.js';
import { deflateRawSync } from 'node:zlib';
import { encodeBlocks, encodeColumns } from '../common/wire/columns.js';

const SENSORS = 100_000;
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 30);
const WARM_UP_S = 15;
const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const r1 = (v: number) => Math.round(v * 10) / 10;
const mb = (bytes: number) => r1(bytes / 1024 / 1024);

/** The district aggregate as it was before nearest-idw.ts: every cell over every station. Kept here only. */
function aggregateDistrictHeatFullIdw(cells: ReadonlyArray<GridCell>, stations: ReadonlyArray<Sample>): DistrictHeat[] {
  if (stations.length === 0) return [];
  const acc = new Map<string, { sum: number; max: number; moderate: number; strong: number; veryStrong: number; n: number }>();
  for (const cell of cells) {
    const value = idw(stations, cell.x, cell.y);
    let a = acc.get(cell.districtId);
    if (!a) acc.set(cell.districtId, (a = { sum: 0, max: -Infinity, moderate: 0, strong: 0, veryStrong: 0, n: 0 }));
    a.sum += value;
    a.max = Math.max(a.max, value);
    if (value >= 26) a.moderate += 1;
    if (value >= HEAT_ALERT_THRESHOLDS_C.strong) a.strong += 1;
    if (value >= 38) a.veryStrong += 1;
    a.n += 1;
  }
  return [...acc].map(([districtId, a]) => ({
    districtId,
    meanUtciC: a.sum / a.n,
    maxUtciC: a.max,
    shareStrongOrWorse: a.strong / a.n,
    shareModerateOrWorse: a.moderate / a.n,
    shareVeryStrongOrWorse: a.veryStrong / a.n,
  }));
}

// ─── child: one server at SCALE=100000, or the memory figures ───────────────────────────────────────

type ServerPath = 'before' | 'objects' | 'after';
type ChildTask = { task: 'server'; path: ServerPath; rate: number | null } | { task: 'memory' };

async function serverChild(t: Extract<ChildTask, { task: 'server' }>): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-scale-'));
  if (t.path !== 'after') {
    // Before the columnar live state: every sensor's latest entry an object in one map.
    (LiveState.prototype as unknown as { columnSlot(): undefined }).columnSlot = () => undefined;
  }
  if (t.path === 'before') {
    // Today's path before this work: the full IDW on every tick with a climate reading, a step's readings at once.
    const grid = loadDistrictGrid();
    // (the stage now reads the stations' UTCI from the columns; before, it built their entries)
    HeatMonitor.prototype.updateFrom = function (this: HeatMonitor, stations: ClimateStations, cityTime: number) {
      const climate: LiveEntry[] = [];
      stations((sensorId, utciC) => climate.push({ reading: { sensorId }, derived: { kind: 'climate', utciC } } as unknown as LiveEntry));
      this.update(climate, cityTime);
    };
    HeatMonitor.prototype.update = function (this: HeatMonitor, climate: ReadonlyArray<LiveEntry>, cityTime: number) {
      const self = this as unknown as { sensors: ReturnType<typeof loadSensorIndex>; grid: typeof grid; figures: unknown; hours: { update(t: number, c: Map<string, boolean>): void; get(id: string): number } };
      const stations = climate.flatMap((e) => {
        if (e.derived.kind !== 'climate' || e.derived.utciC === null) return [];
        const sensor = self.sensors.get(e.reading.sensorId);
        if (!sensor) return [];
        const [lon, lat] = sensorAnchor(sensor);
        return [{ ...lonLatToLocalKm(lon, lat), value: e.derived.utciC }];
      });
      const byDistrict = new Map(aggregateDistrictHeatFullIdw(self.grid.cells, stations).map((d) => [d.districtId, d]));
      self.hours.update(cityTime, new Map([...byDistrict].map(([id, d]) => [id, d.meanUtciC >= 26])));
      self.figures = self.grid.districts.flatMap((district) => {
        const d = byDistrict.get(district.id);
        return d ? [{ ...d, name: district.name, hoursHeatStressToday: self.hours.get(district.id) }] : [];
      });
    };
    // the server's heat stage sums a surface from surfaceOf (in slices): before, the full IDW in one piece
    HeatMonitor.prototype.surfaceOf = function (this: HeatMonitor, samples: readonly Sample[]) {
      const result = aggregateDistrictHeatFullIdw((this as unknown as { grid: typeof grid }).grid.cells, samples);
      return { done: true, add() {}, result: () => result } as unknown as ReturnType<HeatMonitor['surfaceOf']>;
    };
    (ScaleFeed.prototype as unknown as { step(): Promise<void> }).step = async function (this: unknown) {
      const self = this as { source: ScaleDriver; cityNow: () => number; ingest: Ingest; name: string };
      for (const r of self.source.step(self.cityNow())) self.ingest.submit(r, self.name);
    };
  }
  const env: NodeJS.ProcessEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    STADTPULS_DB: path.join(dir, 'bench.sqlite'),
    SCALE: String(SENSORS),
    ...(t.rate !== null && { SCALE_RATE: String(t.rate) }),
    ...(t.path === 'before' && { HEAT_SURFACE_EVERY_MS: '0' }),
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const server = createStadtpuls(loadConfig(env), { logger: createLogger('warn') });
  const url = await server.start();
  const startupMs = performance.now() - t0;
  // Time per stage, wrapped here only (the pipeline keeps its stages to itself).
  const stageMs = new Map<string, number[]>();
  // CPU time too: on a shared machine the wall time of a stage includes waiting for a core.
  const stageCpuMs = new Map<string, number[]>();
  const tickMs: number[] = [];
  // CPU time of a whole tick: the wall-clock stall includes waiting for a core on a shared machine, this does not.
  const tickCpuMs: number[] = [];
  // A stage or tick that returns a promise (the pipeline yields between stages, the heat surface in slices): its
  // wall time runs until it resolved, other work in between included; its CPU time is that of the synchronous part.
  const push = (into: Map<string, number[]>, key: string, v: number) => {
    const list = into.get(key) ?? [];
    list.push(v);
    into.set(key, list);
  };
  for (const stage of (server.pipeline as unknown as { stages: Array<{ name: string; tick(ctx: unknown): unknown }> }).stages) {
    const tick = stage.tick.bind(stage);
    stage.tick = (ctx) => {
      const s = performance.now();
      const cpu = process.cpuUsage();
      const out = tick(ctx);
      const used = process.cpuUsage(cpu);
      push(stageCpuMs, stage.name, (used.user + used.system) / 1000);
      if (out instanceof Promise) return out.finally(() => push(stageMs, stage.name, performance.now() - s));
      push(stageMs, stage.name, performance.now() - s);
      return out;
    };
  }
  const pipelineTick = server.pipeline.tick.bind(server.pipeline) as () => unknown;
  (server.pipeline as unknown as { tick: () => unknown }).tick = () => {
    const s = performance.now();
    const cpu = process.cpuUsage();
    const out = pipelineTick();
    const done = () => {
      tickMs.push(performance.now() - s);
      const used = process.cpuUsage(cpu);
      tickCpuMs.push((used.user + used.system) / 1000);
    };
    if (out instanceof Promise) return out.finally(done);
    done();
    return out;
  };
  await new Promise((r) => setTimeout(r, WARM_UP_S * 1000));
  for (const list of [...stageMs.values(), ...stageCpuMs.values()]) list.length = 0;
  tickMs.length = 0;
  tickCpuMs.length = 0;
  const clients = CLIENTS ? await openClients(url, CLIENTS.n, CLIENTS.format) : null;
  loop.reset();
  const gc = watchGc();
  const profiler = await startStallProfile();
  const history0 = await historyOf(url);
  const accepted0 = acceptedOf(server);
  const seq0 = server.stream.lastSeq;
  const health: number[] = [];
  const until = performance.now() + WINDOW_S * 1000;
  while (performance.now() < until) {
    const s = performance.now();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    health.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 500));
  }
  const elapsedS = WINDOW_S;
  await profiler?.stop(`${t.path}-${t.rate ?? 'default'}`);
  const gcPauses = gc.stop();
  const seq1 = server.stream.lastSeq;
  const history1 = await historyOf(url);
  const clientFigures = clients ? await clients.stop(seq0, seq1) : undefined;
  const result = {
    path: t.path,
    rate: t.rate === null ? 'default (bays and nodes every 5 min, counters every minute, city time)' : `${t.rate} per sensor per wall second`,
    startupMs: Math.round(startupMs),
    readingsPerS: Math.round((acceptedOf(server) - accepted0) / elapsedS),
    ticks: server.stream.lastSeq - seq0,
    eventLoop: { longestStallMs: r1(loop.max / 1e6), p99Ms: r1(loop.percentile(99) / 1e6), meanMs: r1(loop.mean / 1e6) },
    gc: gcPauses,
    healthMs: { median: r1(median(health)), max: r1(Math.max(...health)), requests: health.length },
    // with a pipeline that yields between stages, a tick's wall and CPU time include the work between them (ingest)
    tickMs: { median: r1(median(tickMs)), max: r1(Math.max(...tickMs)), cpuMedian: r1(median(tickCpuMs)), cpuMax: r1(Math.max(...tickCpuMs)) },
    stagesMs: Object.fromEntries([...stageMs].map(([name, list]) => [name, { median: r1(median(list)), max: r1(Math.max(...list)), cpuMedian: r1(median(stageCpuMs.get(name)!)), cpuMax: r1(Math.max(...stageCpuMs.get(name)!)) }])),
    history: {
      writtenPerS: Math.round((history1.written - history0.written) / elapsedS),
      droppedInWindow: history1.dropped - history0.dropped,
      queuedAtEnd: history1.queued,
      behindAtEnd: history1.behind === 1,
    },
    ...(clientFigures && { clients: clientFigures }),
    loadavg1: r1(loadavg()[0]),
    rssMb: mb(process.memoryUsage().rss),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
  };
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * BENCH_CLIENTS=<n>[:json|columns] Socket.IO clients (everything, no subscription) in a child process
 * (bench/wire-clients.ts) for the server runs' window: the stall and GC figures with the stream sending.
 */
const CLIENTS = (() => {
  const [n, format] = (process.env.BENCH_CLIENTS ?? '').split(':');
  return Number(n) > 0 ? { n: Number(n), format: format === 'json' ? 'json' : 'columns' } : null;
})();

async function openClients(url: string, n: number, format: string): Promise<{ stop(from: number, to: number): Promise<Record<string, unknown>> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'wire-clients.ts'), url, String(n), format], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const ready = JSON.parse(await next()) as { snapshots: number };
  child.stdin!.write('start\n');
  return {
    async stop(from, to) {
      // a second for what was sent in the window to arrive
      await new Promise((r) => setTimeout(r, 1000));
      child.stdin!.write(`stop ${from} ${to}\n`);
      const { latencies: _all, ...figures } = JSON.parse(await next()) as Record<string, unknown>;
      return { format, snapshots: ready.snapshots, ...figures } as Record<string, unknown>;
    },
  };
}

/**
 * The garbage collector's pauses from now until `stop`, per kind (V8's gc performance entries): the young
 * generation's scavenges and the old generation's mark-compacts each stop the event loop.
 */
function watchGc(): { stop(): Record<string, { count: number; medianMs: number; maxMs: number; totalMs: number }> } {
  const pauses = new Map<string, number[]>();
  const names: Record<number, string> = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakCallbacks' };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = names[((e as { detail?: { kind?: number } }).detail)?.kind ?? -1] ?? 'other';
      const l = pauses.get(kind) ?? [];
      l.push(e.duration);
      pauses.set(kind, l);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return Object.fromEntries([...pauses].map(([kind, l]) => [kind, { count: l.length, medianMs: r1(median(l)), maxMs: r1(Math.max(...l)), totalMs: Math.round(l.reduce((a, b) => a + b, 0)) }]));
    },
  };
}

/** The history writer's figures from /metrics. */
async function historyOf(url: string): Promise<{ written: number; dropped: number; queued: number; behind: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { written: read('stadtpuls_history_written_total'), dropped: read('stadtpuls_history_dropped_total'), queued: read('stadtpuls_history_queued'), behind: read('stadtpuls_history_behind') };
}

function acceptedOf(server: ReturnType<typeof createStadtpuls>): number {
  return Object.values(server.ingest.stats.snapshot()).reduce((sum, s) => sum + s.accepted, 0);
}

async function memoryChild(): Promise<unknown> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the memory child with --expose-gc');
  const heap = () => {
    gc();
    gc();
    // typed arrays keep their bytes outside the JS heap
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = heap();
  const registry = loadSensorIndex();
  const generated = generateScaleCity(SENSORS, 1, loadScaleGeometry());
  const sensors = withGeneratedSensors(registry, generated);
  const withRegistry = heap();
  const scenario = loadScenario('normaler-werktag');
  const start = Date.parse(scenario.start);
  const readings = new ScaleDriver(scenario, generated, start, null, scenario.speed).step(start);
  const withReadings = heap();
  // Before (an entry object per sensor, LiveState without the registry) and after (columns), same readings.
  const measure = (make: () => LiveState) => {
    const before = heap();
    const state = make();
    const withState = heap();
    const ingest = new Ingest(sensors, state, () => start + 1_000, createLogger('silent'));
    const withIngest = heap();
    for (const r of readings) ingest.submit(r, 'scale');
    // The pipeline drains the changes every tick; what stays is the latest entry per sensor.
    state.drainChanged();
    const after = heap();
    const live = after - withIngest + (withState - before);
    return { state, ingest, liveStateMb: mb(live), liveStateBytesPerSensor: Math.round(live / state.size), ingestMarksMb: mb(withIngest - withState), sensors: state.size };
  };
  const before = measure(() => new LiveState());
  const after = measure(() => new LiveState(sensors));
  const columns = after.state;
  const held = [before.state, columns, before.ingest, after.ingest];
  return {
    sensors: sensors.size,
    registryMb: mb(withRegistry - base),
    readingsMb: mb(withReadings - withRegistry),
    before: { liveStateMb: before.liveStateMb, liveStateBytesPerSensor: before.liveStateBytesPerSensor, reporting: before.sensors },
    after: { liveStateMb: after.liveStateMb, liveStateBytesPerSensor: after.liveStateBytesPerSensor, reporting: after.sensors, columnMb: mb(columns.columnBytes) },
    ingestMarksMb: after.ingestMarksMb,
    held: held.length,
    rssMb: mb(process.memoryUsage().rss),
    note: 'liveStateMb: heap and array buffers after GC, every sensor reported once and the changes drained, minus before; before = an entry object per sensor, after = columns for the generated sensors',
  };
}

// ─── parent: in-process figures, then the children ───────────────────────────────────────────────────

function heatFigures(): unknown {
  const grid = loadDistrictGrid();
  const registry = loadSensorIndex();
  const nodes = generateScaleCity(40_000, 1, loadScaleGeometry()).filter((f) => f.properties.kind === 'climate');
  const scenario = loadScenario('hitzewelle-august-2024');
  const t = Date.parse('2024-08-13T15:00:00+02:00');
  void scenario;
  const out = [];
  for (const count of [22, 446, 1_446, 4_946]) {
    // The registry's stations plus generated nodes taken at a stride, so every city size covers the whole city.
    const extra = count - registry.ofKind('climate').length;
    const stride = extra > 0 ? nodes.length / extra : 1;
    const climate = [...registry.ofKind('climate'), ...Array.from({ length: Math.max(0, extra) }, (_, i) => nodes[Math.floor(i * stride)])];
    const sensors = withGeneratedSensors(registry, nodes.filter((n) => climate.includes(n)));
    const entries: LiveEntry[] = climate.map((sensor, i) => {
      const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: t, values: { airTempC: 30 + (i % 7) * 0.6, relHumidityPct: 35, windKmh: 2 + (i % 3), solarWm2: 800 } };
      return { reading, derived: deriveFigures(reading, sensor), receivedAt: t };
    });
    const stations = entries.map((e) => {
      const [lon, lat] = sensorAnchor(sensors.get(e.reading.sensorId)!);
      return { ...lonLatToLocalKm(lon, lat), value: e.derived.kind === 'climate' ? e.derived.utciC! : NaN };
    });
    const time = (fn: () => void, reps: number) => {
      const ms: number[] = [];
      for (let i = 0; i < reps; i++) {
        const s = performance.now();
        fn();
        ms.push(performance.now() - s);
      }
      return Math.round(median(ms) * 100) / 100;
    };
    const before = aggregateDistrictHeatFullIdw(grid.cells, stations);
    const after = aggregateDistrictHeat(grid.cells, stations);
    const maxDiffC = Math.max(...before.map((b, i) => Math.abs(b.meanUtciC - after[i].meanUtciC)));
    const monitor = new HeatMonitor(sensors, grid);
    out.push({
      climateStations: count,
      beforeMs: time(() => aggregateDistrictHeatFullIdw(grid.cells, stations), count > 2_000 ? 3 : 7),
      afterMs: time(() => aggregateDistrictHeat(grid.cells, stations), 7),
      afterWholeUpdateMs: time(() => monitor.update(entries, t), 7),
      maxDistrictMeanDiffC: Math.round(maxDiffC * 1000) / 1000,
    });
  }
  return { cells: grid.cells.length, byStations: out };
}

function ingestFigures(): unknown {
  const generated = generateScaleCity(SENSORS, 1, loadScaleGeometry());
  const sensors = withGeneratedSensors(loadSensorIndex(), generated);
  const scenario = loadScenario('normaler-werktag');
  const start = Date.parse(scenario.start);
  // objects: the live state of entry objects these figures were first taken with; columns: the server's (LiveState(registry))
  const run = (state: LiveState) => {
    let now = start;
    const ingest = new Ingest(sensors, state, () => now, createLogger('silent'));
    // SCALE_RATE=1 at speed 1: every sensor once per second; a batch is one second of the city.
    const driver = new ScaleDriver(scenario, generated, start, 1, 1);
    const perS: number[] = [];
    const perCpuS: number[] = [];
    let accepted = 0;
    for (let round = 0; round < 9; round++) {
      now = start + round * 1_000;
      const batch = round === 0 ? driver.step(now) : driver.step(now + 999);
      const s = performance.now();
      const cpu = process.cpuUsage();
      for (const r of batch) if (ingest.submit(r, 'bench').status === 'accepted') accepted++;
      const ms = performance.now() - s;
      const used = process.cpuUsage(cpu);
      if (round > 1) {
        perS.push(batch.length / (ms / 1000));
        perCpuS.push(batch.length / ((used.user + used.system) / 1e6));
      }
    }
    return {
      validatedReadingsPerS: Math.round(median(perS)),
      // CPU time of this process (GC helper threads included): what one core does when the machine is shared.
      validatedReadingsPerCpuS: Math.round(median(perCpuS)),
      accepted,
    };
  };
  const objects = run(new LiveState());
  const columns = run(new LiveState(sensors));
  return { sensors: sensors.size, batch: SENSORS, ...objects, columns, goal: 250_000 };
}

/**
 * The work of the tick stages on a 100,000-sensor state, before (entry objects) and after (columns) on
 * the same readings, in this process: the least CPU time of several rounds, so the figure is the work and
 * not the wait for a core on a shared machine (the server runs above measure that too).
 */
function stageWorkFigures(): unknown {
  const generated = generateScaleCity(SENSORS, 1, loadScaleGeometry());
  const sensors = withGeneratedSensors(loadSensorIndex(), generated);
  const properties = new Map([...sensors.byId].map(([id, f]) => [id, f.properties]));
  const scenario = loadScenario('normaler-werktag');
  const start = Date.parse(scenario.start);
  const first = new ScaleDriver(scenario, generated, start, 1, 1);
  const all = first.step(start);
  // one tick of SCALE_RATE=1: a quarter of the sensors report again
  const tick = first.step(start + 999).slice(0, 25_000);
  // CPU time of this process (no worker threads here; GC helpers count): the work, not the wait for a core
  const least = (f: () => unknown, rounds = 5) => {
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = process.cpuUsage();
      f();
      const used = process.cpuUsage(t0);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return r1(best);
  };
  const measure = (make: () => LiveState, fromColumns: boolean) => {
    const state = make();
    let now = start + 1_000;
    const ingest = new Ingest(sensors, state, () => now, createLogger('silent'));
    for (const r of all) ingest.submit(r, 'scale');
    state.drainChanged();
    now = start + 2_000;
    const ingestTickMs = least(() => {
      for (const r of tick) ingest.submit({ ...r, ts: r.ts + Math.round(Math.random() * 1e6) }, 'scale');
    }, 3);
    const drainMs = least(() => {
      for (const r of tick) ingest.submit({ ...r, ts: now }, 'scale');
      state.drainChanged();
    }, 3);
    const indexOf = (id: string) => sensors.slotOf(id);
    const heat = new HeatMonitor(sensors, loadDistrictGrid());
    return {
      ingest25kMs: ingestTickMs,
      ingest25kAndDrainMs: drainMs,
      climateEntriesMs: least(() => state.ofKind('climate')),
      // the heat stage's surface: before, from the climate entries (built from the columns); after, the UTCI column read
      heatSurfaceMs: least(() => (fromColumns ? heat.updateFrom((visit) => state.forEachNumber('climate', 'derived.utciC', visit), now) : heat.update(state.ofKind('climate'), now))),
      heatSurfaceFromEntriesMs: least(() => heat.update(state.ofKind('climate'), now)),
      kpiSlice20kMs: least(() => new KpiSweep(state, properties).step(now)),
      alertIdsScanMs: least(() => {
        let n = 0;
        for (const _ of state.ids()) n++;
        return n;
      }),
      columnsSnapshotMs: least(() => deflateRawSync(fromColumns ? encodeBlocks(state.blocks()) : encodeColumns(state.all(), indexOf)), 3),
      jsonSnapshotEntriesMs: least(() => state.all(), 3),
      // the JSON snapshot's entries as text: before, JSON.stringify of the entry objects (as socket.io did, once per
      // client); after, written from the columns (once per tick and view, sent pre-encoded)
      jsonSnapshotTextMs: least(() => (fromColumns ? state.entriesJson() : JSON.stringify(state.all())), 3),
      jsonSnapshotTextViaEntriesMs: least(() => JSON.stringify(state.all()), 3),
      jsonSnapshotMb: mb((fromColumns ? state.entriesJson() : JSON.stringify(state.all())).length),
    };
  };
  return { sensors: sensors.size, before: measure(() => new LiveState(), false), after: measure(() => new LiveState(sensors), true), note: 'least CPU ms of 3–5 rounds; before = entry objects (snapshot encoded from entries), after = columns (snapshot encoded from the columns); in after, *FromEntriesMs and *ViaEntriesMs are the columns read through entry objects (the code before the heat surface and the JSON snapshot read the columns)' };
}

function runChild(task: ChildTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('bench', 'scale-server.bench.ts')], {
      env: { ...process.env, SCALE_BENCH_CHILD: JSON.stringify(task) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"result"'));
      if (code !== 0 || !line) reject(new Error(`child ${JSON.stringify(task)} exited with ${code}: ${out.slice(-2000)}`));
      else resolve((JSON.parse(line) as { result: unknown }).result);
    });
  });
}

if (process.env.SCALE_BENCH_CHILD) {
  const task = JSON.parse(process.env.SCALE_BENCH_CHILD) as ChildTask;
  const result = task.task === 'memory' ? await memoryChild() : await serverChild(task);
  process.stdout.write(`${JSON.stringify({ result })}\n`);
  process.exit(0);
} else {
  const only = process.env.BENCH_ONLY?.split(',');
  const want = (part: string) => !only || only.includes(part);
  const report: Record<string, unknown> = {
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memGb: Math.round(totalmem() / 1e9), loadavg1: r1(loadavg()[0]), node: process.version },
  };
  if (want('heat')) report.heat = heatFigures();
  if (want('ingest')) report.ingest = ingestFigures();
  if (want('work')) report.stageWork = stageWorkFigures();
  if (want('memory')) report.memory = await runChild({ task: 'memory' });
  if (want('server')) {
    const runs = [];
    // BENCH_RUNS=1:objects,1:after picks runs (rate "default" or a number, path); default: both rates, before and after
    const picked = process.env.BENCH_RUNS?.split(',').map((r) => {
      const [rate, p] = r.split(':');
      return { rate: rate === 'default' ? null : Number(rate), path: p as ServerPath };
    });
    const plan = picked ?? [null, 1].flatMap((rate) => (['before', 'after'] as const).map((p) => ({ rate, path: p })));
    for (const { rate, path: p } of plan) runs.push(await runChild({ task: 'server', path: p, rate }));
    report.server = { sensors: SENSORS, windowS: WINDOW_S, runs };
  }
  console.log(JSON.stringify(report, null, 2));
}
