import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH overrides it. playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM_PATH}. Install it with:\n\n    sudo apt-get install -y chromium\n\n` +
        '(or set CHROMIUM_PATH to another Chromium/Chrome binary). The browser test is never skipped.',
    );
  }
}

/** A fresh headless Chromium with its own profile, as the CI machine runs it. */
export async function launchChromium(viewport = { width: 1600, height: 1000 }): Promise<BrowserContext> {
  assertChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Software WebGL2, so deck.gl really draws without a GPU.
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  });
}
