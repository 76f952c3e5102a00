/**
 * The map at city scale in headless Chromium (issue 13, "The client draws less rather than faster").
 * A server with SCALE=100000 (in this process) serves a client built elsewhere, before and after:
 *   BENCH_BEFORE_DIR: today's client before the scale layers (`git archive` of the old commit, built with
 *     `vite build --outDir`; only the two timing hooks of MapView added), BENCH_AFTER_DIR: this checkout's.
 * For each client and rate (default, SCALE_RATE=1) it prints, as JSON:
 * - firstPaintMs: from the columnar snapshot's last frame arriving at the page's WebSocket to the first
 *   frame deck.gl drew after layers were built with that snapshot's data (MapView's bench hooks);
 * - firstPixelsMs: the same until the page's next animation frame after that draw. deck.gl's draw only hands
 *   the commands over; the frame reaches the screen when the compositor has taken it, and under software
 *   rendering (SwiftShader) that waits for the GPU process to rasterise it, which the next frame cannot start before;
 * - openToPixelsMs: from the page's navigation to those first pixels with data (what someone who opens the page waits);
 * - jsPerDeltaMs: main-thread script time (CDP Performance.getMetrics ScriptDuration) over the window,
 *   divided by the deltas received in it; jsCpuPerDeltaMs: the same on the thread's CPU clock (`threadTicks`),
 *   without the time the page's thread waited for a core; layerBuildMs: median of MapView's layer rebuilds;
 * - framesDrawn: frames deck.gl drew in the window (MapView's onAfterRender hook);
 * - heapMB: the page's JS heap after the window and a full GC (what it holds);
 * - drops: WebSocket closes and reopenings during the window (heartbeat drops), deltas received.
 * BENCH_PATH (default `/`) is the page opened, e.g. `/?layers=traffic`. BENCH_SETTLE_S (default 15) is how long the server and the browser run before the page opens; BENCH_WINDOW_S (default 60) is the window; BENCH_SHOTS=<dir> also saves screenshots of the after client.
 * BENCH_PROFILE=<dir> records a CPU profile of the page over the window (CDP Profiler; it slows the page, so
 * not for the figures) and prints its top functions by self time; the .cpuprofile opens in Chrome's DevTools.
 * BENCH_LAYERS=1 also prints, per deck.gl layer and step (update, draw, ...), its milliseconds and calls over the window
 * (client/src/map/layer-timing.ts; the timing itself costs the page a little).
 * BENCH_TRACE=<file> writes a Chrome trace of the window (all threads: the page, its workers, the GPU process; V8's GC
 * events with their reasons), which chrome://tracing or Perfetto opens.
 * BENCH_TRACE_LOAD=<file> writes a Chrome trace from the page's opening to its first pixels, with the snapshot's arrival
 * and the figures; BENCH_TRACE_CATEGORIES sets the categories of both traces (`gpu.angle` shows ANGLE's work in the GPU process).
 * BENCH_ALLOC=<dir> samples what the page allocates over the window, also what the GC collected since (the garbage
 * behind the profile's GC time), as a .heapprofile (DevTools' Memory tab opens it).
 * Run: `npx tsx bench/browser-scale.bench.ts` (after building both clients, see the README).
 */
import { writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import type { CDPSession } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { median } from './median.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 60);
/** Seconds the server runs before the page opens: a page opens on a server that has been running, not on one still building its city. */
const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 15);
const PAINT_TIMEOUT_MS = Number(process.env.BENCH_PAINT_TIMEOUT_MS ?? 120_000);
const CLIENTS = { before: process.env.BENCH_BEFORE_DIR, after: process.env.BENCH_AFTER_DIR ?? process.env.TEST_CLIENT_DIR };
const SHOTS = process.env.BENCH_SHOTS;
const PROFILE = process.env.BENCH_PROFILE;
const ALLOC = process.env.BENCH_ALLOC;
/** BENCH_PROFILE_LOAD=<dir>: a CPU profile of the page from its opening to its first pixels, with the snapshot's arrival in the page's clock */
const PROFILE_LOAD = process.env.BENCH_PROFILE_LOAD;
/** BENCH_PATH: what the page opens, e.g. `/?layers=traffic` to see what one set of layers costs (default: `/`, the default layers) */
const PAGE_PATH = process.env.BENCH_PATH ?? '/';
const LAYER_TIMES = process.env.BENCH_LAYERS === '1';
const TRACE = process.env.BENCH_TRACE;
/** BENCH_TRACE_LOAD=<file>: a Chrome trace (all processes, GPU included) from the page's opening to its first pixels, with the snapshot's arrival */
const TRACE_LOAD = process.env.BENCH_TRACE_LOAD;
/** BENCH_TRACE_CATEGORIES: Chrome's trace categories for both traces (e.g. add gpu.angle for ANGLE's own work in the GPU process) */
const TRACE_CATEGORIES = process.env.BENCH_TRACE_CATEGORIES ?? 'v8,devtools.timeline,disabled-by-default-v8.gc,gpu,disabled-by-default-devtools.timeline';

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The bench hooks MapView reads (arrays it pushes layer build times and paints into). */
const PAGE_HOOKS = () => {
  const w = window as unknown as Record<string, unknown>;
  w.__stadtpulsLayerMs = [];
  // each paint MapView notes is followed by the next animation frame's start (firstPixelsMs)
  const paints: Array<[number, number]> = [];
  const pixels: Array<[number, number]> = [];
  paints.push = (...items: Array<[number, number]>) => {
    for (const item of items) requestAnimationFrame((t) => pixels.push([item[0], t]));
    return Array.prototype.push.apply(paints, items);
  };
  w.__stadtpulsPaints = paints;
  w.__stadtpulsPixels = pixels;
};

/**
 * Counts what the page's WebSockets receive (playwright's CDP frame events), in the page's clock:
 * the snapshot's arrival as Date.now() here, compared with the page's performance.timeOrigin + now()
 * (one machine, one wall clock; this process also runs the server, so arrival may be noted late).
 */
function watchSockets(page: Page): WsCounts {
  const ws: WsCounts = { opens: 0, closes: 0, deltas: 0, snapshotAt: NaN };
  let awaitingBinary = false;
  page.on('websocket', (socket) => {
    ws.opens += 1;
    socket.on('close', () => (ws.closes += 1));
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') {
        if (payload.includes('["snapshot:columns"')) awaitingBinary = true;
        else if (payload.includes('["snapshot"') && Number.isNaN(ws.snapshotAt)) ws.snapshotAt = Date.now();
        else if (payload.includes('["delta:columns"') || payload.includes('["delta"')) ws.deltas += 1;
      } else if (awaitingBinary) {
        awaitingBinary = false;
        // the first snapshot's: a resync later (a client behind at SCALE_RATE=1) would move it between the two readings
        if (Number.isNaN(ws.snapshotAt)) ws.snapshotAt = Date.now();
      }
    });
  });
  return ws;
}

interface WsCounts {
  opens: number;
  closes: number;
  deltas: number;
  snapshotAt: number;
}

async function firstPaint(page: Page, ws: WsCounts, timeOrigin: number, hook: '__stadtpulsPaints' | '__stadtpulsPixels'): Promise<number | null> {
  const deadline = Date.now() + PAINT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const at = ws.snapshotAt - timeOrigin;
    const found = !(at >= 0) ? null : await page
      .evaluate(([at, hook]) => {
        const w = window as unknown as Record<string, Array<[number, number]>>;
        const paint = w[hook].find(([versions, t]) => versions > 0 && t >= at);
        return paint ? paint[1] - at : null;
      }, [at, hook] as const)
      .catch(() => null);
    if (found !== null) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

/** Starts a Chrome trace; the function returned ends it and gives its events. */
async function startTrace(cdp: CDPSession): Promise<() => Promise<unknown[]>> {
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

async function measure(client: 'before' | 'after', rate: 'default' | '1') {
  const dir = CLIENTS[client];
  if (!dir) throw new Error(`BENCH_${client.toUpperCase()}_DIR is not set`);
  process.env.TEST_CLIENT_DIR = dir;
  const { server, url } = await startTestServer({ SCALE: String(SCALE), ...(rate === '1' && { SCALE_RATE: '1' }) });
  let browser: BrowserContext | null = null;
  try {
    browser = await launchChromium({ width: 1920, height: 1080 });
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    const page = await browser.newPage();
    await page.addInitScript(PAGE_HOOKS);
    if (LAYER_TIMES) await page.addInitScript(() => ((window as unknown as Record<string, unknown>).__stadtpulsLayerTimes = {}));
    const ws = watchSockets(page);
    const loadCdp = PROFILE_LOAD ? await browser.newCDPSession(page) : null;
    if (loadCdp) await startProfile(loadCdp);
    const loadTrace = TRACE_LOAD ? await startTrace(await browser.newCDPSession(page)) : null;
    // the server of 100,000 sensors may hold its event loop for seconds at start on a loaded machine
    await page.goto(new URL(PAGE_PATH, url).href, { waitUntil: 'commit', timeout: PAINT_TIMEOUT_MS });
    const origin = await page.evaluate(() => performance.timeOrigin);
    const paintMs = await firstPaint(page, ws, origin, '__stadtpulsPaints');
    const pixelsMs = await firstPaint(page, ws, origin, '__stadtpulsPixels');
    // the page's clock starts at its navigation: the first pixels with data, as someone who opened the page sees them
    const openToPixelsMs = await page.evaluate(() => (window as unknown as Record<string, Array<[number, number]>>).__stadtpulsPixels.find(([versions]) => versions > 0)?.[1] ?? null);
    if (loadTrace) writeFileSync(TRACE_LOAD!, JSON.stringify({ snapshotAtMs: ws.snapshotAt - origin, timeOrigin: origin, paintMs, pixelsMs, traceEvents: await loadTrace() }));
    if (loadCdp) {
      await stopProfile(loadCdp, `${PROFILE_LOAD}/${client}-${rate}-load`);
      // the page's instants in its own clock, to cut the profile at the snapshot's arrival
      writeFileSync(`${PROFILE_LOAD}/${client}-${rate}-load.json`, JSON.stringify({ snapshotAtMs: ws.snapshotAt - origin, paintMs, pixelsMs }));
    }
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Performance.enable');
    // the same on the thread's CPU clock, in a session of its own: on 2 cores the server, the GPU process's software
    // rendering and the page take turns, and the wall clock counts the page's script while it waits for a core
    const cpuCdp = await browser.newCDPSession(page);
    await cpuCdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metric = async (session: CDPSession, name: string) => ((await session.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    const script = () => metric(cdp, 'ScriptDuration');
    const scriptCpu = () => metric(cpuCdp, 'ScriptDuration');
    const counts = async () => ({
      ...ws,
      ...(await page.evaluate(() => {
        const w = window as unknown as { __stadtpulsLayerMs: number[]; __stadtpulsPaints: unknown[] };
        return { layers: w.__stadtpulsLayerMs.length, frames: w.__stadtpulsPaints.length };
      })),
    });
    const layerTimes0 = LAYER_TIMES ? await layerStepTimes(page) : {};
    const s0 = await script();
    const cpu0 = await scriptCpu();
    const c0 = await counts();
    const load0 = loadavg()[0];
    const windowTrace = TRACE ? await startTrace(cdp) : null;
    if (PROFILE) await startProfile(cdp);
    if (ALLOC) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await page.waitForTimeout(WINDOW_S * 1000);
    if (PROFILE) await stopProfile(cdp, `${PROFILE}/${client}-${rate}`);
    if (windowTrace) writeFileSync(TRACE!, JSON.stringify(await windowTrace()));
    if (ALLOC) writeFileSync(`${ALLOC}/${client}-${rate}.heapprofile`, JSON.stringify((await cdp.send('HeapProfiler.stopSampling')).profile));
    const s1 = await script();
    const cpu1 = await scriptCpu();
    if (LAYER_TIMES) printLayerSteps(layerTimes0, await layerStepTimes(page));
    const c1 = await counts();
    // after a major GC, so that what is measured is what the page holds, not garbage not yet collected
    await cdp.send('HeapProfiler.collectGarbage');
    const heapMB = Math.round((await cdp.send('Runtime.getHeapUsage')).usedSize / 1e5) / 10;
    const layerMs = await page.evaluate((from) => (window as unknown as { __stadtpulsLayerMs: number[] }).__stadtpulsLayerMs.slice(from), c0.layers);
    const deltas = c1.deltas - c0.deltas;
    const result = {
      client,
      rate,
      firstPaintMs: paintMs === null ? `> ${PAINT_TIMEOUT_MS}` : Math.round(paintMs),
      firstPixelsMs: pixelsMs === null ? `> ${PAINT_TIMEOUT_MS}` : Math.round(pixelsMs),
      openToPixelsMs: openToPixelsMs === null ? null : Math.round(openToPixelsMs),
      deltas,
      jsPerDeltaMs: deltas > 0 ? r1((s1 - s0) / deltas) : null,
      jsCpuPerDeltaMs: deltas > 0 ? r1((cpu1 - cpu0) / deltas) : null,
      scriptMsPerS: r1((s1 - s0) / WINDOW_S),
      layerBuilds: layerMs.length,
      framesDrawn: c1.frames - c0.frames,
      layerBuildMedianMs: r1(median(layerMs)),
      layerBuildP95Ms: r1([...layerMs].sort((a, b) => a - b)[Math.floor(layerMs.length * 0.95)] ?? NaN),
      drops: { closes: c1.closes - c0.closes, reopened: c1.opens - c0.opens },
      heapMB,
      load1: [r1(load0), r1(loadavg()[0])],
    };
    console.error(JSON.stringify(result));
    if (SHOTS && client === 'after' && rate === 'default') await screenshots(browser, url, page);
    return result;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

type LayerSteps = Record<string, [number, number]>;
const layerStepTimes = (page: Page): Promise<LayerSteps> =>
  page.evaluate(() => structuredClone((window as unknown as { __stadtpulsLayerTimes: LayerSteps }).__stadtpulsLayerTimes));

/** The window's time per layer step (ms, calls), largest first, to stderr. */
function printLayerSteps(before: LayerSteps, after: LayerSteps) {
  const rows = Object.entries(after).map(([k, [ms, calls]]) => [k, ms - (before[k]?.[0] ?? 0), calls - (before[k]?.[1] ?? 0)] as const);
  const shown = rows.filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
  console.error(`layer steps over the window (ms, calls):\n${shown.map(([k, ms, calls]) => `${ms.toFixed(1).padStart(8)} ${String(calls).padStart(4)} ${k}`).join('\n')}`);
}

async function startProfile(cdp: CDPSession) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/** Saves the profile and prints the functions with the most self time (ms over the window) to stderr. */
async function stopProfile(cdp: CDPSession, file: string) {
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([name, ms]) => `${r1(ms).toString().padStart(9)} ms  ${name}`);
  console.error(`profile ${file}.cpuprofile, self time:\n${top.join('\n')}`);
}

async function screenshots(browser: BrowserContext, url: string, cityPage: Page) {
  await cityPage.screenshot({ path: `${SHOTS}/scale-city.png` });
  await cityPage.close();
  const zoomed = await browser.newPage();
  await zoomed.setViewportSize({ width: 1920, height: 1080 });
  await zoomed.goto(`${url}/?view=7.21900,51.48200,16.00`);
  await zoomed.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
  await zoomed.waitForTimeout(8000);
  await zoomed.screenshot({ path: `${SHOTS}/scale-city-street.png` });
  await zoomed.close();
  const phone = await browser.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url);
  await phone.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
  await phone.waitForTimeout(8000);
  await phone.screenshot({ path: `${SHOTS}/scale-city-phone.png` });
}

const only = process.env.BENCH_ONLY?.split(',');
const runs: Array<['before' | 'after', 'default' | '1']> = [
  ['after', 'default'],
  ['after', '1'],
  ['before', 'default'],
  ['before', '1'],
];
const results = [];
for (const [client, rate] of runs) {
  if (only && !only.includes(`${client}:${rate}`)) continue;
  results.push(await measure(client, rate));
}
console.log(JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model }, scale: SCALE, windowS: WINDOW_S, results }, null, 2));
process.exit(0);
