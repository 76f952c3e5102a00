/**
 * The map stands with the first data (map-after-data.ts): under software rendering a map standing before it held the
 * live stream's snapshot back by seconds at SCALE=100000. Without data it stands after FIRST_DATA_WAIT_MS anyway, and
 * then readies its GPU programs while the page still waits for the data (first-layers.ts: hiddenBeforeData).
 * Under software rendering linking the programs of the map's layers took about 1 s of the first frame with data at
 * SCALE=100000 (bench/browser-scale.bench.ts); built hidden before the data, the first frame with data only
 * updates them. Here the server's messages are held back for a while after the map stands, and the WebGL
 * programs deck.gl links and the pipelines it sets up are counted before and after they are let through. The
 * city has generated sensors (SCALE=3000): there, as at SCALE=100000, the first frame drawn is the one with data.
 * A map standing without data draws what it can show at once (a feed down is seen as such), the rest hidden.
 * With data, a frame with the KPI tiles' figures is painted before the map's first frame, which holds the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';
import { FIRST_DATA_WAIT_MS } from '../client/src/map/first-layers.js';

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T14:00:00+02:00', SCALE: '3000' }));
  browser = await launchChromium({ width: 1280, height: 800 });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Counts, on WebGL contexts other than maplibre's basemap canvas (deck.gl's), the programs linked, the GPU
 * pipelines set up (luma.gl reads each new pipeline's transform feedback varyings from its program,
 * TRANSFORM_FEEDBACK_VARYINGS, 0x8C83, a call that waits for the GPU process) and the draw calls.
 */
const COUNT_DECK_LINKS = `(() => {
  const links = (window.__deckLinks = []);
  const pipelines = (window.__deckPipelines = []);
  const draws = (window.__deckDraws = []);
  const deck = (gl) => !gl.canvas.classList?.contains('maplibregl-canvas');
  const link = WebGL2RenderingContext.prototype.linkProgram;
  WebGL2RenderingContext.prototype.linkProgram = function (program) {
    if (deck(this)) links.push(performance.now());
    return link.call(this, program);
  };
  for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
    const draw = WebGL2RenderingContext.prototype[name];
    WebGL2RenderingContext.prototype[name] = function (...args) {
      if (deck(this)) draws.push(performance.now());
      return draw.apply(this, args);
    };
  }
  const param = WebGL2RenderingContext.prototype.getProgramParameter;
  WebGL2RenderingContext.prototype.getProgramParameter = function (program, name) {
    if (name === 0x8c83 && deck(this)) pipelines.push(performance.now());
    return param.call(this, program, name);
  };
})()`;

describe('the first frame with data', () => {
  it('stands the map only with the data or after the wait, and then links the layers’ programs before the data comes', async () => {
    await page.addInitScript(COUNT_DECK_LINKS);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // the server's messages wait until released; the page's go through at once
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const toServer = ws.connectToServer();
      toServer.onMessage((m) => void released.then(() => ws.send(m)));
      ws.onMessage((m) => toServer.send(m));
    });
    await page.goto(url);
    const canvas = page.locator('[data-testid="map"] canvas').first();
    // the city model is in (its KPI tiles stand), the data is not: no map yet, the page says it connects
    await page.locator('[data-testid="kpis"]').waitFor({ timeout: 30_000 });
    const modelAt = Date.now();
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid="map"]').count()).toBe(0);
    await expect.poll(() => page.locator('.loading').textContent()).toMatch(/Verbinde/);
    await canvas.waitFor({ state: 'attached', timeout: 30_000 });
    // it stands without data after the wait
    expect(Date.now() - modelAt).toBeGreaterThanOrEqual(FIRST_DATA_WAIT_MS - 500);
    // it draws the city without data soon after: its layers are not held back for another wait (they were for 4 s)
    await expect.poll(() => page.evaluate('window.__deckDraws.length'), { timeout: 2500 }).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    const connection = page.locator('[data-testid="connection"]');
    expect(await connection.getAttribute('data-status')).not.toBe('live');
    const before = await page.evaluate('window.__deckLinks.length');
    const pipelinesBefore = (await page.evaluate('window.__deckPipelines.length')) as number;
    release();
    await connection.and(page.locator('[data-status="live"]')).waitFor({ state: 'attached', timeout: 30_000 });
    // the first frames with data: the layers drawn, labels placed, the heat surface in
    await page.waitForTimeout(4000);
    const after = (await page.evaluate('window.__deckLinks.length')) as number;
    const pipelinesAfter = (await page.evaluate('window.__deckPipelines.length')) as number;
    // five to six in this test's runs
    expect(before).toBeGreaterThanOrEqual(4);
    // a program only the data brings may still come (a kind's layer without a twin before it); not most of them
    expect(after - (before as number)).toBeLessThanOrEqual(1);
    // Nor new pipelines for the programs readied: a layer's own draw parameters (the depth test turned off per
    // layer) made the first frame with data set up three more, each waiting for the GPU process.
    expect(pipelinesBefore).toBeGreaterThanOrEqual(4);
    expect(pipelinesAfter - pipelinesBefore).toBeLessThanOrEqual(1);
  });

  it('paints a frame with the data’s figures before the map’s first frame (which holds the page under software rendering)', async () => {
    const fresh = await browser.newPage();
    // deck.gl's draw calls, and when a KPI tile first shows a number and a frame after it ran (two animation frames on)
    await fresh.addInitScript(COUNT_DECK_LINKS);
    await fresh.addInitScript(`(() => {
      const t = (window.__kpiFrames = {});
      new MutationObserver(() => {
        if (t.number !== undefined) return;
        if (![...document.querySelectorAll('.kpi-value')].some((e) => /\\d/.test(e.textContent || ''))) return;
        t.number = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => (t.painted = performance.now())));
      }).observe(document, { subtree: true, childList: true, characterData: true });
    })()`);
    await fresh.goto(url);
    await expect
      .poll(() => fresh.evaluate('window.__deckDraws.length > 0 && window.__kpiFrames.painted !== undefined'), { timeout: 30_000 })
      .toBe(true);
    const [kpiPainted, firstDeckDraw] = (await fresh.evaluate('[window.__kpiFrames.painted, window.__deckDraws[0]]')) as [number, number];
    expect(kpiPainted).toBeLessThan(firstDeckDraw);
    await fresh.close();
  });
});
