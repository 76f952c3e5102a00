/**
 * The wall display of a city with generated sensors (SCALE): its legend is longer than the real city's (the street
 * bays' note under the parking legend), and a wall has no mouse to scroll it. At 3840×2160 it overflowed by 61 px and
 * cut off the charging legend's last line; the wall's short legends now take two columns (styles.css).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T14:00:00+02:00', SCALE: '3000' }));
  browser = await launchChromium({ width: 3840, height: 2160 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the wall of a generated city', () => {
  it('shows the whole legend without scrolling', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/?wall=1`);
    await page.locator('[data-testid="legend-street-bays"]').waitFor({ timeout: 30_000 });
    const [content, shown] = (await page.locator('.layer-panel').evaluate((e) => [e.scrollHeight, e.clientHeight])) as [number, number];
    expect(content).toBeLessThanOrEqual(shown + 1);
  });
});
