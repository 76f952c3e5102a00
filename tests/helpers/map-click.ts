import type { Page } from 'playwright-core';

/** Clicks the map at a longitude/latitude (through the page's `__stadtpulsProject`, set by MapView), as a planner draws. */
export async function clickMapAt(p: Page, at: [number, number]): Promise<void> {
  const [x, y] = await p.evaluate((lonLat) => (window as unknown as { __stadtpulsProject: (l: [number, number]) => [number, number] }).__stadtpulsProject(lonLat), at);
  const box = (await p.getByTestId('map').boundingBox())!;
  await p.mouse.click(box.x + x, box.y + y);
}
