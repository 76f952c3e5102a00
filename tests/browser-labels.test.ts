import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { grown, overlaps, type Quad } from '../client/src/map/layers/label-placement.js';
import { launchChromium } from './helpers/chromium.js';
import { collectPageErrors, requireBuiltClient } from './helpers/browser-page.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * No map label is drawn across another, as deck.gl draws them: the boxes come from deck's own text
 * layout and viewport (window.__stadtpulsLabelBoxes, label-overlay.ts), not from the placement's estimate.
 * The city centre at 1920×1080, where car-park and charging counts crowd (and again after a pan), the
 * whole city on a phone, where station values meet district names, and the wall.
 */

let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  requireBuiltClient();
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T14:00:00+02:00' }));
  browser = await launchChromium({ width: 1920, height: 1080 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Boxes = Record<string, Quad[]>;
const boxesOf = (page: Page) => page.evaluate(`window.__stadtpulsLabelBoxes?.() ?? {}`) as Promise<Boxes>;
const count = (b: Boxes, id: string) => b[id]?.length ?? 0;

/** Pairs of drawn labels that overlap by more than a pixel (deck's glyph metrics and the placement's round differently). */
function crossings(boxes: Boxes): string[] {
  const all = Object.entries(boxes).flatMap(([id, qs]) => qs.map((q, i) => ({ name: `${id}[${i}]`, q: grown(q, -1) })));
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (overlaps(all[i].q, all[j].q)) out.push(`${all[i].name} × ${all[j].name}`);
  return out;
}

async function open(path: string, size: { width: number; height: number }, drawn: (b: Boxes) => boolean): Promise<{ page: Page; boxes: Boxes }> {
  const page = await browser.newPage();
  collectPageErrors(page, errors);
  await page.setViewportSize(size);
  await page.goto(`${url}${path}`);
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 120_000 });
  // the labels are placed with the layers' first frames; the live counts arrive with the snapshot
  await expect.poll(async () => drawn(await boxesOf(page)), { timeout: 60_000, interval: 500 }).toBe(true);
  return { page, boxes: await boxesOf(page) };
}

describe('map labels', () => {
  it('draws the car-park and charging counts in the city centre without one across another, also after a pan', async () => {
    const { page, boxes } = await open('/?view=7.2180,51.4810,14.00', { width: 1920, height: 1080 }, (b) => count(b, 'parking-free') >= 5 && count(b, 'charging-counts') >= 3);
    expect(crossings(boxes)).toEqual([]);
    const map = page.getByTestId('map');
    const box = (await map.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 250, y + 120, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(1_500);
    const panned = await boxesOf(page);
    expect(count(panned, 'parking-free')).toBeGreaterThan(0);
    expect(crossings(panned)).toEqual([]);
    await page.close();
  }, 240_000);

  it('keeps station values and district names apart on a phone', async () => {
    const { page, boxes } = await open('/', { width: 390, height: 844 }, (b) => count(b, 'heat-station-values') >= 10 && count(b, 'district-labels') >= 1);
    expect(crossings(boxes)).toEqual([]);
    await page.close();
  }, 240_000);

  it('draws the wall at 1920×1080 without crossings', async () => {
    const { page, boxes } = await open('/?wall=1', { width: 1920, height: 1080 }, (b) => count(b, 'parking-free') >= 3 && count(b, 'heat-station-values') >= 10);
    expect(crossings(boxes)).toEqual([]);
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
