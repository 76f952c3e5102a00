/**
 * The wall at a given size, measured and photographed: `npx tsx tests/tools/wall-shot.ts <url> <out.png> <width> <height> [waitMs]`.
 * Prints the measurement (city share of the map, smallest text) as JSON. A 4K frame in software
 * WebGL takes long to capture, hence the generous screenshot timeout.
 */
import { launchChromium } from '../helpers/chromium.js';
import { measureWall } from '../helpers/wall-measure.js';

const [url = 'http://localhost:8080/?wall=1', out = 'test-results/wall.png', width = '3840', height = '2160', wait = '6000'] = process.argv.slice(2);
const browser = await launchChromium({ width: Number(width), height: Number(height) });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('[data-testid="connection"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(Number(wait));
  console.log(JSON.stringify(await measureWall(page)));
  await page.screenshot({ path: out, timeout: 240_000 });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
