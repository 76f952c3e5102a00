/**
 * Screenshots of the e-mobility panel (issue 11) at 1920×1080, 3840×2160 and 390×844 against a running
 * server: `npx tsx tests/tools/emobility-shot.ts http://127.0.0.1:8150 [outPrefix]`. Run the server with
 * a fast clock so it holds a day, e.g. `SIM_START=2026-06-09T00:00:00+02:00 SIM_SPEED=240
 * SIMULATOR_KINDS=charging,parking,climate PORT=8150 npx tsx tests/tools/serve-client.ts /tmp/c`, and
 * SHOT_AT=2026-06-09T17:30:00+02:00 to look back at a day once it is recorded.
 */
import { launchChromium } from '../helpers/chromium.js';

const [url, prefix = 'test-results/emobility'] = process.argv.slice(2);
if (!url) throw new Error('usage: emobility-shot.ts <server url> [outPrefix]');
const lang = process.env.SHOT_LANG ?? 'de';
/** SHOT_AT: an instant to look back at (the time cursor), e.g. 2026-06-09T17:30:00+02:00 */
const at = process.env.SHOT_AT ? `&t=${Date.parse(process.env.SHOT_AT)}` : '';
const sizes = [[1920, 1080], [3840, 2160], [390, 844]] as const;
for (const [w, h] of sizes.filter(([w]) => !process.env.ONLY_WIDTH || String(w) === process.env.ONLY_WIDTH)) {
  const browser = await launchChromium({ width: w, height: h });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/?lang=${lang}${at}&emobility`, { timeout: 300_000 });
    await page.locator('[data-testid="emob-city-chart"] .recharts-area-area').first().waitFor({ timeout: 400_000 });
    await page.getByTestId('emob-ev-chart').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1500);
    const file = `${prefix}-${w}x${h}-${lang}.png`;
    await page.screenshot({ path: file, timeout: 300_000 });
    console.log(file);
  } finally {
    await browser.close();
  }
}
