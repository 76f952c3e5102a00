import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { demoResponseSchema, tourSchema } from '../common/tour.js';
import type { Stadtpuls } from '../server/app.js';
import { CLIENT_DIST_DIR, SCENARIO_DIR } from '../server/paths.js';
import { docShot } from './helpers/doc-shots.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * ?demo=: a short tour made of the Smart CityCON tour's heat chapter (its windows narrowed to a
 * 50-minute recording, so the server records it in seconds) and a 20-minute A40 closure window
 * (an afternoon later than the live city's clock) played in a real Chromium: captions change (DE,
 * then EN), a click pauses and hands over the live map, the tour resumes after the idle time with
 * the next chapter, no request is refused; the server restarts mid-tour and the tour goes on.
 * Screenshots for docs/.
 */

const VIEWPORT = { width: 1920, height: 1080 };
let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let env: Record<string, string>;
const consoleErrors: string[] = [];

/** The real tour's heat chapter twice (two chapters) and its title card, over 12:50–13:40 of 13 Aug 2024. */
function probeTour() {
  const real = tourSchema.parse(JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'tours', 'smart-citycon.json'), 'utf8')));
  const heat = real.chapters[0];
  const windows = [
    { from: '2024-08-13T13:00:00+02:00', to: '2024-08-13T13:20:00+02:00' },
    { from: '2024-08-13T13:20:00+02:00', to: '2024-08-13T13:40:00+02:00' },
  ];
  // The chapter's second (English) step runs longer: the first test checks the map and the header while it shows, then
  // pauses it; on a slow CI machine those checks outlasted an 8 s step and the click paused the second chapter instead.
  const steps = heat.steps.map((s, i) => ({ ...s, window: windows[i], durationMs: i === 1 ? 20_000 : 8_000 }));
  return {
    ...real,
    id: 'probe',
    recordings: [
      { id: 'hitze', scenario: 'hitzewelle-august-2024', from: '2024-08-13T12:50:00+02:00', to: '2024-08-13T13:40:00+02:00' },
      // later in the day than the live city (which starts in the morning): panels must ask the recording, not the live run
      { id: 'a40', scenario: 'a40-sperrung', from: '2026-06-16T15:50:00+02:00', to: '2026-06-16T16:10:00+02:00' },
    ],
    chapters: [
      { ...heat, steps },
      { ...heat, id: 'hitze-2', steps: [{ ...steps[0], caption: { de: 'Zweites Kapitel', en: 'Second chapter' } }] },
      {
        ...real.chapters.find((c) => c.recording === 'a40')!,
        recording: 'a40',
        steps: [{ ...real.chapters.find((c) => c.recording === 'a40')!.steps[0], window: { from: '2026-06-16T15:55:00+02:00', to: '2026-06-16T16:05:00+02:00' }, durationMs: 8_000 }],
      },
    ],
    titleCard: { ...real.titleCard, durationMs: 8_000 },
  };
}

beforeAll(async () => {
  if (!existsSync(path.join(process.env.TEST_CLIENT_DIR ?? CLIENT_DIST_DIR, 'index.html'))) throw new Error('The client is not built: run `npm run build` first.');
  const toursDir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-tours-'));
  writeFileSync(path.join(toursDir, 'probe.json'), JSON.stringify(tourSchema.parse(probeTour())));
  // A store file of its own that outlives the server: the restart test starts a second one on it.
  env = { TOURS_DIR: toursDir, DEMO: 'probe', STADTPULS_DB: path.join(mkdtempSync(path.join(tmpdir(), 'stadtpuls-demo-store-')), 'history.sqlite') };
  ({ server, url } = await startTestServer(env));
  // The kiosk start records at once; wait until the recordings are in the store.
  const deadline = Date.now() + 150_000;
  for (;;) {
    // a busy CI box may drop a poll while the server records: ask again
    const demo = await fetch(`${url}/api/demo/probe`)
      .then(async (r) => demoResponseSchema.parse(await r.json()))
      .catch(() => null);
    if (!demo) {
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    const recs = Object.values(demo.recordings);
    if (recs.every((r) => r.ready)) break;
    const failed = recs.find((r) => r.error);
    if (failed) throw new Error(failed.error!);
    if (Date.now() > deadline) throw new Error('the demo recordings were not ready within 150 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchChromium(VIEWPORT);
}, 210_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(query: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(`${url}/?${query}`);
  return page;
}

const captionTitle = (p: Page) => p.locator('[data-testid="demo-caption"] .demo-title');

describe('demo mode in the browser', () => {
  it('changes captions DE then EN, pauses on a click, resumes with the next chapter after the idle time', async () => {
    // speed 1: 8 s per step, so a main thread blocked for a few seconds by software WebGL cannot skip a whole step (at
    // speed 2 a slower CI machine's page was already in the A40 chapter when the test looked for the heat chapter's
    // header, twice); idle=20: the tour comes back 20 s after the last input (software WebGL on a busy CI box is slow).
    const page = await open('demo=probe&speed=1&idle=20');
    // Every caption shown, recorded in the page (a busy machine may poll past a 2 s slide).
    await page.evaluate(`window.__seen = []; setInterval(() => { const el = document.querySelector('[data-testid="demo-caption"]'); const c = el && el.getAttribute('lang') + ': ' + el.querySelector('.demo-title').textContent; if (c && window.__seen.at(-1) !== c) window.__seen.push(c); }, 50);`);
    await expect.poll(() => page.evaluate('window.__seen.slice(0, 2)'), { timeout: 40_000 }).toEqual(['de: Der heißeste Nachmittag 2024', 'en: Who is exposed to the heat']);
    // The map shows the recorded afternoon, not the live city.
    await expect.poll(() => page.getByTestId('view-mode').getAttribute('data-mode'), { timeout: 10_000 }).toBe('past');
    // The header names what the screen shows: the recording's scenario, not the live one. Its name and id are read
    // together: on a slow machine the tour may move on to the next chapter's recording between two reads.
    await expect
      .poll(() => page.getByTestId('header-scenario').evaluate((el) => `${el.getAttribute('data-scenario')}: ${el.textContent}`), { timeout: 10_000 })
      .toMatch(/^hitzewelle-august-2024: .*Aufzeichnung · Hitzewelle August 2024/);

    await page.mouse.click(960, 600);
    await page.getByTestId('demo-paused').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('demo-caption').count()).toBe(0);
    await expect.poll(() => page.getByTestId('view-mode').getAttribute('data-mode'), { timeout: 5_000 }).toBe('live');
    expect(await page.getByTestId('header-scenario').getAttribute('data-scenario')).toBe('normaler-werktag');
    // Still paused a moment later (idle 20 s), then the next chapter: "Zweites Kapitel" on slide 2 (German).
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('demo-paused').count()).toBe(1);
    await expect.poll(() => captionTitle(page).textContent(), { timeout: 40_000 }).toBe('Zweites Kapitel');
    // The A40 closure plays its recording, later in the day than the live city: every panel asks that run.
    await expect.poll(() => page.evaluate('window.__seen.some((c) => c.includes("A40"))'), { timeout: 40_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('header-scenario').getAttribute('data-scenario'), { timeout: 10_000 }).toBe('a40-sperrung');
    await page.waitForTimeout(3_000);
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 150_000);

  it('screenshots: a caption over the heat chapter and the title card with its QR code', async () => {
    const heat = await open('demo=probe&speed=0.1&lang=de');
    await captionTitle(heat)
      .waitFor({ timeout: 30_000 })
      .catch(async (err) => {
        throw new Error(`${(err as Error).message}\npage: ${await heat.evaluate(() => document.body.innerText.slice(0, 500))}\nerrors: ${consoleErrors.join(' | ')}`);
      });
    await heat
      .locator('[data-testid="view-mode"][data-mode="past"][data-loaded="yes"]')
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        throw new Error(`${(err as Error).message}\nview: ${await heat.evaluate(() => document.querySelector('[data-testid="view-mode"]')?.outerHTML)}\nerrors: ${consoleErrors.join(' | ')}`);
      });
    // Let the camera flight (4 s at speed 1 → 40 s at speed 0.1, eased) come close to its end and the heat surface draw.
    await heat.waitForTimeout(30_000);
    await heat.screenshot({ path: docShot('demo-heat.png'), timeout: 120_000 });
    const size = Number(await heat.evaluate(`parseFloat(getComputedStyle(document.querySelector('[data-testid="demo-caption"] .demo-title')).fontSize)`));
    expect(size).toBeGreaterThanOrEqual(48);
    await heat.close();

    const title = await open('demo=probe&slide=4&speed=0.05');
    await title.getByTestId('demo-qr').waitFor({ timeout: 30_000 });
    expect(await title.locator('[data-testid="demo-qr"] svg path').count()).toBeGreaterThan(0);
    await title.waitForTimeout(1_000);
    await title.screenshot({ path: docShot('demo-title.png'), timeout: 120_000 });
    await title.close();
    expect(consoleErrors).toEqual([]);
  }, 400_000);

  it('grows the header, the KPI tiles and the map labels with a 4K screen, as the wall does; a phone keeps the desk size', async () => {
    const page = await open('demo=probe&speed=0.1&lang=de');
    await captionTitle(page).waitFor({ timeout: 60_000 });
    // the type on the page, and the map's labels as drawn (size × scale, reported by wall-map.ts)
    const sizes = async () =>
      (await page.evaluate(`(() => {
        const px = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
        return { h1: px('.brand h1'), kpi: px('.kpi-value'), labels: window.__stadtpulsWallText ?? {} };
      })()`)) as { h1: number; kpi: number; labels: Record<string, number> };
    await expect.poll(async () => Object.keys((await sizes()).labels).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const hd = await sizes();
    await page.setViewportSize({ width: 3840, height: 2160 });
    // the labels are drawn again at the next frame after the resize
    const grown = (s: Awaited<ReturnType<typeof sizes>>) => Math.min(s.h1 / hd.h1, s.kpi / hd.kpi, ...Object.entries(hd.labels).map(([id, size]) => (s.labels[id] ?? 0) / size));
    await expect.poll(async () => grown(await sizes()), { timeout: 30_000 }).toBeGreaterThanOrEqual(1.8);
    // a phone: the desk's own sizes (16 px type), not the wall's shrunken ones
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(`parseFloat(getComputedStyle(document.documentElement).fontSize)`), { timeout: 10_000 }).toBe(16);
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it('goes on after the server restarts mid-tour, without a reconnect storm or errors once it is back', async () => {
    const page = await open('demo=probe&speed=2&idle=20');
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    await page.evaluate(`window.__seen = []; setInterval(() => { const el = document.querySelector('[data-testid="demo-caption"] .demo-title'); const c = el && el.textContent; if (c && window.__seen.at(-1) !== c) window.__seen.push(c); }, 50);`);
    await page.locator('[data-testid="view-mode"][data-mode="past"][data-loaded="yes"]').waitFor({ timeout: 60_000 });

    const port = new URL(url).port;
    await server.stop();
    await page.locator('[data-testid="connection"]:not([data-status="live"])').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(4_000);
    ({ server, url } = await startTestServer({ ...env, PORT: port }));
    // Requests made while the server was away failed (the browser logs those); count from the page's return to live.
    // A fixed wait was not enough: on a busy machine the browser reported an attempt refused during the outage seconds
    // after the server was back. Reports reach the test in order, so once the page says "live" the earlier ones are in.
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
    consoleErrors.length = 0;
    sockets = 0;
    const seenBefore = ((await page.evaluate('window.__seen.length')) as number);
    // The tour goes on: new captions, and the map shows recorded frames from the restarted server.
    await expect.poll(() => page.evaluate('window.__seen.length'), { timeout: 60_000 }).toBeGreaterThanOrEqual(seenBefore + 2);
    await page.locator('[data-testid="view-mode"][data-mode="past"][data-loaded="yes"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(5_000);
    await page.close();
    // one live connection again, not a socket per frame
    expect(sockets).toBeLessThanOrEqual(2);
    expect(consoleErrors).toEqual([]);
    // above the sum of its waits' own timeouts, so a slow step fails by name rather than the test as a whole
  }, 300_000);
});
