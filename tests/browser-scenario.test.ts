import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { docShot } from './helpers/doc-shots.js';
import { launchChromium } from './helpers/chromium.js';
import { startBrowserTest, type BrowserTest, SHOTS_DIR } from './helpers/browser-page.js';
import { TEST_ADMIN_PASSWORD } from './helpers/auth-session.js';

/**
 * The scenario picker in a real Chromium: an admin logs in, opens "Szenario wechseln", picks the
 * heatwave; the header names the new scenario, a cursor that looked back goes live with the new run,
 * and another page (a viewer, no picker) follows without a reload. Screenshots of the picker in docs/.
 */

let session: BrowserTest;
let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;
const errors: string[] = [];

const headerScenario = (p: Page) => p.getByTestId('header-scenario').getAttribute('data-scenario');

beforeAll(async () => {
  session = await startBrowserTest({ SCENARIO: 'normaler-werktag', STREAM_TICK_MS: '500' }, errors);
  ({ server, url, browser, page } = session);
}, 120_000);

afterAll(() => session?.close());

async function loginAsAdmin(p: Page): Promise<void> {
  await p.getByTestId('login-open').click({ timeout: 60_000 });
  await p.getByTestId('login-name').fill('admin');
  await p.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD);
  await p.getByTestId('login-submit').click();
  await p.locator('[data-testid="auth-user"][data-role="admin"]').waitFor({ timeout: 10_000 });
}

describe('scenario picker', () => {
  it('is offered to an admin only, switches the city at run time, and the cursor follows the new run', async () => {
    await page.goto(url);
    await page.getByTestId('header-scenario').waitFor({ timeout: 60_000 });
    expect(await headerScenario(page)).toBe('normaler-werktag');
    expect(await page.getByTestId('scenario-open').count()).toBe(0);

    // A second page, not logged in: it never sees the picker, and follows the switch without a reload.
    const viewer = await launchChromium({ width: 390, height: 844 });
    const other = await viewer.newPage();
    await other.goto(url);
    // a phone hides the clock's label: present, not visible
    await other.getByTestId('header-scenario').waitFor({ state: 'attached', timeout: 60_000 });

    await loginAsAdmin(page);
    const open = page.getByTestId('scenario-open');
    await open.waitFor({ timeout: 10_000 });
    // where the phone header puts it
    await page.setViewportSize({ width: 390, height: 844 });
    await open.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'scenario-button-phone.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await open.textContent()).toBe('Szenario wechseln');

    // Look back a little: after the switch the page must show the new run live, not the old run's past.
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-testid="view-mode"][data-mode="past"]').waitFor({ timeout: 10_000 });

    await open.click();
    const form = page.getByTestId('scenario-form');
    await form.waitFor();
    await page.getByTestId('scenario-option-hitzewelle-august-2024').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('scenario-option-normaler-werktag').textContent()).toMatch(/läuft/);
    await page.getByTestId('scenario-option-hitzewelle-august-2024').click();
    await page.screenshot({ path: docShot('scenario-picker.png') });
    for (const [name, viewport] of [
      ['scenario-picker-phone.png', { width: 390, height: 844 }],
      ['scenario-picker-4k.png', { width: 3840, height: 2160 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(300);
      await page.screenshot({ path: docShot(name), timeout: 180_000 }); // a 4K frame in software WebGL takes long
    }
    await page.setViewportSize({ width: 1920, height: 1080 });

    await page.getByTestId('scenario-speed').fill('300');
    await page.getByTestId('scenario-submit').click();
    await form.waitFor({ state: 'detached', timeout: 15_000 });

    await page.locator('[data-testid="header-scenario"][data-scenario="hitzewelle-august-2024"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('header-scenario').textContent()).toMatch(/Hitzewelle.*×300/);
    await page.locator('[data-testid="view-mode"][data-mode="live"]').waitFor({ state: 'attached', timeout: 10_000 });
    await other.locator('[data-testid="header-scenario"][data-scenario="hitzewelle-august-2024"]').waitFor({ state: 'attached', timeout: 15_000 });
    expect(await other.getByTestId('scenario-open').count()).toBe(0);

    // The heat tiles fill from the replayed August stations.
    await page.waitForFunction(() => /°C/.test(document.querySelector('[data-testid="kpi-heat"]')?.textContent ?? ''), undefined, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: docShot('scenario-switched.png') });
    await viewer.close();
    expect(errors).toEqual([]);
  }, 300_000);
});
