/**
 * The page's largest request, the registry its map stands on, is preloaded from index.html and the city model's
 * fetch takes that response: one request, not two. A preload whose mode or credentials differ from the fetch's is
 * not used; Chromium then fetches again and warns that the preloaded response went unused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

const REGISTRY = '/api/sensors?generated=columns';

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ SCALE: '2000' }));
  browser = await launchChromium({ width: 1280, height: 800 });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the registry preloaded with the page', () => {
  it('is requested once, by the preload, and used by the city model', async () => {
    const requests: string[] = [];
    const warnings: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith(REGISTRY)) requests.push(r.resourceType());
    });
    page.on('console', (m) => {
      if (/preload/i.test(m.text())) warnings.push(m.text());
    });
    await page.goto(url);
    // the map stands once the city model (and so the registry) is in
    await waitFor(() => page.locator('.maplibregl-canvas').count().then((n) => n > 0), 'the map', 30_000);
    const preloads = await page.$$eval('link[rel="preload"]', (links) => links.map((l) => l.getAttribute('href')));
    expect(preloads).toContain(REGISTRY);
    // Chromium reports the unused-preload warning a few seconds after the load event
    await page.waitForTimeout(4000);
    // one request, the preload's (Chromium types a preload "other", a page's fetch() "fetch")
    expect(requests).toEqual(['other']);
    expect(warnings).toEqual([]);
  });
});
