import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../server/app.js';
import { CLIENT_DIST_DIR, REPO_ROOT } from '../server/paths.js';
import { launchChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';
import { addTestUser } from './helpers/auth-session.js';
import { waitFor } from './helpers/wait.js';
import { toBochumInput } from '../client/src/closures/bochum-input.js';

const SHOTS = path.join(REPO_ROOT, 'test-results');
let server: Stadtpuls;
let url: string;
let browser: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** Content-Security-Policy violations: from the page's securitypolicyviolation events and the console (also workers') */
const cspViolations: string[] = [];
const OPERATOR = { name: 'leitstelle', password: '' };

beforeAll(async () => {
  if (!existsSync(path.join(CLIENT_DIST_DIR, 'index.html'))) {
    throw new Error('The client is not built: `npm test` builds it first; alone, run `npm run build`.');
  }
  mkdirSync(SHOTS, { recursive: true });
  // Early afternoon of the normal weekday: warm enough that the heat surface shows, traffic is busy.
  ({ server, url } = await startTestServer({ SIM_START: '2026-06-16T14:00:00+02:00' }));
  OPERATOR.password = await addTestUser(server, OPERATOR.name, 'operator');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.exposeFunction('__reportCspViolation', (v: string) => cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('worker', (w) => w.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspViolations.push(`worker: ${m.text()}`)));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    if (m.type() === 'error') consoleErrors.push(m.location().url ? `${m.text()} (${m.location().url})` : m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Finds the alert a closure raised (`traffic:closure:<id>`) in the alert list (traffic only, its street's
 * group opened if it has company), acknowledges it with `comment`, and waits until the list shows who did.
 */
async function acknowledgeClosureAlert(closureId: string, comment: string): Promise<string> {
  const alert = await waitFor(async () => {
    const { alerts } = (await (await fetch(`${url}/api/alerts?kind=traffic`)).json()) as { alerts: Array<{ id: string; key: string; group: string }> };
    return alerts.find((a) => a.key === `traffic:closure:${closureId}`);
  }, 'the closure alert', 15_000);
  await page.getByTestId('alert-filter-kind').selectOption('traffic');
  const row = page.locator(`[data-testid="alert"][data-alert-id="${alert.id}"]`);
  await page.locator(`[data-testid="alert"][data-alert-id="${alert.id}"], [data-testid="alert-group"][data-group-id="${alert.group}"]`).first().waitFor({ timeout: 10_000 });
  if ((await row.count()) === 0) {
    if (await page.getByTestId('alert-more').isVisible()) await page.getByTestId('alert-more').click();
    await page.locator(`[data-testid="alert-group"][data-group-id="${alert.group}"] .alert-group-head`).click();
  }
  await row.locator('[data-testid="alert-ack"]').click();
  await page.getByTestId('alert-comment').fill(comment);
  await page.getByTestId('alert-submit').click();
  const info = row.locator('[data-testid="alert-ack-info"]');
  await expect.poll(() => info.textContent(), { timeout: 10_000 }).toContain(OPERATOR.name);
  expect(await info.textContent()).toContain(comment);
  expect(await row.locator('.alert-state-label').textContent()).toMatch(/quittiert/i);
  await page.screenshot({ path: path.join(SHOTS, 'alert-acknowledged.png') });
  await page.getByTestId('alert-filter-kind').selectOption('all');
  return alert.id;
}

const kpiValue = (id: string) => page.getByTestId(`kpi-${id}-value`).textContent();

interface PixelStats {
  distinct: number;
  /** share of saturated pixels: they come from the live layers, not from the grey basemap */
  coloured: number;
  /** share of pixels that differ from the `compareTo` screenshot by more than a little */
  changed: number;
}

/** Decodes screenshots of the map in the page and counts colours there (no image library needed). */
async function mapPixelStats(compareTo?: string): Promise<PixelStats & { png: string }> {
  const png = (await page.getByTestId('map').screenshot()).toString('base64');
  const stats = await page.evaluate(
    async ([b64, otherB64]) => {
      const pixels = async (data: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const data = await pixels(b64);
      const other = otherB64 ? await pixels(otherB64) : null;
      const colours = new Set<number>();
      let coloured = 0;
      let changed = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        colours.add((r << 16) | (g << 8) | b);
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
        if (other && Math.abs(r - other[i]) + Math.abs(g - other[i + 1]) + Math.abs(b - other[i + 2]) > 24) changed++;
      }
      const n = data.length / 4;
      return { distinct: colours.size, coloured: coloured / n, changed: changed / n };
    },
    [png, compareTo ?? null] as const,
  );
  return { ...stats, png };
}

describe('the dashboard in Chromium', () => {
  it('goes live and fills every KPI tile', async () => {
    await page.goto(url);
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
    for (const id of ['heat', 'traffic', 'parking', 'charging']) {
      await expect.poll(() => kpiValue(id), { timeout: 20_000 }).not.toBe('–');
    }
    expect(await page.getByTestId('city-time').textContent()).toMatch(/\d\d:\d\d:\d\d/);
  });

  it('shows KPI values that change over time', async () => {
    const read = async () => Promise.all(['heat', 'traffic', 'parking', 'charging'].map(kpiValue));
    const first = await read();
    await expect.poll(read, { timeout: 30_000, interval: 1000 }).not.toEqual(first);
  });

  it('draws the map and the live layers (not a blank canvas)', async () => {
    // give deck.gl a moment to draw the heat surface and the links after the data arrived
    await page.waitForTimeout(2000);
    const stats = await mapPixelStats();
    expect(stats.distinct).toBeGreaterThan(500);
    expect(stats.coloured).toBeGreaterThan(0.05);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard.png') });
  });

  it('switches a layer off and on', async () => {
    const before = await mapPixelStats();
    // the heat surface covers the whole city, a large part of the map; on a loaded machine the redraw may take a while
    const changedFrom = async (png: string) => (await mapPixelStats(png)).changed;
    await page.getByTestId('toggle-climate').uncheck();
    await expect.poll(() => changedFrom(before.png), { timeout: 15_000, interval: 500 }).toBeGreaterThan(0.15);
    const without = await mapPixelStats();
    await expect.poll(() => page.getByTestId('legend-climate').count()).toBe(0);
    await page.getByTestId('toggle-climate').check();
    await expect.poll(() => changedFrom(without.png), { timeout: 15_000, interval: 500 }).toBeGreaterThan(0.15);
  }, 90_000);

  it('shows a tooltip with values, units and time when hovering a car park', async () => {
    // A charging site shares the car park's forecourt: hide that layer so the car park is on top.
    await page.getByTestId('toggle-charging').uncheck();
    await page.waitForTimeout(300);
    const box = (await page.getByTestId('map').boundingBox())!;
    const target = await page.evaluate(() => {
      const w = window as unknown as { __stadtpulsProject?: (lonLat: [number, number]) => [number, number] };
      return w.__stadtpulsProject?.([7.23289, 51.49308]) ?? null;
    });
    expect(target, 'the page exposes its map projection for tests').not.toBeNull();
    await page.mouse.move(box.x + target![0], box.y + target![1]);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ timeout: 5000 });
    const text = await tooltip.textContent();
    expect(text).toContain('PH Stadionring');
    expect(text).toMatch(/freie Plätze/);
    expect(text).toMatch(/gemessen \d\d:\d\d:\d\d/);
    await page.screenshot({ path: path.join(SHOTS, 'tooltip.png') });
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.getByTestId('toggle-charging').check();
  });

  it('closes a link from the map and lifts the closure again', async () => {
    const detector = server.sensors.ofKind('traffic').find((f) => f.properties.street === 'A43')!;
    const coords = detector.geometry.coordinates as Array<[number, number]>;
    const i = Math.min(Math.floor(coords.length / 2), coords.length - 2);
    const [at, next] = await page.evaluate(
      (pts) => pts.map((lonLat) => (window as unknown as { __stadtpulsProject: (p: [number, number]) => [number, number] }).__stadtpulsProject(lonLat)),
      [coords[i], coords[i + 1]],
    );
    // Each direction is drawn beside the centre line, on the right of its travel (0.65 line widths out): the centre
    // line itself lies between the two directions, and a click there picked the other one once. 3.5 px to the right.
    const [dx, dy] = [next[0] - at[0], next[1] - at[1]];
    const norm = Math.hypot(dx, dy) || 1;
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + at[0] + (-dy / norm) * 3.5, box.y + at[1] + (dx / norm) * 3.5);
    await page.getByTestId('link-control').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('link-control').textContent()).toContain('A43');
    // anonymous: no closure buttons, a hint to log in; then log in as an operator from the header
    await page.getByTestId('need-operator').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('close-link').count()).toBe(0);
    await page.getByTestId('login-open').click();
    await page.getByTestId('login-name').fill(OPERATOR.name);
    await page.getByTestId('login-password').fill(OPERATOR.password);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="auth-user"][data-role="operator"]').waitFor({ timeout: 10_000 });
    // closed until two hours of city time from now, with a note: the closures panel lists it with who and until when
    const { cityTime } = (await (await fetch(`${url}/api/state`)).json()) as { cityTime: number };
    const until = Math.floor((cityTime + 2 * 3_600_000) / 60_000) * 60_000;
    await page.getByTestId('closure-until').fill(toBochumInput(until));
    await page.getByTestId('closure-note').fill('Bergung');
    await page.getByTestId('close-link').click();
    await page.getByTestId('closure-state').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('closure-state').textContent()).toContain('Gesperrt');
    expect(await page.getByTestId('closure-state').textContent()).toContain(`bis ${toBochumInput(until).slice(11)}`);
    const { closures } = await (await fetch(`${url}/api/traffic/closures`)).json();
    expect(closures.map((c: { kind: string; linkId: string; until?: number; setBy?: string }) => [c.kind, c.linkId, c.until, c.setBy])).toEqual([['closure', detector.properties.linkId, until, OPERATOR.name]]);
    const row = page.locator(`[data-testid="closure-row"][data-id="${closures[0].id}"]`);
    await row.waitFor({ timeout: 10_000 });
    const rowText = (await row.textContent()) ?? '';
    for (const part of ['A43', OPERATOR.name, 'Bergung', toBochumInput(until).slice(11)]) expect(rowText).toContain(part);
    await page.screenshot({ path: path.join(SHOTS, 'closure.png') });

    // the closure raised a traffic alert: the operator acknowledges it with a comment in the alert list
    const alertId = await acknowledgeClosureAlert(closures[0].id, 'Umleitung über Castroper Str. ausgeschildert');
    const { alerts } = (await (await fetch(`${url}/api/alerts?kind=traffic`)).json()) as { alerts: Array<{ id: string; state: string; acknowledgedBy?: string; acknowledgedComment?: string }> };
    expect(alerts.find((a) => a.id === alertId)).toMatchObject({ state: 'ack_active', acknowledgedBy: OPERATOR.name, acknowledgedComment: 'Umleitung über Castroper Str. ausgeschildert' });

    await page.getByTestId('lift-closure').click();
    await expect.poll(() => page.getByTestId('closure-state').count(), { timeout: 10_000 }).toBe(0);
    expect((await (await fetch(`${url}/api/traffic/closures`)).json()).closures).toEqual([]);
    const audit = (await server.auth.store!.audit({ limit: 10 })).map((e) => [e.action, e.actor]);
    expect(audit.slice(0, 4)).toEqual([['closure_lifted', OPERATOR.name], ['alert_acknowledged', OPERATOR.name], ['closure_set', OPERATOR.name], ['login', OPERATOR.name]]);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-open').waitFor({ timeout: 10_000 });
    await page.getByTestId('need-operator').waitFor({ timeout: 5000 });
    await page.locator('.link-control .close').click();
  }, 90_000);

  it('switches to English and back', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('kpi-charging').textContent()).toContain('Charge points free');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('kpi-charging').textContent()).toContain('Ladepunkte frei');
  });

  it('says so when the link to the server is lost', async () => {
    await server.stop();
    await page.locator('[data-testid="connection"][data-status="offline"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('stale-banner').textContent()).toContain('Verbindung unterbrochen');
    await page.screenshot({ path: path.join(SHOTS, 'offline.png') });
  });

  it('reconnects by itself when the server is back, with a fresh snapshot', async () => {
    const port = new URL(url).port;
    ({ server, url } = await startTestServer({ PORT: port, SIM_START: '2026-06-16T15:00:00+02:00' }));
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('stale-banner').count()).toBe(0);
    // the new server's clock (15:00) replaced the old one's (14:00…)
    await expect.poll(() => page.getByTestId('city-time').textContent()).toMatch(/15:0\d:\d\d/);
  });

  it('ran under the Content-Security-Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket\.io|^Failed to load resource/.test(e))).toEqual([]);
  });
});
