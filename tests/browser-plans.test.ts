import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { CLIENT_DIST_DIR, REPO_ROOT } from '../server/paths.js';
import { addTestUser } from './helpers/auth-session.js';
import { launchChromium } from './helpers/chromium.js';
import { clickMapAt } from './helpers/map-click.js';
import { docShot } from './helpers/doc-shots.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * Saved plans and the compare view (plan against today) in a real Chromium, against the heatwave
 * replayed from 06:00 on 13 Aug 2024 at ×600, so the history holds the day up to the afternoon:
 * a planner draws a shade sail over the Kita St. Peter und Paul and the Weilenbrink-Schule and a tree line,
 * opens the compare view (today / plan / split, the table of what changed now and over the whole day,
 * the hours under strong heat stress over the day), saves the plan, edits it and saves the changes
 * under the same id, and the saved plan's address opens it again in a fresh page.
 * Screenshots of the compare view at 1920×1080 (docs: whatif-compare.png, the whole day's district
 * figures), 3840×2160 and 390×844.
 */

const AFTERNOON = '2024-08-13T15:00:00+02:00';
/** a sail over the Kita (7.22212, 51.48157) and the school (7.22325, 51.48205) beside it */
const SAIL: Array<[number, number]> = [
  [7.2214, 51.4812],
  [7.2239, 51.4812],
  [7.2239, 51.4824],
  [7.2214, 51.4824],
];
const KORTUM: Array<[number, number]> = [
  [7.2229, 51.4789],
  [7.2196, 51.4808],
  [7.2183, 51.4818],
];
/** the drawing left of the what-if panel, which stands left of the side panels on a wide screen */
const VIEW = 'view=7.2240,51.4808,16.2';
const shots = path.join(REPO_ROOT, 'test-results');
/** Waits generously: on the shared 2-core box software WebGL has taken minutes for a first frame. */
const SLOW = 300_000;

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;
const errors: string[] = [];

/** The page has its map and, on a screen wider than a phone's, the displayed city's district figures. */
async function ready(p: Page, phone = false): Promise<void> {
  await p.getByTestId('whatif-panel').waitFor({ timeout: SLOW });
  await p.waitForFunction(() => typeof (window as unknown as { __stadtpulsProject?: unknown }).__stadtpulsProject === 'function', undefined, { timeout: SLOW });
  if (!phone) await p.getByTestId('districts').waitFor({ timeout: SLOW });
}

const hoursOf = async (p: Page, placeId: string) => {
  const row = p.locator(`[data-testid="compare-places"] tr[data-place="${placeId}"]`);
  return { before: Number(await row.getAttribute('data-hours-before')), after: Number(await row.getAttribute('data-hours-after')) };
};

beforeAll(async () => {
  const clientDir = process.env.TEST_CLIENT_DIR ?? CLIENT_DIST_DIR;
  if (!existsSync(path.join(clientDir, 'index.html'))) throw new Error('The client is not built: run `npm run build` (or set TEST_CLIENT_DIR).');
  mkdirSync(shots, { recursive: true });
  ({ server, url } = await startTestServer({ SCENARIO: 'hitzewelle-august-2024', SIM_START: '2024-08-13T06:00:00+02:00', SIM_SPEED: '600' }));
  await addTestUser(server, 'k.becker', 'planner', 'k.becker-password');
  browser = await launchChromium({ width: 1920, height: 1080 });
  page = await browser.newPage();
  // the 2-core box is shared with other work: software WebGL may take long for a frame
  page.setDefaultTimeout(SLOW);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
}, 120_000);

afterAll(async () => {
  if (errors.length > 0) console.log('page errors:', errors);
  // what the page showed last, for a failure's diagnosis
  await page?.screenshot({ path: path.join(shots, 'browser-plans-last.png') }).catch(() => undefined);
  await browser?.close();
  await server?.stop();
}, SLOW);

describe('saved plans and the compare view', () => {
  it('draws, compares with today, saves, and opens the saved plan from its address', { timeout: 1_800_000 }, async () => {
    // the replay past 16:00, so the day's quarter-hours up to the afternoon are stored
    await waitFor(() => server.cityNow() > Date.parse('2024-08-13T16:00:00+02:00') || undefined, 'the replay past 16:00', 150_000);
    await page.goto(`${url}/?layers=heat&t=${encodeURIComponent(AFTERNOON)}&${VIEW}&whatif=1&lang=de`);
    await ready(page);
    // not logged in: the plan can be drawn and compared, not saved
    await expect.poll(() => page.getByTestId('whatif-plans').textContent()).toContain('Zum Speichern als Planer anmelden');
    expect(await page.getByTestId('whatif-compare').isDisabled()).toBe(true);

    await page.getByTestId('whatif-tool-shade').click();
    for (const at of SAIL) await clickMapAt(page, at);
    await page.keyboard.press('Enter');
    await page.getByTestId('whatif-count').fill('20');
    await page.getByTestId('whatif-tool-trees').click();
    for (const at of KORTUM) await clickMapAt(page, at);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('whatif-measures').locator('li').count(), { timeout: SLOW }).toBe(2);

    // the compare view: the map on the plan, the district table, the Kita and the school with their hours over the day
    await page.getByTestId('whatif-compare').click();
    const compare = page.getByTestId('plan-compare');
    await compare.waitFor();
    expect(await page.getByTestId('compare-after').getAttribute('aria-checked')).toBe('true');
    const mitte = page.locator('[data-testid="compare-districts"] tr[data-district="Mitte"]');
    await mitte.waitFor({ timeout: SLOW });
    expect(Number(await mitte.getAttribute('data-mean-delta'))).toBeLessThan(0);
    await expect.poll(() => page.getByTestId('compare-day-note').textContent(), { timeout: SLOW }).toMatch(/am Di\.? 13\.08\.?, (0\d|1[0-5]):\d\d–(1[6-9]|2[0-4]):\d\d Uhr aus \d+ gespeicherten Viertelstunden/);
    const kita = await hoursOf(page, 'kita-23113');
    const school = await hoursOf(page, 'school-308');
    // 13 August: hours of strong heat stress at both from the morning on; the sail can only take hours away
    for (const h of [kita, school]) {
      expect(h.before).toBeGreaterThan(4);
      expect(h.after).toBeLessThanOrEqual(h.before);
    }
    console.log(JSON.stringify({ kitaHours: kita, schoolHours: school, dayNote: await page.getByTestId('compare-day-note').textContent() }));

    // the district figures over the whole day: Mitte cooler on the day's mean, fewer area-mean hours ≥ 32 °C (or as many)
    await page.getByTestId('compare-span-day').click();
    const mitteDay = page.locator('[data-testid="compare-districts-day"] tr[data-district="Mitte"]');
    await mitteDay.waitFor({ timeout: SLOW });
    const dayFigures = { meanDelta: Number(await mitteDay.getAttribute('data-mean-delta')), hoursBefore: Number(await mitteDay.getAttribute('data-hours-before')), hoursAfter: Number(await mitteDay.getAttribute('data-hours-after')) };
    expect(dayFigures.meanDelta).toBeLessThan(0);
    expect(dayFigures.hoursBefore).toBeGreaterThan(1);
    expect(dayFigures.hoursAfter).toBeLessThanOrEqual(dayFigures.hoursBefore);
    console.log(JSON.stringify({ mitteDay: dayFigures, text: await mitteDay.textContent() }));

    // today / plan / split
    await page.getByTestId('compare-before').click();
    expect(await page.getByTestId('compare-before').getAttribute('aria-checked')).toBe('true');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shots, 'whatif-compare-today.png') });
    await page.getByTestId('compare-after').click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: docShot('whatif-compare.png') });
    await page.getByTestId('compare-span-now').click();
    await page.locator('[data-testid="compare-districts"] tr[data-district="Mitte"]').waitFor();
    await page.getByTestId('compare-swipe').click();
    const divider = page.locator('.compare-swipe');
    await divider.waitFor();
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    const dividerBox = (await divider.boundingBox())!;
    await page.mouse.move(dividerBox.x + 2, mapBox.y + mapBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(mapBox.x + mapBox.width * 0.42, mapBox.y + mapBox.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeLessThan(48);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(shots, 'whatif-compare-swipe.png') });
    await page.getByTestId('compare-after').click();

    // log in as a planner (the session cookie set in this browser), save the plan under a name
    const login = await page.evaluate(async () => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'k.becker', password: 'k.becker-password' }) })).status);
    expect(login).toBe(200);
    const drawnUrl = page.url();
    await page.goto(drawnUrl);
    await ready(page);
    await page.getByTestId('whatif-plan-name').fill('Sonnensegel Propstei und Weilenbrink-Schule');
    await page.getByTestId('whatif-plan-save').click();
    await expect.poll(() => page.getByTestId('whatif-plan-message').textContent(), { timeout: SLOW }).toContain('Gespeichert');
    await expect.poll(() => new URL(page.url()).searchParams.get('plan'), { timeout: SLOW }).toMatch(/^p[0-9a-z]{10}$/);
    const planId = new URL(page.url()).searchParams.get('plan')!;
    expect(await page.getByTestId('whatif-plan-list').locator(`li[data-plan="${planId}"]`).textContent()).toContain('k.becker');

    // edit the opened plan (the tree line's count) and save the changes under its id: the same address, the new count stored
    expect(await page.getByTestId('whatif-plan-update').isDisabled()).toBe(true);
    await page.getByTestId('whatif-count').fill('30');
    await expect.poll(() => page.getByTestId('whatif-edited').textContent(), { timeout: SLOW }).toContain('noch nicht gespeichert');
    await page.getByTestId('whatif-plan-update').click();
    await expect.poll(() => page.getByTestId('whatif-plan-message').textContent(), { timeout: SLOW }).toBe('Änderungen an „Sonnensegel Propstei und Weilenbrink-Schule“ gespeichert.');
    await expect.poll(() => new URL(page.url()).searchParams.get('plan'), { timeout: SLOW }).toBe(planId);
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/plans/${id}`)).json()) as { measureCount: number; measures: { features: Array<{ properties: { count?: number } }> } }, planId);
    expect(stored.measureCount).toBe(2);
    expect(stored.measures.features.map((f) => f.properties.count).filter((c) => c !== undefined)).toEqual([30]);
    expect(await page.getByTestId('whatif-plan-list').locator('li').count()).toBe(1);

    // the saved plan's address in a fresh page (another person, not logged in): the same plan, compared again
    await browser.clearCookies();
    const fresh = await browser.newPage();
    fresh.setDefaultTimeout(SLOW);
    await fresh.goto(`${url}/?layers=heat&t=${encodeURIComponent(AFTERNOON)}&${VIEW}&plan=${planId}&lang=de`);
    await ready(fresh);
    await expect.poll(() => fresh.getByTestId('whatif-opened').textContent(), { timeout: SLOW }).toBe('Plan „Sonnensegel Propstei und Weilenbrink-Schule“ von k.becker');
    expect(await fresh.getByTestId('whatif-measures').locator('li').count()).toBe(2);
    await fresh.getByTestId('whatif-compare').click();
    await fresh.locator('[data-testid="compare-places"] tr[data-place="kita-23113"]').waitFor({ timeout: SLOW });
    await expect.poll(async () => (await hoursOf(fresh, 'kita-23113')).before, { timeout: SLOW }).toBeGreaterThan(4);
    expect(await fresh.getByTestId('whatif-plans').textContent()).toContain('Zum Speichern als Planer anmelden');
    await fresh.close();
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('shows the compare view at 4K and on a phone', { timeout: 900_000 }, async () => {
    const planUrl = page.url();
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.goto(planUrl);
    await ready(page);
    await page.getByTestId('whatif-compare').click();
    await page.locator('[data-testid="compare-places"] tr[data-place="kita-23113"]').waitFor({ timeout: SLOW });
    await page.waitForTimeout(3000);
    await page.screenshot({ path: path.join(shots, 'whatif-compare-4k.png'), timeout: SLOW });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(planUrl);
    await ready(page, true);
    await page.getByTestId('whatif-compare').click();
    const compare = page.getByTestId('plan-compare');
    await page.locator('[data-testid="compare-places"] tr[data-place="kita-23113"]').waitFor({ timeout: SLOW });
    const box = (await compare.boundingBox())!;
    // inside the phone's width; the what-if panel makes room for it
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('whatif-panel').isVisible()).toBe(false);
    await page.waitForTimeout(3000);
    await page.screenshot({ path: path.join(shots, 'whatif-compare-phone.png'), timeout: SLOW });
    // the whole day's district table fits the phone's width too
    await page.getByTestId('compare-span-day').click();
    const dayTable = page.getByTestId('compare-districts-day');
    await dayTable.waitFor({ timeout: SLOW });
    const tableBox = (await dayTable.boundingBox())!;
    expect(tableBox.x).toBeGreaterThanOrEqual(0);
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, 'whatif-compare-phone-day.png'), timeout: SLOW });
  });
});
