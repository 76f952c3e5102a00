import type { Page } from 'playwright-core';

export interface WallMeasure {
  viewport: { width: number; height: number };
  map: { width: number; height: number };
  /** the city boundary's bounding box projected through the map, px */
  city: { width: number; height: number };
  /** city width ÷ map width, city height ÷ map height */
  share: { width: number; height: number };
  /** the smallest computed font size of visible text in the page, px, and where */
  smallestDomText: { px: number; text: string; where: string };
  /** deck.gl text layers: size × wall scale, px */
  mapText: Record<string, number>;
}

/**
 * Measures the wall as it is drawn: how much of the map the city fills (its boundary's bounding
 * box projected through maplibre), the smallest visible DOM text (computed font size of every
 * visible element with text of its own) and the deck.gl labels' drawn sizes.
 */
export async function measureWall(page: Page): Promise<WallMeasure> {
  return page.evaluate(async () => {
    const boundary = (await (await fetch('/city/boundary.geojson')).json()) as { features: Array<{ geometry: { type: string; coordinates: unknown } }> };
    const points: Array<[number, number]> = [];
    for (const f of boundary.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][]);
      for (const poly of polys) for (const ring of poly) for (const [lon, lat] of ring) points.push([lon!, lat!]);
    }
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const project = (window as unknown as { __stadtpulsProject: (l: [number, number]) => [number, number] }).__stadtpulsProject;
    const [x0, y0] = project([Math.min(...lons), Math.max(...lats)]);
    const [x1, y1] = project([Math.max(...lons), Math.min(...lats)]);
    const mapRect = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    const city = { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };

    let smallest = { px: Infinity, text: '', where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      if (el.closest('.maplibregl-ctrl-attrib')) continue; // the map's attribution stays small by convention; it is folded (compact)
      if (rect.bottom < 0 || rect.right < 0 || rect.top > window.innerHeight || rect.left > window.innerWidth) continue;
      const px = parseFloat(style.fontSize);
      if (px < smallest.px) smallest = { px, text: text.slice(0, 40), where: el.className || el.tagName };
    }
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      map: { width: mapRect.width, height: mapRect.height },
      city,
      share: { width: city.width / mapRect.width, height: city.height / mapRect.height },
      smallestDomText: smallest,
      mapText: (window as unknown as { __stadtpulsWallText?: Record<string, number> }).__stadtpulsWallText ?? {},
    };
  });
}
