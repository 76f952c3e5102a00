import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Stadtpuls } from '../../server/app.js';
import { CLIENT_DIST_DIR, REPO_ROOT } from '../../server/paths.js';
import { launchChromium } from './chromium.js';
import { startTestServer } from './test-server.js';

/** The client a browser test serves: dist/client, or TEST_CLIENT_DIR (a `vite build --outDir` elsewhere, while dist/ is being rebuilt). */
export const TEST_CLIENT_DIR = process.env.TEST_CLIENT_DIR ?? CLIENT_DIST_DIR;
/** Screenshots that are not docs pictures (those go through docShot). */
export const SHOTS_DIR = path.join(REPO_ROOT, 'test-results');

/** Fails early, with what to do, when there is no built client to serve; makes the screenshot folder. */
export function requireBuiltClient(): void {
  if (!existsSync(path.join(TEST_CLIENT_DIR, 'index.html'))) {
    throw new Error(`The client is not built in ${TEST_CLIENT_DIR}: \`npm test\` builds it first; alone, run \`npm run build\` (or set TEST_CLIENT_DIR).`);
  }
  mkdirSync(SHOTS_DIR, { recursive: true });
}

/**
 * Collects what a page reports as broken into `errors`: uncaught exceptions, console errors and, with
 * `httpErrors`, every answer of 400 or more (a panel asking for what cannot exist is a bug too).
 */
export function collectPageErrors(page: Page, errors: string[], opts: { httpErrors?: boolean } = {}): void {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  if (opts.httpErrors) {
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
  }
}

export interface BrowserTest {
  server: Stadtpuls;
  url: string;
  browser: BrowserContext;
  page: Page;
  /** closes the browser and stops the server; prints what the page reported as broken */
  close(): Promise<void>;
}

/** A test server with `env` and a Chromium page (1920×1080 unless told) whose errors are collected into `errors`. */
export async function startBrowserTest(
  env: Record<string, string>,
  errors: string[],
  opts: { httpErrors?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserTest> {
  requireBuiltClient();
  const { server, url } = await startTestServer(env);
  const browser = await launchChromium(opts.viewport ?? { width: 1920, height: 1080 });
  const page = await browser.newPage();
  collectPageErrors(page, errors, opts);
  return {
    server,
    url,
    browser,
    page,
    async close() {
      if (errors.length > 0) console.log('page errors:', errors);
      await browser.close();
      await server.stop();
    },
  };
}
