import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CLIENT_DIST_DIR, REPO_ROOT } from '../../server/paths.js';

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
