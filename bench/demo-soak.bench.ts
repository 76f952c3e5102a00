/**
 * Soak benchmark of the demo tour: the real server and `?demo=<tour>` in headless Chromium at
 * 1920×1080, the tour at SPEED× (default 10: the 5-minute Smart CityCON tour loops every ~26 s), a
 * visitor's click every CLICK_EVERY_S seconds (the tour pauses, hands over the live map and resumes
 * IDLE_S later). Samples the page's JS heap after a forced GC, DOM nodes, frames drawn, captions
 * seen, console errors (with the URL of every failed request) and the WebSockets the page opened (a
 * reconnect storm shows there, and for each closed one when, its close code and whether the page closed
 * it itself — engine.io's own ping timeout — or the server did); prints JSON with the heap slope in MB per hour (goal ≤ 1), a
 * least-squares fit over the samples after WARMUP_S (the first minutes fill caches once).
 *
 * The recordings are kept in SOAK_DB (default var/demo-soak.sqlite), so only the first run records
 * them (see bench/demo-recording.bench.ts for how long that takes).
 * `npx tsx bench/demo-soak.bench.ts`; DURATION_S=28800 SPEED=1 for the 8-hour stand rehearsal.
 * HEAP_SNAPSHOTS=<dir> also writes V8 heap snapshots of the page at the end of the warm-up, halfway through the
 * rest and at the end of the run (warmup, middle, end .heapsnapshot): the slope says that the heap grows, the
 * snapshots compared with `npx tsx bench/heap-diff.ts <dir>/middle.heapsnapshot <dir>/end.heapsnapshot` say what
 * grows. The middle one tells steady growth from a one-time cost after the warm-up (a lazily loaded chunk such as
 * the charts', first loaded when a click first hits a sensor).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoResponseSchema } from '../common/tour.js';
import { REPO_ROOT } from '../server/paths.js';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium.js';
import { startTestServer } from '../tests/helpers/test-server.js';

const TOUR = process.env.TOUR ?? 'smart-citycon';
const DURATION_S = Number(process.env.DURATION_S ?? 600);
const SPEED = Number(process.env.SPEED ?? 10);
const IDLE_S = Number(process.env.IDLE_S ?? 5);
const CLICK_EVERY_S = Number(process.env.CLICK_EVERY_S ?? 120);
const SAMPLE_S = Number(process.env.SAMPLE_S ?? 10);
// V8 keeps compiling the tour's functions to machine code well past 5 minutes (at speed 10, 30 Nov, same build:
// +0.9 MB of code in the 7.5 min after the warm-up, +0.5 MB in the next 7.5): that is most of the slope after a
// 5-minute warm-up. To see the page's own growth alone, run Chromium interpreter-only through a wrapper as
// CHROMIUM_PATH: `exec /usr/bin/chromium --js-flags="--no-opt --no-maglev --no-sparkplug" "$@"`.
const WARMUP_S = Number(process.env.WARMUP_S ?? Math.min(300, DURATION_S / 5));
const HEAP_SNAPSHOTS = process.env.HEAP_SNAPSHOTS;
const db = process.env.SOAK_DB ?? path.join(REPO_ROOT, 'var', 'demo-soak.sqlite');
mkdirSync(path.dirname(db), { recursive: true });

async function main() {
  const { server, url } = await startTestServer({ STADTPULS_DB: db, DEMO: TOUR });
  const browser = await launchChromium({ width: 1920, height: 1080 });
  // The server's side of each ended live connection: engine.io's reason ('ping timeout': the page missed a
  // pong; 'forced close': e.g. Socket.IO's connectTimeout, the page did not join within 10 s; 'transport close').
  const serverCloses: Array<{ at: number; openS: number; reason: string }> = [];
  server.io.engine.on('connection', (conn: { on: (e: 'close', l: (reason: string) => void) => void }) => {
    const opened = Date.now();
    conn.on('close', (reason) => serverCloses.push({ at: Date.now(), openS: Math.round((Date.now() - opened) / 1000), reason }));
  });
  try {
    const recordStart = Date.now();
    for (;;) {
      const demo = demoResponseSchema.parse(await (await fetch(`${url}/api/demo/${TOUR}`)).json());
      const states = Object.values(demo.recordings);
      if (states.every((r) => r.ready)) break;
      const failed = states.find((r) => r.error);
      if (failed) throw new Error(`recording failed: ${failed.error}`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const recordingS = Math.round((Date.now() - recordStart) / 1000);
    const page = await browser.newPage();
    const errors: string[] = [];
    // Warnings by text (WebGL's "attempt to use a deleted object" came ~86 times in 15 minutes once): the most frequent are printed.
    const warnings = new Map<string, number>();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
      else if (m.type() === 'warning') warnings.set(m.text().slice(0, 160), (warnings.get(m.text().slice(0, 160)) ?? 0) + 1);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // The console says only "Failed to load resource"; the response names the request.
    const failedRequests: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.request().method()} ${r.url().replace(url, '')}`);
    });
    page.on('requestfailed', (r) => failedRequests.push(`failed ${r.url().replace(url, '')}: ${r.failure()?.errorText ?? ''}`));
    let websockets = 0;
    page.on('websocket', () => (websockets += 1));
    // Which side ends a live connection: engine.io closes its WebSocket itself when the server's pings stop
    // coming (a page too busy to read them), the server when it drops the client or misses its pongs.
    await page.addInitScript(`(() => {
      const Native = window.WebSocket, close = Native.prototype.close, t0 = performance.now();
      window.__wsCloses = [];
      Native.prototype.close = function (...a) { this.__byPage = true; return close.apply(this, a); };
      window.WebSocket = class extends Native {
        constructor(...a) {
          super(...a);
          const opened = performance.now();
          this.addEventListener('close', (e) => window.__wsCloses.push({ t: Math.round((performance.now() - t0) / 1000), openS: Math.round((performance.now() - opened) / 1000), code: e.code, byPage: this.__byPage === true }));
        }
      };
    })();`);
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${url}/?demo=${TOUR}&speed=${SPEED}&idle=${IDLE_S}`);
    // software WebGL on a busy box can take minutes to bring up the first caption
    await page.getByTestId('demo-caption').waitFor({ timeout: 600_000 });
    // Strings, not functions: tsx would wrap a named function in a helper the page does not have.
    await page.evaluate(`window.__frames = 0; (function count() { window.__frames++; requestAnimationFrame(count); })();
      window.__captions = new Set(); setInterval(() => { const t = document.querySelector('[data-testid="demo-caption"] .demo-title'); if (t) window.__captions.add(t.textContent); }, 250);
      window.__panels = []; let panel = false; setInterval(() => { const p = !!document.querySelector('.detail-panel'); if (p && !panel) window.__panels.push(Date.now()); panel = p; }, 250);`);

    const samples: Array<{ t: number; heapMB: number; nodes: number; listeners: number; frames: number }> = [];
    const t0 = Date.now();
    let lastClick = t0;
    let clicks = 0;
    const snapshotsDue = HEAP_SNAPSHOTS ? [{ at: WARMUP_S, name: 'warmup' }, { at: (WARMUP_S + DURATION_S) / 2, name: 'middle' }] : [];
    while (Date.now() - t0 < DURATION_S * 1000) {
      await page.waitForTimeout(SAMPLE_S * 1000);
      if (Date.now() - lastClick >= CLICK_EVERY_S * 1000) {
        await page.mouse.click(960, 540);
        lastClick = Date.now();
        clicks += 1;
      }
      // A forced full GC before every sample: the heap is what is still reachable, not GC timing.
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      // event listeners added per loop and never removed would show here before they show in the heap
      const { jsEventListeners } = await cdp.send('Memory.getDOMCounters');
      samples.push({ t: Math.round((Date.now() - t0) / 1000), heapMB: +(heap.usedSize / 2 ** 20).toFixed(2), nodes: m.Nodes, listeners: jsEventListeners, frames: (await page.evaluate('window.__frames')) as number });
      if (HEAP_SNAPSHOTS && snapshotsDue.length > 0 && samples[samples.length - 1].t >= snapshotsDue[0].at) {
        await heapSnapshot(cdp, path.join(HEAP_SNAPSHOTS, `${snapshotsDue.shift()!.name}.heapsnapshot`));
      }
    }
    if (HEAP_SNAPSHOTS) await heapSnapshot(cdp, path.join(HEAP_SNAPSHOTS, 'end.heapsnapshot'));
    const n = samples.length;
    const slope = leastSquaresSlope(samples.filter((s) => s.t >= WARMUP_S));
    const all = leastSquaresSlope(samples);
    const fps = (samples[n - 1].frames - samples[0].frames) / (samples[n - 1].t - samples[0].t);
    const tourSeconds = await page.evaluate(`fetch('/api/demo/${TOUR}').then((r) => r.json()).then((d) => (d.tour.chapters.flatMap((c) => c.steps).reduce((s, x) => s + x.durationMs, 0) + d.tour.titleCard.durationMs) / 1000)`);
    console.log(
      JSON.stringify(
        {
          benchmark: 'demo-soak',
          tour: TOUR,
          durationS: DURATION_S,
          speed: SPEED,
          loops: +((DURATION_S * SPEED) / (tourSeconds as number)).toFixed(1),
          viewport: '1920x1080',
          recordingWaitS: recordingS,
          heapMB: { first: samples[0].heapMB, last: samples[n - 1].heapMB, max: Math.max(...samples.map((s) => s.heapMB)) },
          machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg().map((x) => +x.toFixed(1)), chromium: browser.browser()?.version() ?? null },
          warmupS: WARMUP_S,
          heapSlopeMBPerHour: +(slope * 3600).toFixed(2),
          heapSlopeWholeRunMBPerHour: +(all * 3600).toFixed(2),
          domNodes: { first: samples[0].nodes, last: samples[n - 1].nodes, max: Math.max(...samples.map((s) => s.nodes)) },
          eventListeners: { first: samples[0].listeners, last: samples[n - 1].listeners, max: Math.max(...samples.map((s) => s.listeners)) },
          framesPerSecond: +fps.toFixed(1),
          captionsSeen: ((await page.evaluate('[...window.__captions]')) as string[]).length,
          clicks,
          // When a click opened a sensor's panel: the first one loads the charts' chunk (recharts, ~1 MB of source
          // compiled), a one-time growth of the heap that lands in the slope when it comes after the warm-up.
          panelsOpenedAtS: ((await page.evaluate('window.__panels')) as number[]).map((at) => Math.round((at - t0) / 1000)),
          consoleErrors: errors.length,
          consoleWarnings: [...warnings].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([text, n]) => ({ n, text })),
          firstErrors: errors.slice(0, 5),
          failedRequests: failedRequests.length,
          firstFailedRequests: [...new Set(failedRequests)].slice(0, 10),
          websocketsOpened: websockets,
          websocketCloses: await page.evaluate('window.__wsCloses'),
          serverCloses: serverCloses.map((c) => ({ t: Math.round((c.at - t0) / 1000), openS: c.openS, reason: c.reason })),
          samples,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * The page's heap after a full GC, streamed to `file` as DevTools writes it (the chunks of a 25 MB heap make
 * a ~100 MB JSON that need not sit in this process's memory as one string).
 */
async function heapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const onChunk = ({ chunk }: { chunk: string }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  // The profiler stays enabled: disabling it clears V8's object ids, and heap-diff.ts --retainers tells the
  // objects made since the warm-up snapshot by their ids (the id map lives outside the JS heap the samples measure).
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** MB per second: the least-squares line through (t, heap) — every sample counts, not just the ends. */
function leastSquaresSlope(points: ReadonlyArray<{ t: number; heapMB: number }>): number {
  if (points.length < 2) return Number.NaN;
  const mt = points.reduce((a, s) => a + s.t, 0) / points.length;
  const mh = points.reduce((a, s) => a + s.heapMB, 0) / points.length;
  return points.reduce((a, s) => a + (s.t - mt) * (s.heapMB - mh), 0) / points.reduce((a, s) => a + (s.t - mt) ** 2, 0);
}

void main();
