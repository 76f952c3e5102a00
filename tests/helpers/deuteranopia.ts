import type { BrowserContext } from 'playwright-core';
import { DEUTERANOPIA } from '../../client/src/map/colour-vision.js';

/** feColorMatrix's 4×5 values: the RGB rows with no alpha or offset, alpha kept. */
const MATRIX_VALUES = [...DEUTERANOPIA.map((row) => `${row.join(' ')} 0 0`), '0 0 0 1 0'].join('  ');

/**
 * Deuteranopia by the Machado, Oliveira & Fernandes (2009) matrix at full severity: the screenshot
 * is shown again on a blank page (the app's CSP rightly refuses inline styles) through an SVG
 * feColorMatrix filter applied by CSS, and photographed. The matrix is client/src/map/colour-vision.ts's,
 * which the colour tests apply to the map's scales.
 */
export async function deuteranopiaShot(browser: BrowserContext, png: Buffer, file: string, size: { width: number; height: number }): Promise<void> {
  const sim = await browser.newPage();
  await sim.setViewportSize(size);
  await sim.setContent(`<!doctype html><body style="margin:0">
    <svg style="position:absolute;width:0;height:0"><filter id="d" color-interpolation-filters="linearRGB">
      <feColorMatrix type="matrix" values="${MATRIX_VALUES}"/>
    </filter></svg>
    <img src="data:image/png;base64,${png.toString('base64')}" style="display:block;filter:url(#d)"></body>`);
  await sim.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await sim.screenshot({ path: file });
  await sim.close();
}
