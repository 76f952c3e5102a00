/**
 * Takes a screenshot of a running Stadtpuls page in headless Chromium, for docs and for looking at
 * what a person sees: `npx tsx tests/tools/screenshot.ts http://localhost:8080 docs/x.png [waitMs] [width] [height]`.
 */
import { launchChromium } from '../helpers/chromium.js';

const [url = 'http://localhost:8080', out = 'test-results/screenshot.png', wait = '6000', width = '1600', height = '1000'] = process.argv.slice(2);
const browser = await launchChromium({ width: Number(width), height: Number(height) });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(Number(wait));
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
