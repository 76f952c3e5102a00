import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { placesResponseSchema } from '../common/places.js';
import type { Stadtpuls } from '../server/app.js';
import { docShot } from './helpers/doc-shots.js';
import { wallColumn } from './helpers/wall-column.js';
import { launchChromium } from './helpers/chromium.js';
import { collectPageErrors, requireBuiltClient } from './helpers/browser-page.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * The map as a person meets it, in a real Chromium against the heatwave replay: the search box finds a
 * street by a spelling without ß and a Kita by name and opens them as a click would (keyboard only);
 * at 390×844 every KPI tile is whole (on screen or in its swipeable row) and the panels wait in a
 * collapsed bottom sheet; at 1280×720 the legend, KPIs, time controls and zoom buttons are all on
 * screen and unscrolled; at 1920×1080 with every layer's legend open the what-if button stays uncovered; on the 4K wall the side column ends inside the map. Measured by element
 * bounds. Screenshots: docs/search.png, docs/phone.png, docs/phone-sheet.png, docs/laptop-1280.png.
 */

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
const errors: string[] = [];

type Box = { x: number; y: number; width: number; height: number };
const within = (inner: Box, outer: Box, slack = 1) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

/** The controls covered by something else: the topmost element at a control's centre is not the control (or inside it). */
function coveredOf(controls: Locator): Promise<string[]> {
  return controls.evaluateAll((els) =>
    els
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !hit || !(el === hit || el.contains(hit) || (el as HTMLInputElement).labels?.[0]?.contains(hit));
      })
      .map((el) => `${el.tagName}.${el.className} ${el.getAttribute('data-testid') ?? ''}`),
  );
}

async function openPage(width: number, height: number, query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height });
  collectPageErrors(page, errors);
  await page.goto(`${url}/${query}`);
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 90_000 });
  await page.getByTestId('kpi-charging-value').filter({ hasText: /\d/ }).waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => typeof (window as unknown as { __stadtpulsProject?: unknown }).__stadtpulsProject === 'function', undefined, { timeout: 120_000 });
  return page;
}

beforeAll(async () => {
  requireBuiltClient();
  ({ server, url } = await startTestServer({ SCENARIO: 'hitzewelle-august-2024', SIM_START: '2024-08-13T14:00:00+02:00' }));
  browser = await launchChromium({ width: 1920, height: 1080 });
}, 120_000);

afterAll(async () => {
  if (errors.length > 0) console.log('page errors:', errors);
  await browser?.close();
  await server?.stop();
});

describe('search', () => {
  it('finds "Hattinger Straße" typed as "hattinger strasse" and opens the link with the keyboard only', { timeout: 240_000 }, async () => {
    const page = await openPage(1920, 1080);
    // "/" focuses the box from anywhere on the page
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await page.keyboard.type('hattinger strasse');
    const options = page.getByTestId('search-option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    const labels = await options.locator('.search-label').allTextContents();
    expect(labels.every((l) => l.startsWith('Hattinger Straße')), labels.join(' | ')).toBe(true);
    // ↓ moves the active option: the second one is chosen
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: docShot('search.png') });
    await page.keyboard.press('Enter');
    const detail = page.locator('.detail-panel');
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.textContent()).toContain(labels[1]);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toMatch(/^traffic-hattinger-strasse-/);
    // the map flew there: the view is at street zoom
    await expect.poll(() => Number(new URL(page.url()).searchParams.get('view')?.split(',')[2] ?? 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(13.9);
    // Escape closes the panel as it does for a click
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await page.close();
  });

  it('finds a Kita by name, switches the places layer on and shows the Kita', { timeout: 240_000 }, async () => {
    const { places } = placesResponseSchema.parse(await (await fetch(`${url}/api/places`)).json());
    const kita = places.find((p) => p.type === 'kita' && /ä|ö|ü|ß/.test(p.name)) ?? places.find((p) => p.type === 'kita')!;
    const page = await openPage(1920, 1080);
    expect(await page.getByTestId('legend-places').count(), 'places start off').toBe(0);
    await page.getByTestId('search-input').focus();
    // typed without umlauts or ß, in lower case
    const typed = kita.name.toLowerCase().replace(/ß/g, 'ss').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
    await page.keyboard.type(typed);
    await expect.poll(() => page.getByTestId('search-option').first().locator('.search-label').textContent()).toBe(kita.name);
    await page.keyboard.press('Enter');
    const card = page.getByTestId('place-detail');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain(kita.name);
    expect(await card.textContent()).toContain(kita.district);
    await page.getByTestId('legend-places').waitFor({ timeout: 30_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toContain('places');
    await page.close();
  });
});

describe('layouts', () => {
  it('at 390×844 every KPI tile is whole, in one swipeable row, and the panels wait in a collapsed bottom sheet', { timeout: 240_000 }, async () => {
    const page = await openPage(390, 844);
    const viewport = { x: 0, y: 0, width: 390, height: 844 };
    const row = page.getByTestId('kpis');
    const rowBox = (await row.boundingBox())!;
    const rowStyle = await row.evaluate((el) => ({ overflowX: getComputedStyle(el).overflowX, snap: getComputedStyle(el).scrollSnapType, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(within(rowBox, viewport), 'the row is on screen').toBe(true);
    const tiles = page.locator('[data-testid="kpis"] > .kpi');
    expect(await tiles.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const tile = tiles.nth(i);
      const box = (await tile.boundingBox())!;
      // a tile is never cut vertically, and each line of it fits its width
      expect(box.y >= rowBox.y - 1 && box.y + box.height <= rowBox.y + rowBox.height + 1, `tile ${i} height`).toBe(true);
      const cut = await tile.evaluate((el) => [...el.querySelectorAll<HTMLElement>('.kpi-title, .kpi-value')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
      expect(cut, `tile ${i} text cut`).toEqual([]);
      if (!within(box, viewport)) {
        // off screen only inside a row that scrolls sideways and snaps: a swipe to its snap position brings it in whole
        expect(rowStyle.overflowX, `tile ${i} is off screen outside a scrolling row`).toMatch(/auto|scroll/);
        expect(rowStyle.scrollWidth).toBeGreaterThan(rowStyle.clientWidth);
        await tile.evaluate((el) => el.scrollIntoView({ inline: 'start', block: 'nearest' }));
        await expect.poll(async () => within((await tile.boundingBox())!, viewport), { timeout: 5000 }).toBe(true);
      }
    }
    expect(rowStyle.snap).toContain('x');
    await row.evaluate((el) => el.scrollTo({ left: 0 }));

    // the sheet is collapsed to its handle; the map's credits and zoom buttons are above it, not under
    const sheet = page.getByTestId('panel-sheet');
    expect(await sheet.getAttribute('data-open')).toBe('false');
    const sheetBox = (await sheet.boundingBox())!;
    expect(sheetBox.height).toBeLessThan(60);
    for (const selector of ['.maplibregl-ctrl-attrib', '.maplibregl-ctrl-zoom-in']) {
      const b = (await page.locator(selector).boundingBox())!;
      expect(b.y + b.height, `${selector} above the sheet`).toBeLessThanOrEqual(sheetBox.y + 1);
    }
    expect(await page.getByTestId('toggle-traffic').isVisible()).toBe(false);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: docShot('phone.png') });

    await page.getByTestId('sheet-handle').click();
    await page.getByTestId('toggle-traffic').waitFor({ state: 'visible' });
    const openBox = (await sheet.boundingBox())!;
    expect(within(openBox, viewport)).toBe(true);
    expect(openBox.height).toBeGreaterThan(300);
    await page.locator('.sheet-body .alerts').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: docShot('phone-sheet.png') });
    await page.close();
  });

  it('at 1280×720 nothing is cut off: legend unscrolled, KPIs, time controls and zoom buttons on screen', { timeout: 240_000 }, async () => {
    const page = await openPage(1280, 720);
    const viewport = { x: 0, y: 0, width: 1280, height: 720 };
    const legend = page.locator('.layer-panel');
    const fits = await legend.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(fits.scroll, 'the legend needs no scrolling').toBeLessThanOrEqual(fits.client + 1);
    expect(within((await legend.boundingBox())!, viewport)).toBe(true);
    const controls = page.locator('.kpi, .tc-controls button, .export-bar select, .layer-toggle input, [data-testid="search-input"], [data-testid="whatif-open"], .maplibregl-ctrl-zoom-in, .maplibregl-ctrl-zoom-out');
    const n = await controls.count();
    expect(n).toBeGreaterThan(15);
    for (let i = 0; i < n; i++) {
      const box = (await controls.nth(i).boundingBox())!;
      expect(within(box, viewport), `control ${i} (${await controls.nth(i).evaluate((el) => el.className || el.getAttribute('data-testid'))}) on screen`).toBe(true);
    }
    // and none is covered by another panel
    expect(await coveredOf(controls)).toEqual([]);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: docShot('laptop-1280.png') });
    await page.close();
  });

  it('at 1920×1080 with every layer on, the legend scrolls and leaves the what-if button uncovered', { timeout: 240_000 }, async () => {
    // every legend open was taller than the room beside the map: the panel covered "Was wäre wenn …" entirely
    const page = await openPage(1920, 1080, '?layers=traffic,climate,parking,charging,tree,places');
    await page.getByTestId('toggle-tree').waitFor({ state: 'visible' });
    const button = page.getByTestId('whatif-open');
    expect(await coveredOf(button)).toEqual([]);
    const legend = page.locator('.layer-panel');
    const fits = await legend.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(fits.scroll, 'the case under test: a legend taller than the room beside the map').toBeGreaterThan(fits.client);
    const [buttonBox, legendBox] = [(await button.boundingBox())!, (await legend.boundingBox())!];
    expect(legendBox.y, 'the legend starts below the button').toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
    await page.close();
  });

  it('on the 4K wall the side column ends inside the map and shows whole alerts only', { timeout: 480_000 }, async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.goto(`${url}/?wall=1`);
    const started = Date.now();
    await page.getByTestId('worst-links').waitFor({ timeout: 300_000 });
    await page.getByTestId('districts').waitFor({ timeout: 60_000 });
    await page.getByTestId('alert-ticker').waitFor({ timeout: 60_000 });
    console.log(`4K wall up after ${Math.round((Date.now() - started) / 1000)} s`);
    // every row in sight is whole, those out of sight are counted, the most urgent alert is in sight, and the column ends
    // inside the map. Looked at together until it all holds (a few tries, each slow on a software-rendered 4K
    // page): the column is fitted with the next frame after a delta, which may come between two looks.
    const look = async () => {
      const column = await wallColumn(page);
      const boxes = await page.evaluate(() => {
        const box = (selector: string) => {
          const r = document.querySelector(selector)!.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const column = document.querySelector<HTMLElement>('.side-panels')!;
        return { map: box('.map-area'), column: box('.side-panels'), worst: box('[data-testid="worst-links"]'), districts: box('[data-testid="districts"]'), scroll: column.scrollHeight, client: column.clientHeight };
      });
      return { column, boxes, holds: column.problems.length === 0 && boxes.scroll <= boxes.client + 1 };
    };
    let seen = await look();
    for (let tries = 1; !seen.holds && tries < 10; tries++) {
      await page.waitForTimeout(2000);
      seen = await look();
    }
    const { column, boxes } = seen;
    expect(column.problems, JSON.stringify(column)).toEqual([]);
    expect(column.lists.find((l) => l.testId === 'alert-ticker')!.shown).toBeGreaterThanOrEqual(1);
    expect(within(boxes.column, boxes.map), 'side column inside the map').toBe(true);
    expect(within(boxes.worst, boxes.map), 'worst links inside the map').toBe(true);
    expect(within(boxes.districts, boxes.map), 'districts inside the map').toBe(true);
    expect(boxes.scroll).toBeLessThanOrEqual(boxes.client + 1);
    await page.close();
  });
});
