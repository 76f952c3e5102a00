import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { roadLinksResponseSchema, type RoadLinkShape } from '../common/whatif-traffic.js';
import type { Stadtpuls } from '../server/app.js';
import { addTestUser } from './helpers/auth-session.js';
import { launchChromium } from './helpers/chromium.js';
import { docShot } from './helpers/doc-shots.js';
import { requireBuiltClient, SHOTS_DIR } from './helpers/browser-page.js';
import { deuteranopiaShot } from './helpers/deuteranopia.js';
import { measurePanels } from './helpers/panel-overlap.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * The planner's roadworks tool (traffic what-if) in a real Chromium on a normal weekday: a reader
 * sees it but may not evaluate; a planner finds Castroper Straße in the tool's list, picks an A40
 * section on the map (both directions), evaluates the next day's peaks and reads the LOS change
 * table, switches to the evening peak. With the result shown, the panels on the map are measured by
 * their bounds at 1920×1080, 1280×720 and 390×844: none overlaps another or leaves the map.
 * Screenshots: docs/roadworks.png (1920×1080), roadworks-4k.png (3840×2160), roadworks-phone.png
 * (390×844), written to test-results/docs unless DOCS_SHOTS=1; roadworks-1280.png and
 * roadworks-deuteranopia.png (the 1920×1080 view as a deuteranope sees it) in test-results/.
 * TEST_CLIENT_DIR: a client built elsewhere (vite build --outDir).
 */

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;
const errors: string[] = [];

async function clickAt(p: Page, at: readonly [number, number]): Promise<void> {
  const [x, y] = await p.evaluate((lonLat) => (window as unknown as { __stadtpulsProject: (l: readonly [number, number]) => [number, number] }).__stadtpulsProject(lonLat), at);
  const box = (await p.getByTestId('map').boundingBox())!;
  await p.mouse.click(box.x + x, box.y + y);
}

/** Progress on stderr: on a loaded box a step can take minutes, and a timeout should say which one. */
const step = (what: string) => process.stderr.write(`[browser-roadworks] ${new Date().toISOString()} ${what}\n`);

const picked = (p: Page) => p.getByTestId('roadworks-picked').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-link')));

beforeAll(async () => {
  requireBuiltClient();
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T16:00:00+02:00' }));
  await addTestUser(server, 'k.becker', 'planner');
  // interaction at a smaller size (software WebGL on a loaded box); the screenshots at their own sizes
  browser = await launchChromium({ width: 1100, height: 760 });
  page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  if (errors.length > 0) console.log('page errors:', errors);
  await browser?.close();
  await server?.stop();
});

describe('roadworks what-if', () => {
  it('plans Castroper Straße and A40 roadworks and shows the LOS change at both peaks', { timeout: 900_000 }, async () => {
    const { links } = roadLinksResponseSchema.parse(await (await fetch(`${url}/api/whatif/traffic/links`)).json());
    const a40: RoadLinkShape = links.find((l) => l.id === 'a40-8-east')!;
    const mid = a40.path[Math.floor(a40.path.length / 2)];

    // a reader: the tool is there, evaluating is not
    await page.goto(`${url}/?layers=heat&whatif=1&view=${mid[0]},${mid[1]},13.4`);
    step('page open');
    const tool = page.getByTestId('roadworks');
    await tool.waitFor({ timeout: 180_000 });
    await expect.poll(() => page.getByTestId('roadworks-from').inputValue(), { timeout: 120_000 }).toBe('2026-06-17');
    expect(await page.getByTestId('roadworks-until').inputValue()).toBe('2026-06-30');
    await page.getByTestId('roadworks-search').fill('castroper');
    // dispatched: on a loaded box the list may still move under a pointer click
    await page.getByTestId('roadworks-matches').locator('button[data-link="castroper-strasse-2-in"]').dispatchEvent('click');
    await expect.poll(() => picked(page)).toEqual(['castroper-strasse-2-in', 'castroper-strasse-2-out']);
    expect(await page.getByTestId('roadworks-evaluate').isDisabled(), 'a reader may not evaluate').toBe(true);
    await expect.poll(() => tool.textContent()).toMatch(/Berechnen dürfen angemeldete Planer:innen/);

    step('reader checked');
    // a planner logs in through the header's form: the same page, now allowed to evaluate
    await page.getByTestId('login-open').click();
    await page.getByTestId('login-name').fill('k.becker');
    await page.getByTestId('login-password').fill('k.becker-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('roadworks-evaluate').isDisabled(), { timeout: 60_000 }).toBe(false);
    await page.waitForFunction(() => typeof (window as unknown as { __stadtpulsProject?: unknown }).__stadtpulsProject === 'function', undefined, { timeout: 90_000 });

    step('planner logged in');
    // the A40 between AS Zentrum and AS Stadion, picked on the map: both directions
    await page.getByTestId('roadworks-pick').dispatchEvent('click');
    await page.waitForTimeout(1000);
    await clickAt(page, mid);
    await expect.poll(() => picked(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['a40-8-east', 'a40-8-west', 'castroper-strasse-2-in', 'castroper-strasse-2-out']));
    expect((await picked(page)).length).toBe(4);
    await page.getByTestId('roadworks-pick').dispatchEvent('click');

    step('links picked');
    await page.getByTestId('roadworks-evaluate').click();
    const table = page.getByTestId('roadworks-table');
    await table.waitFor({ timeout: 120_000 });
    const rows = () =>
      table.getByTestId('roadworks-row').evaluateAll((trs) => trs.map((tr) => ({ link: tr.getAttribute('data-link'), before: tr.getAttribute('data-los-before'), after: tr.getAttribute('data-los-after') })));
    const morning = await rows();
    // the closed links lead the table, closed after; other links change their level of service
    expect(morning.slice(0, 4).map((r) => r.link).sort()).toEqual(['a40-8-east', 'a40-8-west', 'castroper-strasse-2-in', 'castroper-strasse-2-out']);
    expect(morning.slice(0, 4).every((r) => r.after === 'closed' && r.before !== 'closed')).toBe(true);
    const worse = morning.slice(4).filter((r) => r.before !== r.after);
    expect(worse.length, 'parallel links change their LOS').toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('roadworks-totals').textContent()).toMatch(/Fahrzeugstunden im Netz: [\d.]+ → [\d.]+ \(\+\d+ %\)/);
    step('table read');
    await page.setViewportSize({ width: 1920, height: 1080 });
    // the picture shows the end of the table and the map's legend for it
    await page.getByTestId('roadworks-legend').scrollIntoViewIfNeeded();
    await page.waitForTimeout(4000);
    const full = await page.screenshot({ path: docShot('roadworks.png') });
    expect(await page.getByTestId('roadworks-scale').locator('.roadworks-scale-ticks span').allTextContents()).toEqual(['−50 %', '−10 %', '0', '+25 %', '+100 %', '+300 %']);
    await deuteranopiaShot(browser, full, path.join(SHOTS_DIR, 'roadworks-deuteranopia.png'), { width: 1920, height: 1080 });
    const wide = await measurePanels(page);
    expect(Object.keys(wide.boxes)).toEqual(expect.arrayContaining(['.whatif-panel', '.layer-panel', '.side-panels']));
    expect(wide.overlaps, 'nothing overlaps at 1920×1080').toEqual([]);
    expect(wide.cutOff, 'nothing reaches out of the map at 1920×1080').toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(3000);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'roadworks-1280.png') });
    const laptop = await measurePanels(page);
    expect(Object.keys(laptop.boxes)).toEqual(expect.arrayContaining(['.whatif-panel', '.layer-panel']));
    expect(laptop.overlaps, 'nothing overlaps at 1280×720').toEqual([]);
    expect(laptop.cutOff, 'nothing reaches out of the map at 1280×720').toEqual([]);

    step('screenshots 1920x1080 and 1280x720');
    // the evening peak: another table
    await page.getByTestId('roadworks-instant-evening').check();
    await expect.poll(async () => JSON.stringify(await rows()), { timeout: 10_000 }).not.toBe(JSON.stringify(morning));

    // a day outside the works: nothing in force, nothing changes
    await page.getByTestId('roadworks-day').fill('2026-07-02');
    await page.getByTestId('roadworks-evaluate').click();
    await expect.poll(() => page.getByTestId('roadworks-result').textContent(), { timeout: 60_000 }).toMatch(/nicht in Kraft/);
    await page.getByTestId('roadworks-day').fill('2026-06-17');
    await page.getByTestId('roadworks-evaluate').click();
    await table.waitFor({ timeout: 120_000 });

    step('day outside the works checked');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForTimeout(4000);
    await page.screenshot({ path: docShot('roadworks-4k.png'), timeout: 120_000 });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(3000);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: docShot('roadworks-phone.png') });
    // on the phone the table fits the panel's width: no column cut off
    const [panelBox, tableBox] = [await page.getByTestId('whatif-panel').boundingBox(), await table.boundingBox()];
    expect(tableBox!.x + tableBox!.width).toBeLessThanOrEqual(panelBox!.x + panelBox!.width + 1);
    const phone = await measurePanels(page);
    expect(phone.overlaps, 'nothing overlaps at 390×844').toEqual([]);
    expect(phone.cutOff, 'nothing reaches out of the map at 390×844').toEqual([]);

    expect(errors.filter((e) => !/favicon/.test(e) && !/HTTP 401/.test(e))).toEqual([]);
  });
});
