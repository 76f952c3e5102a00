/**
 * The login page at a given size: `npx tsx tests/tools/login-shot.ts <url> <out.png> <width> <height>`.
 * Against a server with PUBLIC_READ=off it is the full page; with OIDC_ISSUER set it offers the city account.
 */
import { launchChromium } from '../helpers/chromium.js';

const [url = 'http://localhost:8080', out = 'test-results/login.png', width = '1920', height = '1080'] = process.argv.slice(2);
const browser = await launchChromium({ width: Number(width), height: Number(height) });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
