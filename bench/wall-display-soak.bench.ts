/**
 * Soak benchmark of the wall display: the real server (normal weekday at ×60, so a simulated day
 * passes in 24 minutes) and the dashboard in headless Chromium for DURATION_S seconds. Samples the
 * page's JS heap, DOM nodes and the frames drawn, and prints JSON: a heap that keeps growing over
 * hours would show here as a positive slope. Run: `npx tsx bench/wall-display-soak.bench.ts`.
 */
import { launchChromium } from '../tests/helpers/chromium.js';
import { startTestServer } from '../tests/helpers/test-server.js';

const DURATION_S = Number(process.env.DURATION_S ?? 120);
const SAMPLE_S = 10;

const { server, url } = await startTestServer({ SIM_SPEED: '60', SIM_START: '2026-06-16T06:00:00+02:00' });
const browser = await launchChromium({ width: 1920, height: 1080 });
try {
  const page = await browser.newPage();
  const cdp = await browser.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}/?wall=1`);
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
  // A string, not a function: tsx would wrap a named function in a helper the page does not have.
  await page.evaluate('window.__frames = 0; (function count() { window.__frames++; requestAnimationFrame(count); })();');

  const samples: Array<{ t: number; heapMB: number; nodes: number; frames: number; status: string | null }> = [];
  const t0 = Date.now();
  while (Date.now() - t0 < DURATION_S * 1000) {
    await page.waitForTimeout(SAMPLE_S * 1000);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    samples.push({
      t: Math.round((Date.now() - t0) / 1000),
      heapMB: +(m.JSHeapUsedSize / 2 ** 20).toFixed(1),
      nodes: m.Nodes,
      frames: (await page.evaluate('window.__frames')) as number,
      status: await page.getByTestId('connection').getAttribute('data-status'),
    });
  }

  // Least-squares slope of the heap over time, MB per hour.
  const n = samples.length;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mh = samples.reduce((a, s) => a + s.heapMB, 0) / n;
  const slope = samples.reduce((a, s) => a + (s.t - mt) * (s.heapMB - mh), 0) / samples.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  const fps = (samples[n - 1].frames - samples[0].frames) / (samples[n - 1].t - samples[0].t);
  console.log(
    JSON.stringify(
      {
        benchmark: 'wall-display-soak',
        durationS: DURATION_S,
        simSpeed: 60,
        viewport: '1920x1080',
        heapMB: { first: samples[0].heapMB, last: samples[n - 1].heapMB, max: Math.max(...samples.map((s) => s.heapMB)) },
        heapSlopeMBPerHour: +(slope * 3600).toFixed(1),
        domNodes: { first: samples[0].nodes, last: samples[n - 1].nodes },
        framesPerSecond: +fps.toFixed(1),
        alwaysLive: samples.every((s) => s.status === 'live'),
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
