/**
 * First load of the dashboard (issue 11): for each built client, a real server serves it (TEST_CLIENT_DIR)
 * and headless Chromium loads it cold (a fresh browser profile each load). Measures the bytes on the wire for
 * the document, scripts and stylesheets (CDP encodedDataLength, so compression counts) and the time to
 * DOMContentLoaded and to the first KPI value shown, unthrottled and throttled to a city-office link.
 * Prints JSON: medians per build and condition, and the ratios of the last build to the first.
 *
 * Build the clients into dirs of their own, then:
 * `FL_BUILDS=before=/tmp/fl-before,after=/tmp/fl-after FL_LOADS=5 npx tsx bench/first-load.bench.ts`
 */
import { loadavg } from 'node:os';
import { launchChromium } from '../tests/helpers/chromium.js';
import { startTestServer } from '../tests/helpers/test-server.js';

const BUILDS = (process.env.FL_BUILDS ?? 'current=dist/client').split(',').map((b) => {
  const [name, dir] = b.split('=');
  if (!name || !dir) throw new Error(`FL_BUILDS: expected name=dir[,name=dir], got "${b}"`);
  return { name, dir };
});
const LOADS = Number(process.env.FL_LOADS ?? 5);
/** A plausible city-office link: 20 Mbit/s down, 5 Mbit/s up, 20 ms latency. */
const OFFICE = { offline: false, latency: 20, downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) };
const CONDITIONS = [
  { name: 'unthrottled', network: null },
  { name: 'office-20mbit-20ms', network: OFFICE },
] as const;
const FIRST_KPI_TIMEOUT_MS = 60_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x);

interface Load {
  bytes: { document: number; script: number; stylesheet: number; total: number };
  requests: number;
  domContentLoadedMs: number;
  firstKpiMs: number;
}

async function loadOnce(url: string, network: typeof OFFICE | null): Promise<Load> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    const types = new Map<string, string>();
    const bytes = { document: 0, script: 0, stylesheet: 0, total: 0 };
    let requests = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const kind = (types.get(e.requestId) ?? '').toLowerCase();
      if (kind === 'document' || kind === 'script' || kind === 'stylesheet') {
        bytes[kind] += e.encodedDataLength;
        bytes.total += e.encodedDataLength;
        requests++;
      }
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: FIRST_KPI_TIMEOUT_MS });
    // performance.now() in the page counts from the navigation's start.
    const firstKpiMs = await page.waitForFunction(
      () => {
        const v = document.querySelector('[data-testid="kpi-heat-value"]')?.textContent;
        return v && v !== '–' ? performance.now() : null;
      },
      null,
      { timeout: FIRST_KPI_TIMEOUT_MS, polling: 20 },
    );
    const domContentLoadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    return { bytes, requests, domContentLoadedMs, firstKpiMs: (await firstKpiMs.jsonValue()) as number };
  } finally {
    await browser.close();
  }
}

const results: Record<string, Record<string, unknown>> = {};
const medians: Record<string, Record<string, { bytes: number; requests: number; domContentLoadedMs: number; firstKpiMs: number }>> = {};
const loadBefore = loadavg();
for (const build of BUILDS) {
  process.env.TEST_CLIENT_DIR = build.dir;
  const { server, url } = await startTestServer();
  try {
    results[build.name] = {};
    medians[build.name] = {};
    for (const condition of CONDITIONS) {
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) {
        loads.push(await loadOnce(url, condition.network));
        process.stderr.write(`${build.name} ${condition.name} #${i + 1}: ${JSON.stringify(loads[i])}\n`);
      }
      const m = {
        bytes: median(loads.map((l) => l.bytes.total)),
        requests: median(loads.map((l) => l.requests)),
        domContentLoadedMs: round(median(loads.map((l) => l.domContentLoadedMs))),
        firstKpiMs: round(median(loads.map((l) => l.firstKpiMs))),
      };
      medians[build.name][condition.name] = m;
      results[build.name][condition.name] = { median: m, loads: loads.map((l) => ({ ...l, domContentLoadedMs: round(l.domContentLoadedMs), firstKpiMs: round(l.firstKpiMs) })) };
    }
  } finally {
    await server.stop();
  }
}

const [first, last] = [BUILDS[0].name, BUILDS[BUILDS.length - 1].name];
const ratios: Record<string, Record<string, number>> = {};
if (first !== last) {
  for (const condition of CONDITIONS) {
    const a = medians[first][condition.name];
    const b = medians[last][condition.name];
    ratios[condition.name] = {
      bytes: Math.round((b.bytes / a.bytes) * 1000) / 1000,
      domContentLoadedMs: Math.round((b.domContentLoadedMs / a.domContentLoadedMs) * 1000) / 1000,
      firstKpiMs: Math.round((b.firstKpiMs / a.firstKpiMs) * 1000) / 1000,
    };
  }
}

console.log(
  JSON.stringify(
    {
      bench: 'first-load',
      loadsPerCondition: LOADS,
      builds: BUILDS,
      network: { office: OFFICE },
      loadAverage: { before: loadBefore.map((x) => Math.round(x * 100) / 100), after: loadavg().map((x) => Math.round(x * 100) / 100) },
      medians,
      [`ratio ${last}/${first}`]: ratios,
      results,
    },
    null,
    2,
  ),
);
process.exit(0);
