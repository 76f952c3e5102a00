/**
 * A screenshot of the alert list as an operator works it: logs in, opens the whole list, opens the
 * first group, acknowledges its first alert with a comment and opens the acknowledge form of the next.
 * `npx tsx tests/tools/alert-list-screenshot.ts http://localhost:8080 user password docs/alert-list.png [width] [height]`
 */
import { launchChromium } from '../helpers/chromium.js';

const [url = 'http://localhost:8080', user = 'admin', password = '', out = 'test-results/alert-list.png', width = '1920', height = '1080'] = process.argv.slice(2);
const browser = await launchChromium({ width: Number(width), height: Number(height) });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
  // Log in through the API from the page, so the session cookie is the page's own; reload to pick it up.
  const status = await page.evaluate(async ([name, pw]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: pw }) })).status, [user, password]);
  if (status !== 200) throw new Error(`login as ${user}: HTTP ${status}`);
  await page.reload();
  await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="alerts"] [data-testid="alert-ack"]').first().waitFor({ timeout: 30_000 });
  const more = page.locator('[data-testid="alert-more"]');
  if (await more.count()) await more.click();
  const group = page.locator('[data-testid="alert-group"] .alert-group-head').first();
  if (await group.count()) {
    await group.click();
    // one member acknowledged with a comment (the list then says by whom), the next one's form open
    const acks = page.locator('[data-testid="alert-group"] [data-testid="alert"] [data-testid="alert-ack"]');
    await acks.first().click();
    await page.locator('[data-testid="alert-comment"]').fill('Polizei vor Ort, Umleitung ausgeschildert');
    await page.locator('[data-testid="alert-submit"]').click();
    await page.locator('[data-testid="alert-group"] [data-testid="alert-ack-info"]').first().waitFor({ timeout: 15_000 });
    if (await acks.count()) {
      await acks.first().click();
      await page.locator('[data-testid="alert-comment"]').fill('Streife informiert');
    }
  }
  await page.waitForTimeout(2500);
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
