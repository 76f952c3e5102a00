/**
 * Screenshots of the climate-indicator table (issue 11) in the district detail panel:
 * `TEST_CLIENT_DIR=/tmp/dist npx tsx tests/tools/climate-indicators-shot.ts [outPrefix]`.
 * A server replays the August 2024 heatwave scenario (simulated parking only) with its clock at
 * 14 Aug 2024 20:00; 44 h of SYNTHETIC climate readings (a diurnal curve, warmer in Mitte) go in
 * through POST /api/ingest so the table has complete days and nights to count. For looking, not for figures.
 */
import { bochumParts } from '../../common/bochum-time.js';
import type { Reading } from '../../common/readings.js';
import { loadSensorIndex } from '../../server/registry.js';
import { launchChromium } from '../helpers/chromium.js';
import { startTestServer } from '../helpers/test-server.js';

const [prefix = 'test-results/climate-indicators'] = process.argv.slice(2);
const KEY = 'climate-indicators-shot-key';
const NOW = Date.parse('2024-08-14T20:00:00+02:00');
const { server, url } = await startTestServer({ SCENARIO: 'hitzewelle-august-2024', SIM_START: '2024-08-14T20:00:00+02:00', SIM_SPEED: '1', SIMULATOR_KINDS: 'parking', INGEST_API_KEYS: KEY });
try {
  const readings: Reading[] = [];
  const stations = loadSensorIndex().ofKind('climate');
  for (let t = NOW - 44 * 3_600_000; t < NOW - 60_000; t += 15 * 60_000) {
    const h = bochumParts(t).hour + bochumParts(t).minute / 60;
    stations.forEach((s, i) => {
      const warm = s.properties.district === 'Mitte' ? 1.5 : 0;
      const airTempC = 24 + warm + (i % 4) * 0.6 + 7 * Math.cos(((h - 15) / 24) * 2 * Math.PI);
      readings.push({ sensorId: s.id, kind: 'climate', ts: t, values: { airTempC: Math.round(airTempC * 10) / 10, relHumidityPct: 45, windKmh: 3, solarWm2: 200 } });
    });
  }
  for (let i = 0; i < readings.length; i += 5000) {
    await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(readings.slice(i, i + 5000)) });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const sizes = [[1920, 1080], [3840, 2160], [390, 844]] as const;
  for (const [w, h] of sizes.filter(([w]) => !process.env.ONLY_WIDTH || String(w) === process.env.ONLY_WIDTH)) {
    const browser = await launchChromium({ width: w, height: h });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
      const row = page.locator('[data-testid="district-mitte"]');
      // the phone layout folds the lists into a bottom sheet: open it first
      if (w < 700) await page.getByText('Ebenen · Meldungen · Listen').click();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      const table = page.locator('[data-testid="climate-indicators"]');
      await table.waitFor({ timeout: 30_000 });
      await table.scrollIntoViewIfNeeded();
      await page.waitForTimeout(2000);
      await page.screenshot({ path: `${prefix}-${w}x${h}.png` });
      console.log(`saved ${prefix}-${w}x${h}.png`);
    } catch (err) {
      console.log(`${w}x${h}: ${(err as Error).message.split('\n')[0]}`);
      await browser.pages().at(-1)?.screenshot({ path: `${prefix}-${w}x${h}-failed.png` }).catch(() => {});
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}
