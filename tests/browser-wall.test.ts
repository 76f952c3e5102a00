import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { docShot } from './helpers/doc-shots.js';
import { launchChromium } from './helpers/chromium.js';
import { requireBuiltClient } from './helpers/browser-page.js';
import { startTestServer } from './helpers/test-server.js';
import { measureWall, type WallMeasure } from './helpers/wall-measure.js';
import { sessionAs } from './helpers/auth-session.js';
import { wallColumn } from './helpers/wall-column.js';

/**
 * The wall at 3840×2160, measured as drawn: the city fills the map, the smallest text on the map
 * and in the panels is legible from 5 m (≥ 28 px), topic pages turn, and a lost link greys every
 * figure with its age. docs/wall-4k.png is taken here.
 */

const LEGIBLE_PX = 28;
let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  requireBuiltClient();
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T14:00:00+02:00' }));
  browser = await launchChromium({ width: 3840, height: 2160 });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the wall at 3840×2160', () => {
  let m: WallMeasure;

  it('fits the city to the map with little margin', async () => {
    await page.goto(`${url}/?wall=1`);
    // a 4K page in software WebGL on a shared machine is slow to come up
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 150_000 });
    // the labels' sizes are reported once the first frames are drawn
    await expect.poll(async () => Object.keys((await measureWall(page)).mapText).length, { timeout: 30_000 }).toBeGreaterThan(2);
    m = await measureWall(page);
    expect(m.viewport).toEqual({ width: 3840, height: 2160 });
    expect(Math.max(m.share.width, m.share.height), JSON.stringify(m)).toBeGreaterThanOrEqual(0.8);
  }, 240_000);

  it('draws no text smaller than 28 px, in the panels or on the map', () => {
    expect(m.smallestDomText.px, JSON.stringify(m.smallestDomText)).toBeGreaterThanOrEqual(LEGIBLE_PX);
    for (const [layer, px] of Object.entries(m.mapText)) expect(px, layer).toBeGreaterThanOrEqual(LEGIBLE_PX);
    expect(Object.keys(m.mapText)).toEqual(expect.arrayContaining(['district-labels', 'landmark-labels']));
  });

  it('is photographed for the docs', async () => {
    // software WebGL at 4K: one frame takes a while to capture
    await page.screenshot({ path: docShot('wall-4k.png'), timeout: 240_000 });
  }, 300_000);

  it('turns its topic pages (?cycle=&every=), the layers and panels with them', async () => {
    await page.goto(`${url}/?wall=1&cycle=traffic,heat&every=5`);
    const topic = page.getByTestId('wall-topic');
    await topic.waitFor({ timeout: 60_000 });
    const first = await topic.getAttribute('data-topic');
    expect(['traffic', 'heat']).toContain(first);
    await expect.poll(() => topic.getAttribute('data-topic'), { timeout: 20_000, interval: 250 }).not.toBe(first);
    const second = await topic.getAttribute('data-topic');
    // heat shows the district panel, traffic the worst links; never both
    const panel = second === 'heat' ? 'districts' : 'worst-links';
    const other = second === 'heat' ? 'worst-links' : 'districts';
    await expect.poll(() => page.locator(`[data-testid="${other}"]`).count(), { timeout: 10_000 }).toBe(0);
    if (second === 'traffic') await page.getByTestId(panel).waitFor({ timeout: 10_000 });
  }, 90_000);

  it('keeps the side column whole when closures crowd it: an alert in sight, the districts whole, the rest counted', async () => {
    // four closures: a closures panel of four rows, and alerts
    const operator = await sessionAs(server, url, 'operator');
    for (const linkId of ['a40-2-west', 'a40-6-east', 'a40-9-west', 'a40-13-east']) {
      const res = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ linkId, kind: 'closure', note: 'Baustelle, Fahrbahnerneuerung zwischen den Anschlussstellen' }) });
      expect(res.status).toBe(201);
    }
    await page.goto(`${url}/?wall=1`);
    await page.getByTestId('closures-panel').waitFor({ timeout: 150_000 });
    await page.getByTestId('alert-ticker').waitFor({ timeout: 60_000 });
    await page.getByTestId('districts').waitFor({ timeout: 60_000 });
    // looked at until it holds: the column is fitted with the next frame, seconds apart at 4K in software
    let column = await wallColumn(page);
    for (let tries = 1; column.problems.length > 0 && tries < 10; tries++) {
      await page.waitForTimeout(2000);
      column = await wallColumn(page);
    }
    expect(column.problems, JSON.stringify(column)).toEqual([]);
    const ticker = column.lists.find((l) => l.testId === 'alert-ticker')!;
    expect(ticker.shown, 'the most urgent alert is in sight').toBeGreaterThanOrEqual(1);
    const closures = column.lists.find((l) => l.testId === 'closures-panel')!;
    expect(closures.total).toBe(4);
  }, 240_000);

  it('greys every KPI tile and panel with the age of the data when the link is lost', async () => {
    // the topic page from before is live
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.stale)).toBeUndefined();
    await server.stop();
    await page.locator('[data-testid="connection"][data-status="offline"]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.stale)).toBe('offline');
    const tiles = await page.evaluate(() =>
      [...document.querySelectorAll('.kpi')].map((el) => ({
        after: getComputedStyle(el, '::after').content,
        filter: getComputedStyle(el.querySelector('.kpi-value')!).filter,
        fontPx: parseFloat(getComputedStyle(el, '::after').fontSize),
      })),
    );
    expect(tiles.length).toBe(4);
    for (const tile of tiles) {
      expect(tile.after).toMatch(/letzte Daten vor \d+ s/);
      expect(tile.filter).toContain('grayscale(1)');
      expect(tile.fontPx).toBeGreaterThanOrEqual(LEGIBLE_PX);
    }
    const panels = await page.evaluate(() => [...document.querySelectorAll('.side-panels > *')].map((el) => getComputedStyle(el, '::after').content));
    expect(panels.length).toBeGreaterThan(0);
    for (const after of panels) expect(after).toContain('letzte Daten vor');
  }, 180_000);
});
