import type { BrowserContext } from 'playwright-core';

/**
 * Deuteranopia by the Machado, Oliveira & Fernandes (2009) matrix at full severity: the screenshot
 * is shown again on a blank page (the app's CSP rightly refuses inline styles) through an SVG
 * feColorMatrix filter applied by CSS, and photographed. client/src/whatif/traffic/colour-vision.ts
 * applies the same matrix to the roadworks colours.
 */
export async function deuteranopiaShot(browser: BrowserContext, png: Buffer, file: string, size: { width: number; height: number }): Promise<void> {
  const sim = await browser.newPage();
  await sim.setViewportSize(size);
  await sim.setContent(`<!doctype html><body style="margin:0">
    <svg style="position:absolute;width:0;height:0"><filter id="d" color-interpolation-filters="linearRGB">
      <feColorMatrix type="matrix" values="0.367322 0.860646 -0.227968 0 0  0.280085 0.672501 0.047413 0 0  -0.011820 0.042940 0.968881 0 0  0 0 0 1 0"/>
    </filter></svg>
    <img src="data:image/png;base64,${png.toString('base64')}" style="display:block;filter:url(#d)"></body>`);
  await sim.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await sim.screenshot({ path: file });
  await sim.close();
}
