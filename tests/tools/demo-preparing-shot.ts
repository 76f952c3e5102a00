/**
 * Screenshots of the demo's "preparing" states (issue 12) at 1920×1080, 3840×2160 and 390×844 against a
 * running server: the first-start card while the first chapter is recorded, and the note over a held
 * frame while the next chapter is. The server's /api/demo answer is rewritten in the page (recordings
 * not yet made that far), so no recording has to be running:
 * `npx tsx tests/tools/demo-preparing-shot.ts http://127.0.0.1:8187 [outPrefix]` (ONLY=first|next,
 * ONLY_WIDTH=1920 for one of them).
 */
import { demoResponseSchema, type DemoResponse } from '../../common/tour.js';
import { launchChromium } from '../helpers/chromium.js';

const [url, prefix = 'test-results/demo-preparing'] = process.argv.slice(2);
if (!url) throw new Error('usage: demo-preparing-shot.ts <server url> [outPrefix]');
const sizes = [[1920, 1080], [3840, 2160], [390, 844]] as const;

/** `first`: the first chapter's recording 40 % of the way to its first step's end; else the VfL recording is not made yet. */
function rewrite(d: DemoResponse, first: boolean): DemoResponse {
  const out = structuredClone(d);
  for (const rec of out.tour.recordings) {
    const r = out.recordings[rec.id];
    if (first ? true : rec.id === 'vfl') Object.assign(r, { ready: false, recordedTo: null, run: first && rec.id === 'hitze' ? r.run : null });
  }
  if (first) {
    const from = Date.parse(out.tour.recordings[0].from);
    out.recordings.hitze.recordedTo = from + 0.4 * (Date.parse(out.tour.chapters[0].steps[0].window.to) - from);
  } else out.recordings.vfl.recordedTo = Date.parse(out.tour.recordings.find((r) => r.id === 'vfl')!.from) + 3_600_000;
  return out;
}

for (const first of process.env.ONLY === 'next' ? [false] : process.env.ONLY === 'first' ? [true] : [true, false]) {
  for (const [w, h] of sizes.filter(([w]) => !process.env.ONLY_WIDTH || String(w) === process.env.ONLY_WIDTH)) {
    const browser = await launchChromium({ width: w, height: h });
    try {
      const page = await browser.newPage();
      await page.route('**/api/demo/smart-citycon', async (route) => {
        // fetched from here: playwright's route.fetch() had its connection reset by the server
        const res = await fetch(route.request().url());
        await route.fulfill({ json: rewrite(demoResponseSchema.parse(await res.json()), first) });
      });
      // the last slide of the night chapter (3), quick, so the tour reaches its end and waits for the VfL recording
      await page.goto(`${url}/?demo=smart-citycon&lang=de${first ? '' : '&slide=3&speed=4'}`, { timeout: 300_000 });
      const note = page.getByTestId('demo-preparing');
      await note.waitFor({ timeout: 400_000 });
      if (!first) await page.locator('[data-testid="view-mode"][data-loaded="yes"]').waitFor({ timeout: 400_000 });
      await page.waitForTimeout(2_000);
      const file = `${prefix}-${first ? 'first' : 'next'}-${w}x${h}.png`;
      await page.screenshot({ path: file, timeout: 600_000 });
      console.log(file, await note.getAttribute('data-progress'));
    } finally {
      await browser.close();
    }
  }
}
