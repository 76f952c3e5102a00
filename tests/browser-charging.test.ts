import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { bochumDayKey } from '../common/bochum-time.js';
import { chargingHistoryResponseSchema, type ChargingHistoryResponse } from '../common/charging-history.js';
import type { Stadtpuls } from '../server/app.js';
import { CLIENT_DIST_DIR, REPO_ROOT } from '../server/paths.js';
import { launchChromium } from './helpers/chromium.js';
import { docShot } from './helpers/doc-shots.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * The e-mobility panel (issue 11) in a real Chromium: the simulated charging sites of a weekday run at
 * ×300 from 05:00, and once the store holds a few city hours the planner opens the panel from the side
 * panels and finds the city's and a site's day as stacked areas, the utilisation ranking (the same
 * figure the API computed), the EVs against the charge points, a CSV of the day; then the same panel
 * as the bottom sheet of a phone. TEST_CLIENT_DIR serves a client built elsewhere.
 */

const SHOTS = path.join(REPO_ROOT, 'test-results');
const CLIENT_DIR = process.env.TEST_CLIENT_DIR ?? CLIENT_DIST_DIR;
let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
const errors: string[] = [];

function watchErrors(p: Page): void {
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  p.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
}

async function chargingDay() {
  return chargingHistoryResponseSchema.parse(await (await fetch(`${url}/api/history/charging?bucket=15m`)).json());
}

let lastAnswer: ChargingHistoryResponse | null = null;

/** The ranking as the page should order it: most used first, sites without data last, by name. */
function rankedIds(day: ChargingHistoryResponse): string[] {
  return [...day.sites].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.name.localeCompare(b.name, 'de')).map((s) => s.id);
}

async function openPanel(p: Page): Promise<void> {
  await p.getByTestId('emob-open').click({ timeout: 300_000 });
  await p.getByTestId('emob-panel').waitFor({ timeout: 300_000 });
  await p.locator('[data-testid="emob-city-chart"] .recharts-area-area').first().waitFor({ timeout: 300_000 });
}

beforeAll(async () => {
  if (!existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error('The client is not built: run `npm run build` (or set TEST_CLIENT_DIR).');
  mkdirSync(SHOTS, { recursive: true });
  // Only the charging sites (and car parks, for the map) are simulated: the test is about charging, and traffic at ×300 is CPU.
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-09T05:00:00+02:00', SIM_SPEED: '120', SIMULATOR_KINDS: 'charging,parking' }, {}));
  // A few city hours of history (a test second is two city minutes).
  await waitFor(async () => (await chargingDay()).city.buckets.filter((b) => b.coverage > 0).length >= 16, 'four city hours of charging history', 300_000);
  browser = await launchChromium({ width: 1920, height: 1080 });
}, 420_000);

afterAll(async () => {
  if (errors.length > 0) console.log('page errors:', errors);
  await browser?.close();
  await server?.stop();
});

describe('e-mobility panel', () => {
  it('opens from the side panels with the day as stacked areas, the ranking, the EV chart and a CSV', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(300_000);
    page.setDefaultNavigationTimeout(300_000);
    watchErrors(page);
    page.on('response', async (r) => {
      if (r.url().includes('/api/history/charging?') && r.ok()) lastAnswer = chargingHistoryResponseSchema.parse(await r.json());
    });
    await page.goto(`${url}/?lang=de&layers=charging,parking`);
    await openPanel(page);

    // the city's day: at least the four hours waited for, drawn as three stacked areas
    const city = page.getByTestId('emob-city-chart');
    expect(Number(await city.getAttribute('data-buckets'))).toBeGreaterThanOrEqual(16);
    expect(await city.locator('.recharts-area-area').count()).toBe(3);
    const areaPath = await city.locator('.recharts-area-area').first().getAttribute('d');
    expect(areaPath?.length ?? 0).toBeGreaterThan(50);

    // the ranking: every registry site, most used first, the same utilisations the API computed
    const rows = page.getByTestId('emob-rank-row');
    expect(await rows.count()).toBe(24);
    const shown = await rows.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-site'), u: e.getAttribute('data-utilisation') })));
    const utilisations = shown.map((r) => (r.u === '' ? -1 : Number(r.u)));
    expect(utilisations).toEqual([...utilisations].sort((a, b) => b - a));
    expect(utilisations[0]).toBeGreaterThan(0);
    // the city figure is the one in the answer the page drew (the day moves on at ×300, so not a fresh request)
    const api = lastAnswer!;
    const pagePct = Number((await page.getByTestId('emob-city-utilisation').textContent())!.replace(/[^\d]/g, ''));
    expect(pagePct).toBe(Math.round(api.city.utilisation! * 100));
    expect(shown.map((r) => r.id)).toEqual(rankedIds(api));

    // a row picks the site of the second chart
    const second = shown[1].id!;
    await rows.nth(1).click();
    await expect.poll(() => page.getByTestId('emob-site-select').inputValue()).toBe(second);
    const siteName = api.sites.find((s) => s.id === second)!.name.replace(/^Ladestation\s+/, '');
    expect(await page.getByTestId('emob-site-chart').locator('figcaption').textContent()).toContain(siteName);
    await page.getByTestId('emob-site-chart').locator('.recharts-area-area').first().waitFor();

    // EVs per month against today's charge points, with the ratio in words
    const ev = page.getByTestId('emob-ev-chart');
    expect(await ev.getAttribute('data-months')).toBe('139');
    expect(await ev.getAttribute('data-charge-points')).toBe('101');
    expect(await page.getByTestId('emob-ratio').textContent()).toBe('7.099 E-Fahrzeuge (Juli 2024) je 101 Ladepunkte: 70 je Ladepunkt');
    expect(await ev.locator('.recharts-line-curve').count()).toBe(1);
    expect(await ev.locator('.recharts-scatter-symbol').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('emob-csv').click()]);
    // the displayed day (a slow machine may have reached the next one at ×120)
    const day = bochumDayKey(lastAnswer!.from);
    expect(['2026-06-09', '2026-06-10']).toContain(day);
    expect(download.suggestedFilename()).toBe(`stadtpuls-laden-${day}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^site_id,site,district,points,bucket_start,free,occupied,out_of_order/);
    expect(csv).toHaveLength(1 + 25 * 96);
    expect(csv[1]).toMatch(new RegExp(`^city,Bochum,,101,${day}T00:00:00\\+02:00,`));

    await page.screenshot({ path: path.join(SHOTS, 'emobility-1920.png') });
    await page.screenshot({ path: docShot('emobility.png') });

    // Escape closes it, the button opens it again
    await page.keyboard.press('Escape');
    await page.getByTestId('emob-panel').waitFor({ state: 'detached' });
    await page.close();
    expect(errors).toEqual([]);
  }, 900_000);

  it('speaks English', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(300_000);
    page.setDefaultNavigationTimeout(300_000);
    watchErrors(page);
    await page.goto(`${url}/?lang=en&layers=charging&emobility`);
    await page.getByTestId('emob-panel').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid="emob-city-chart"] .recharts-area-area').first().waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('emob-panel').locator('.tt-title').textContent()).toBe('E-mobility');
    expect(await page.getByTestId('emob-ratio').textContent()).toBe('7,099 electric vehicles (July 2024) per 101 charge points: 70 per charge point');
    await page.close();
    expect(errors).toEqual([]);
  }, 900_000);

  it('works as the bottom sheet of a phone (390×844): opened from the sheet, inside the screen', async () => {
    const phone = await launchChromium({ width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      page.setDefaultTimeout(300_000);
      page.setDefaultNavigationTimeout(300_000);
      watchErrors(page);
      await page.goto(`${url}/?lang=de&layers=charging,parking`);
        await page.getByTestId('sheet-handle').click({ timeout: 300_000 });
      await openPanel(page);
      const box = (await page.getByTestId('emob-panel').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      // the city chart is as wide as the sheet allows and fully on screen
      const chart = (await page.getByTestId('emob-city-chart').boundingBox())!;
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.y + chart.height).toBeLessThanOrEqual(844);
      await page.screenshot({ path: path.join(SHOTS, 'emobility-phone.png') });
      await page.getByTestId('emob-close').click();
      await page.getByTestId('emob-panel').waitFor({ state: 'detached' });
    } finally {
      await phone.close();
    }
    expect(errors).toEqual([]);
  }, 900_000);
});
