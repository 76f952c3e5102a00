import type { Page } from 'playwright-core';

/**
 * Clicks the map at a longitude/latitude (through the page's `__stadtpulsProject`, set by MapView), as a planner draws.
 * Throws, naming the element, when a panel covers that point: the click would land on the panel, not on the map.
 */
export async function clickMapAt(p: Page, at: [number, number]): Promise<void> {
  const [x, y] = await p.evaluate((lonLat) => (window as unknown as { __stadtpulsProject: (l: [number, number]) => [number, number] }).__stadtpulsProject(lonLat), at);
  const box = (await p.getByTestId('map').boundingBox())!;
  const covering = await p.evaluate(([px, py]) => {
    const el = document.elementFromPoint(px, py);
    if (el instanceof HTMLCanvasElement && el.closest('[data-testid="map"]')) return null;
    return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}` : 'nothing (off screen)';
  }, [box.x + x, box.y + y]);
  if (covering) throw new Error(`clickMapAt(${at.join(', ')}): the point (${Math.round(box.x + x)}, ${Math.round(box.y + y)}) is covered by ${covering}, not the map`);
  await p.mouse.click(box.x + x, box.y + y);
}
